package cn.beijing.carboninclusion.common;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Limits what one client address may file per hour on the public endpoints (objections, comments):
 * {@code carbon-inclusion.rules.objections-per-hour-per-client}. On PostgreSQL the buckets live in the database
 * (table {@code rate_limit_bucket}, Bucket4j's select-for-update proxy manager), so the limit holds across every node
 * of a cluster; the embedded H2 default runs one node and keeps them in memory. Behind a reverse proxy set
 * {@code server.forward-headers-strategy=native} so the client's address is seen.
 */
@Component
public class ClientRateLimiter {
  static final String TABLE = "rate_limit_bucket";

  private final int perHour;
  private final Function<String, Bucket> buckets;
  private final PostgreSQLSelectForUpdateBasedProxyManager<String> shared;

  public ClientRateLimiter(PublicInputLimits limits, DataSource dataSource) {
    this.perHour = limits.objectionsPerHourPerClient();
    BucketConfiguration configuration = BucketConfiguration.builder()
        .addLimit(Bandwidth.builder().capacity(perHour).refillGreedy(perHour, Duration.ofHours(1)).build())
        .build();
    if (isPostgreSql(dataSource)) {
      shared = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource).primaryKeyMapper(PrimaryKeyMapper.STRING)
          .table(TABLE).idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
          .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
          .build();
      buckets = key -> shared.builder().build(key, () -> configuration);
    } else {
      shared = null;
      Cache<String, Bucket> local = Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(2)).maximumSize(100_000)
          .build();
      buckets = key -> local.get(key, k -> Bucket.builder().addLimit(configuration.getBandwidths()[0]).build());
    }
  }

  /** Takes one request of {@code client}'s allowance for {@code purpose}, or refuses with 429. */
  public void acquire(String purpose, String client) {
    if (!buckets.apply(purpose + "|" + client).tryConsume(1)) {
      throw new TooManyRequestsException("提交过于频繁，请稍后再试 (at most " + perHour + " per hour)");
    }
  }

  /** Full buckets (nothing taken for an hour) are removed from the shared table. */
  @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT10M")
  void removeFullBuckets() {
    if (shared != null) {
      while (shared.removeExpired(1000) == 1000) {
        // keep going while whole batches expire
      }
    }
  }

  private static boolean isPostgreSql(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the database's product name", e);
    }
  }
}
