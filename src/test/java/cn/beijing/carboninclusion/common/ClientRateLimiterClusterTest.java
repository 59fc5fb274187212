package cn.beijing.carboninclusion.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The public endpoints' rate limit holds across the nodes of a cluster: two nodes (two limiters on the same
 * PostgreSQL) share one allowance per client, kept in {@code rate_limit_bucket}.
 */
class ClientRateLimiterClusterTest extends PlatformIntegrationTest {
  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;

  @Test
  void twoNodesShareOneAllowancePerClient() {
    ClientRateLimiter nodeA = new ClientRateLimiter(new PublicInputLimits(3), dataSource);
    ClientRateLimiter nodeB = new ClientRateLimiter(new PublicInputLimits(3), dataSource);
    String client = "203.0.113." + UUID.randomUUID();

    nodeA.acquire("objection", client);
    nodeB.acquire("objection", client);
    nodeA.acquire("objection", client);
    assertThatThrownBy(() -> nodeB.acquire("objection", client)).isInstanceOf(TooManyRequestsException.class)
        .hasMessageContaining("at most 3 per hour");
    assertThatThrownBy(() -> nodeA.acquire("objection", client)).isInstanceOf(TooManyRequestsException.class);

    // another purpose and another client have allowances of their own
    nodeB.acquire("comment", client);
    nodeB.acquire("objection", client + "-other");
    assertThat(jdbc.queryForObject("select count(*) from rate_limit_bucket where id like ?", Long.class,
        "%" + client + "%")).isEqualTo(3);
  }
}
