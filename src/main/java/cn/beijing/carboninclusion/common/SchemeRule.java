package cn.beijing.carboninclusion.common;

import java.math.BigDecimal;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The scheme's rule parameters that officials change: one row each in the deployed DMN decision {@code SchemeRules}
 * ({@code processes/scheme-rules.dmn}), read through {@link SchemeRuleBook}. {@link #key()} is the row's input
 * {@code rule}; {@link #movedFrom()} the Spring property that held the value before, if any (see
 * {@link MovedSchemeSettings}).
 */
public enum SchemeRule {
  REVENUE_RETURN_MIN("revenueReturnMin", Kind.SHARE, "carbon-inclusion.rules.revenue-return-min"),
  TECHNICAL_REVIEW_WORKING_DAYS("technicalReviewWorkingDays", Kind.WORKING_DAYS,
      "carbon-inclusion.rules.technical-review-working-days"),
  SUPPLEMENT_WORKING_DAYS("supplementWorkingDays", Kind.WORKING_DAYS, "carbon-inclusion.rules.supplement-working-days"),
  MAX_SUPPLEMENT_ROUNDS("maxSupplementRounds", Kind.COUNT, "carbon-inclusion.rules.max-supplement-rounds"),
  PUBLICITY_WORKING_DAYS("publicityWorkingDays", Kind.WORKING_DAYS, "carbon-inclusion.rules.publicity-working-days"),
  BUREAU_DECISION_WORKING_DAYS("bureauDecisionWorkingDays", Kind.WORKING_DAYS,
      "carbon-inclusion.rules.bureau-decision-working-days"),
  DISCLOSURE_CHECK_WORKING_DAYS("disclosureCheckWorkingDays", Kind.WORKING_DAYS,
      "carbon-inclusion.rules.disclosure-check-working-days"),
  MAX_CREDITING_YEARS("maxCreditingYears", Kind.COUNT, "carbon-inclusion.rules.max-crediting-years"),
  ETS_OFFSET_MAX_SHARE("etsOffsetMaxShare", Kind.SHARE, "carbon-inclusion.registry.ets-offset-max-share"),
  APPLICATION_LOOK_BACK_YEARS("applicationLookBackYears", Kind.COUNT, "carbon-inclusion.reduction.look-back-years"),
  REDUCTION_REVIEW_WORKING_DAYS("reductionReviewWorkingDays", Kind.WORKING_DAYS,
      "carbon-inclusion.reduction.review-working-days"),
  REDUCTION_DECISION_WORKING_DAYS("reductionDecisionWorkingDays", Kind.WORKING_DAYS,
      "carbon-inclusion.reduction.decision-working-days"),
  METHODOLOGY_REVIEW_WORKING_DAYS("methodologyReviewWorkingDays", Kind.WORKING_DAYS,
      "carbon-inclusion.methodology.review-working-days"),
  METHODOLOGY_COMMENT_WORKING_DAYS("methodologyCommentWorkingDays", Kind.WORKING_DAYS,
      "carbon-inclusion.methodology.comment-working-days"),
  METHODOLOGY_DECISION_WORKING_DAYS("methodologyDecisionWorkingDays", Kind.WORKING_DAYS,
      "carbon-inclusion.methodology.decision-working-days"),
  METHODOLOGY_ASSESS_WORKING_DAYS("methodologyAssessWorkingDays", Kind.WORKING_DAYS,
      "carbon-inclusion.methodology.assess-working-days"),
  EXPERT_PANEL_SIZE("expertPanelSize", Kind.COUNT, "carbon-inclusion.methodology.expert-panel-size"),
  EVALUATION_CYCLE("evaluationCycle", Kind.PERIOD, "carbon-inclusion.methodology.evaluation-cycle"),
  RECTIFICATION_WORKING_DAYS("rectificationWorkingDays", Kind.WORKING_DAYS,
      "carbon-inclusion.rectification.rectification-working-days"),
  RECTIFICATION_VERIFY_WORKING_DAYS("rectificationVerifyWorkingDays", Kind.WORKING_DAYS,
      "carbon-inclusion.rectification.verify-working-days"),
  RECTIFICATION_DECISION_WORKING_DAYS("rectificationDecisionWorkingDays", Kind.WORKING_DAYS,
      "carbon-inclusion.rectification.decision-working-days"),
  MAX_RECTIFICATION_ROUNDS("maxRectificationRounds", Kind.COUNT, "carbon-inclusion.rectification.max-rounds"),
  AUDIT_REVIEW_WORKING_DAYS("auditReviewWorkingDays", Kind.WORKING_DAYS, "carbon-inclusion.audit.review-working-days"),
  BAR_YEARS("barYears", Kind.COUNT, "carbon-inclusion.supervision.bar-years"),
  CLASS_TWO_REPORT_DUE_DAYS("classTwoReportDueDays", Kind.COUNT,
      "carbon-inclusion.supervision.class-two-report-due-days"),
  VERIFICATION_WORKING_DAYS("verificationWorkingDays", Kind.WORKING_DAYS, null),
  VERIFIER_CONSECUTIVE_LIMIT("verifierConsecutiveLimit", Kind.COUNT, null),
  /** Two sites whose coordinates lie within this many metres are the same site (the duplicate checks). */
  SITE_MATCH_METRES("siteMatchMetres", Kind.COUNT, null),
  /** 双随机、一公开: the share of registered Class I projects drawn each year (rounded up). */
  SPOT_CHECK_PROJECT_SHARE("spotCheckProjectShare", Kind.SHARE, null),
  /** 双随机、一公开: at least this many projects are drawn (all of them when there are fewer). */
  SPOT_CHECK_PROJECT_MINIMUM("spotCheckProjectMinimum", Kind.COUNT, null),
  /** 双随机、一公开: the share of recorded service agencies drawn each year (rounded up). */
  SPOT_CHECK_AGENCY_SHARE("spotCheckAgencyShare", Kind.SHARE, null),
  /** 双随机、一公开: at least this many agencies are drawn (all of them when there are fewer). */
  SPOT_CHECK_AGENCY_MINIMUM("spotCheckAgencyMinimum", Kind.COUNT, null),
  /** 双随机、一公开: the time limit of each inspection (现场检查), from the draw. */
  SPOT_CHECK_INSPECTION_WORKING_DAYS("spotCheckInspectionWorkingDays", Kind.WORKING_DAYS, null);

  private final String key;
  private final Kind kind;
  private final String movedFrom;

  SchemeRule(String key, Kind kind, String movedFrom) {
    this.key = key;
    this.kind = kind;
    this.movedFrom = movedFrom;
  }

  /** The value of the decision table's input {@code rule} in this rule's row. */
  public String key() {
    return key;
  }

  public Kind kind() {
    return kind;
  }

  /** The Spring property that held this value before it moved to scheme-rules.dmn; null for a rule born there. */
  public String movedFrom() {
    return movedFrom;
  }

  public static Optional<SchemeRule> byKey(String key) {
    return Arrays.stream(values()).filter(r -> r.key.equals(key)).findFirst();
  }

  /** Parses the row's {@code value} cell, or throws {@link IllegalArgumentException} saying what it must be. */
  public Object parse(String raw) {
    return kind.parse(raw);
  }

  /** How a value is written in the table and what it must be. */
  public enum Kind {
    /** Working days (工作日), a whole number ≥ 1: time limits become {@code P<n>WD} durations. */
    WORKING_DAYS("个工作日（≥ 1 的整数）"),
    /** A whole number ≥ 1 (rounds, years, persons). */
    COUNT("≥ 1 的整数"),
    /** A share between 0 and 1, e.g. 0.90. */
    SHARE("0 至 1 之间的小数，如 0.90"),
    /** An ISO-8601 period of calendar time, e.g. P1Y, P12M, P6M. */
    PERIOD("ISO 8601 期间，如 P1Y、P12M");

    private final String expected;

    Kind(String expected) {
      this.expected = expected;
    }

    public String expected() {
      return expected;
    }

    Object parse(String raw) {
      String value = raw == null ? "" : raw.trim();
      try {
        return switch (this) {
          case WORKING_DAYS, COUNT -> {
            int number = Integer.parseInt(value);
            if (number < 1) {
              throw new IllegalArgumentException("「" + value + "」小于 1，应为" + expected);
            }
            yield number;
          }
          case SHARE -> {
            BigDecimal share = new BigDecimal(value);
            if (share.signum() < 0 || share.compareTo(BigDecimal.ONE) > 0) {
              throw new IllegalArgumentException("「" + value + "」不在 0 至 1 之间，应为" + expected);
            }
            yield share;
          }
          case PERIOD -> {
            Period period = Period.parse(value);
            if (period.isZero() || period.isNegative()) {
              throw new IllegalArgumentException("「" + value + "」不是正的期间，应为" + expected);
            }
            yield period;
          }
        };
      } catch (NumberFormatException | DateTimeParseException e) {
        throw new IllegalArgumentException("「" + value + "」无法解析，应为" + expected);
      }
    }
  }
}
