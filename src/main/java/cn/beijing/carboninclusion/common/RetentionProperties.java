package cn.beijing.carboninclusion.common;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.scheduling.support.CronExpression;

/**
 * {@code carbon-inclusion.retention.*}: how long personal data is kept after the event that ends its purpose, and when
 * the retention job runs (docs/personal-data.md). A bare number is days ({@code 180}); {@code 180d} and {@code P180D}
 * mean the same. A period of zero or less, or a cron that does not parse, stops the start naming the property.
 *
 * @param cron when {@link PersonalDataRetention} runs (Spring cron, six fields, in the scheme's time zone); default
 *     02:30 every night
 * @param objectionContact an objector's name and contact, from the decision on the objection (or from the end of the
 *     application it objected to, when the application ended undecided); default 180 days
 * @param commentContact a commenter's name and contact, from the end of the methodology's formulation (published or
 *     rejected); default 180 days
 * @param refusedChangeContact the contact values of a contact change that was not applied (rejected, refused,
 *     incomplete, terminated), from its decision; default 180 days
 * @param closedProjectContact a project's contact (every version) and its contact changes, from the end of the project
 *     (cancelled, withdrawn, rejected); default 1095 days (3 years)
 * @param noticeRecipient an e-mail notice's address, addressee and text, from its delivery (or its final failure);
 *     default 30 days
 */
@ConfigurationProperties(prefix = "carbon-inclusion.retention")
public record RetentionProperties(
    String cron,
    @DurationUnit(ChronoUnit.DAYS) Duration objectionContact,
    @DurationUnit(ChronoUnit.DAYS) Duration commentContact,
    @DurationUnit(ChronoUnit.DAYS) Duration refusedChangeContact,
    @DurationUnit(ChronoUnit.DAYS) Duration closedProjectContact,
    @DurationUnit(ChronoUnit.DAYS) Duration noticeRecipient) {

  public static final String DEFAULT_CRON = "0 30 2 * * *";

  public RetentionProperties {
    cron = cron == null || cron.isBlank() ? DEFAULT_CRON : cron.trim();
    if (!CronExpression.isValidExpression(cron)) {
      throw new IllegalArgumentException("carbon-inclusion.retention.cron: not a cron expression: '" + cron + "'");
    }
    objectionContact = positive("objection-contact", objectionContact, 180);
    commentContact = positive("comment-contact", commentContact, 180);
    refusedChangeContact = positive("refused-change-contact", refusedChangeContact, 180);
    closedProjectContact = positive("closed-project-contact", closedProjectContact, 1095);
    noticeRecipient = positive("notice-recipient", noticeRecipient, 30);
  }

  /** The defaults (as documented). */
  public static RetentionProperties defaults() {
    return new RetentionProperties(null, null, null, null, null, null);
  }

  private static Duration positive(String name, Duration value, long defaultDays) {
    if (value == null) {
      return Duration.ofDays(defaultDays);
    }
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException("carbon-inclusion.retention." + name + " must be a positive period, not "
          + value);
    }
    return value;
  }
}
