package cn.beijing.carboninclusion.common;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The total counts of the large public lists (the disclosure feed, the reduction applications: millions of rows),
 * kept as long as a public answer ({@code carbon-inclusion.public-cache.ttl}, docs/portal.md): counting a million rows
 * for every page asked for would cost more than the page. Zero keeps nothing (every page counts).
 */
@Component
public class PublicCounts {
  private final Cache<String, Long> counts;

  PublicCounts(@Value("${carbon-inclusion.public-cache.ttl:PT5S}") Duration ttl) {
    this.counts = ttl.isZero() || ttl.isNegative() ? null
        : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(1000).build();
  }

  /** The count of the list named {@code key} (its filters included), counted when not known. */
  public long count(String key, LongSupplier counter) {
    return counts == null ? counter.getAsLong() : counts.get(key, k -> counter.getAsLong());
  }
}
