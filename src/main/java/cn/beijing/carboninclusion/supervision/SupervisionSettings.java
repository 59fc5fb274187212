package cn.beijing.carboninclusion.supervision;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carbon-inclusion.supervision.*}: bars and Class II yearly reports.
 *
 * @param barYears length of a bar when the bureau gives no end date, in years (3: falsification bars for 3 years)
 * @param classTwoReportDueDays the yearly report of a Class II project for year Y is due this many calendar days
 *     after 1 January of Y+1 (90)
 */
@ConfigurationProperties(prefix = "carbon-inclusion.supervision")
public record SupervisionSettings(
    @DefaultValue("3") int barYears,
    @DefaultValue("90") int classTwoReportDueDays) {

  public SupervisionSettings {
    if (barYears < 1) {
      throw new IllegalArgumentException("carbon-inclusion.supervision.bar-years must be at least 1");
    }
    if (classTwoReportDueDays < 0) {
      throw new IllegalArgumentException("carbon-inclusion.supervision.class-two-report-due-days must not be negative");
    }
  }
}
