package cn.beijing.carboninclusion.reduction;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carbon-inclusion.reduction.*}: technical thresholds of reduction applications (data checks). The look-back
 * years and the time limits are scheme rules in scheme-rules.dmn ({@code SchemeRuleBook}).
 *
 * @param recomputeTolerance relative difference between the claimed and the platform's recomputed reduction above
 *     which the reviewer is warned (0.05 = 5%)
 * @param maxValuePerActivity data-quality bound: the largest value any numeric field of one activity record may have
 */
@ConfigurationProperties(prefix = "carbon-inclusion.reduction")
public record ReductionSettings(
    @DefaultValue("0.05") BigDecimal recomputeTolerance,
    @DefaultValue("1000000") BigDecimal maxValuePerActivity) {

  /** A negative tolerance would put the limit below the recomputation itself; refused at start-up, naming the key. */
  public ReductionSettings {
    if (recomputeTolerance == null || recomputeTolerance.signum() < 0 || recomputeTolerance.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("carbon-inclusion.reduction.recompute-tolerance must be between 0 and 1, not "
          + recomputeTolerance);
    }
    if (maxValuePerActivity == null || maxValuePerActivity.signum() <= 0) {
      throw new IllegalArgumentException("carbon-inclusion.reduction.max-value-per-activity must be positive, not "
          + maxValuePerActivity);
    }
  }
}
