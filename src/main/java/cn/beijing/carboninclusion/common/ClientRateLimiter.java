package cn.beijing.carboninclusion.common;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Limits what one client address may file per hour on the public endpoints (objections, comments):
 * {@code carbon-inclusion.rules.objections-per-hour-per-client}. Per node; behind a reverse proxy set
 * {@code server.forward-headers-strategy=native} so the client's address is seen.
 */
@Component
public class ClientRateLimiter {
  private final Cache<String, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(2))
      .maximumSize(100_000).build();
  private final int perHour;

  public ClientRateLimiter(PublicInputLimits limits) {
    this.perHour = limits.objectionsPerHourPerClient();
  }

  /** Takes one request of {@code client}'s allowance for {@code purpose}, or refuses with 429. */
  public void acquire(String purpose, String client) {
    Bucket bucket = buckets.get(purpose + "|" + client, key -> Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(perHour).refillGreedy(perHour, Duration.ofHours(1)).build())
        .build());
    if (!bucket.tryConsume(1)) {
      throw new TooManyRequestsException("提交过于频繁，请稍后再试 (at most " + perHour + " per hour)");
    }
  }
}
