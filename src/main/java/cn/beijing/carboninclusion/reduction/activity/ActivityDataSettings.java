package cn.beijing.carboninclusion.reduction.activity;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carbon-inclusion.reduction.*}: activity data of reduction applications (docs/activity-data.md).
 *
 * @param maxDistanceKm data-quality bound: the longest trip one activity record may declare (km), 500
 * @param formulaChunkSize activity records per evaluation of the methodology's formula, 500 (the FEEL engine slows
 *     down per record on much larger lists; docs/benchmarks.md)
 */
@ConfigurationProperties(prefix = "carbon-inclusion.reduction")
public record ActivityDataSettings(
    @DefaultValue("500") BigDecimal maxDistanceKm,
    @DefaultValue("500") int formulaChunkSize) {

  public ActivityDataSettings {
    if (maxDistanceKm.signum() <= 0) {
      throw new IllegalArgumentException("carbon-inclusion.reduction.max-distance-km must be positive");
    }
    if (formulaChunkSize < 1) {
      throw new IllegalArgumentException("carbon-inclusion.reduction.formula-chunk-size must be at least 1");
    }
  }
}
