package cn.beijing.carboninclusion.reduction;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carbon-inclusion.reduction.*}: reduction applications.
 *
 * @param lookBackYears reductions may be claimed for periods that end at most this many years before the application
 *     (申请期限, CCER: 5)
 * @param recomputeTolerance relative difference between the claimed and the platform's recomputed reduction above
 *     which the reviewer is warned (0.05 = 5%)
 * @param reviewWorkingDays technical center review time limit (20 working days)
 * @param decisionWorkingDays bureau approval time limit (15 working days)
 * @param maxValuePerActivity data-quality bound: the largest value any numeric field of one activity record may have
 */
@ConfigurationProperties(prefix = "carbon-inclusion.reduction")
public record ReductionSettings(
    @DefaultValue("5") int lookBackYears,
    @DefaultValue("0.05") BigDecimal recomputeTolerance,
    @DefaultValue("20") int reviewWorkingDays,
    @DefaultValue("15") int decisionWorkingDays,
    @DefaultValue("1000000") BigDecimal maxValuePerActivity) {}
