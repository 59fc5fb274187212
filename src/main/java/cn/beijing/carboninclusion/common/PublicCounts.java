package cn.beijing.carboninclusion.common;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The total counts of the public lists (the disclosure feed and the reduction applications hold millions of rows) and
 * the values their filters offer, kept as long as a public answer ({@code carbon-inclusion.public-cache.ttl},
 * docs/portal.md): counting a million rows for every page asked for would cost more than the page. Zero keeps nothing
 * (every page counts).
 */
@Component
public class PublicCounts {
  private final Cache<String, Long> counts;
  private final Cache<String, Object> values;

  PublicCounts(@Value("${carbon-inclusion.public-cache.ttl:PT5S}") Duration ttl) {
    this.counts = ttl.isZero() || ttl.isNegative() ? null
        : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(1000).build();
    this.values = ttl.isZero() || ttl.isNegative() ? null
        : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100).build();
  }

  /** The count of the list named {@code key} (its filters included), counted when not known. */
  public long count(String key, LongSupplier counter) {
    return counts == null ? counter.getAsLong() : counts.get(key, k -> counter.getAsLong());
  }

  /** A small value a public list shows beside its rows (a filter's choices), read when not known. */
  @SuppressWarnings("unchecked")
  public <T> T value(String key, Supplier<T> reader) {
    return values == null ? reader.get() : (T) values.get(key, k -> reader.get());
  }
}
