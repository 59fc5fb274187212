package cn.beijing.carboninclusion.supervision;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carbon-inclusion.audit.*}: the calendar of the periodic audit of revenue use of registered Class I projects.
 * It stays a property (not a scheme rule in scheme-rules.dmn): a running audit cycle computes its next period from it,
 * so a change needs a planned migration. The review time limit is the scheme rule {@code auditReviewWorkingDays}.
 *
 * @param periodMonths length of an audit period in months, aligned on 1 January: 12 (yearly, the default), 6, 4,
 *     3, 2 or 1. The first period runs from the registration date to the end of the period it falls in.
 * @param reportDueDays calendar days after the end of a period by which its audit report is due (90)
 */
@ConfigurationProperties(prefix = "carbon-inclusion.audit")
public record AuditSettings(
    @DefaultValue("12") int periodMonths,
    @DefaultValue("90") int reportDueDays) {

  public AuditSettings {
    if (periodMonths < 1 || 12 % periodMonths != 0) {
      throw new IllegalArgumentException(
          "carbon-inclusion.audit.period-months must divide 12 (1, 2, 3, 4, 6 or 12), was " + periodMonths);
    }
    if (reportDueDays < 1) {
      throw new IllegalArgumentException("carbon-inclusion.audit.report-due-days must be positive");
    }
  }
}
