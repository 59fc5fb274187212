package cn.beijing.carboninclusion.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.beijing.carboninclusion.common.SecurityAudit.Event;
import cn.beijing.carboninclusion.common.SecurityAudit.Outcome;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The security audit's retention on PostgreSQL, in a schema of its own (created from the platform's own migrations)
 * so that the chain is the test's alone: rows are kept six months and never purged earlier — the database refuses —
 * and the daily purge removes the oldest rows as a prefix, records itself with the anchor, and the rest still
 * verifies. A retention shorter than six months stops the start.
 */
class SecurityAuditRetentionTest extends PlatformIntegrationTest {
  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;
  @Autowired Clock clock;

  @Test
  void rowsAreKeptSixMonthsAndThenPurgedAsAPrefixThatLeavesTheChainVerifiable() throws Exception {
    String schema = "audit_retention_" + UUID.randomUUID().toString().substring(0, 8);
    jdbc.execute("create schema " + schema);
    try {
      JdbcTemplate own = new JdbcTemplate(dataSourceOf(schema));
      for (String migration : List.of("db/migration/V30__security_audit.sql",
          "db/vendor/postgresql/V30_1__security_audit_append_only.sql")) {
        own.execute(new ClassPathResource(migration).getContentAsString(StandardCharsets.UTF_8));
      }
      SecurityAuditLog log = new SecurityAuditLog(own, new DataSourceTransactionManager(own.getDataSource()), clock);
      SecurityAuditRetention retention = new SecurityAuditRetention(own, log, clock, Period.parse("P6M"));
      try {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.now().minusMonths(8).toInstant()));
        for (int i = 0; i < 3; i++) {
          log.record(Event.LOGIN_FAILED, "old" + i, "user:old" + i, Outcome.FAILURE, "八个月前");
        }
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.now().minusMonths(2).toInstant()));
        for (int i = 0; i < 2; i++) {
          log.record(Event.LOGIN_FAILED, "recent" + i, "user:recent" + i, Outcome.FAILURE, "两个月前");
        }
      } finally {
        ClockUtil.reset();
      }
      String anchor = own.queryForObject("select hash from security_audit where id = 3", String.class);

      // younger than six months: the database refuses, whoever asks
      assertThatThrownBy(() -> own.update("delete from security_audit where id = 4"))
          .isInstanceOf(DataAccessException.class).hasMessageContaining("six months");

      assertThat(retention.purge()).isEqualTo(3);
      assertThat(own.queryForList("select id from security_audit order by id", Long.class)).containsExactly(4L, 5L,
          6L);
      assertThat(own.queryForObject("select event from security_audit where id = 6", String.class))
          .isEqualTo("AUDIT_PURGED");
      assertThat(own.queryForObject("select detail from security_audit where id = 6", String.class))
          .contains("3", "anchor " + anchor);
      SecurityAuditLog.Verification verification = log.verify();
      assertThat(verification.intact()).as(verification.toString()).isTrue();
      assertThat(verification.firstId()).isEqualTo(4);
      assertThat(verification.entries()).isEqualTo(3);
      assertThat(retention.purge()).as("nothing more is past retention").isZero();

      assertThatThrownBy(() -> new SecurityAuditRetention(own, log, clock, Period.parse("P3M")))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("six months");
    } finally {
      jdbc.execute("drop schema " + schema + " cascade");
    }
  }

  private DataSource dataSourceOf(String schema) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      String url = connection.getMetaData().getURL();
      return new DriverManagerDataSource(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
          connection.getMetaData().getUserName(), "postgres");
    }
  }
}
