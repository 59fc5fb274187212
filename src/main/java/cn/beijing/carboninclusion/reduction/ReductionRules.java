package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.common.CheckResult;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectClass;
import cn.beijing.carboninclusion.project.ProjectStatus;
import cn.beijing.carboninclusion.project.ProjectVersion;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The rules of Chapter 4 for reduction applications, as plain methods (no engine, no database). */
public class ReductionRules {
  static final String STANDING = "核查项目状态";
  static final String DEADLINE = "核查申请期限与计入期";
  static final String OVERLAP = "核查监测期重叠";
  static final String RECOMPUTE = "平台复算减排量";
  static final String DATA_QUALITY = "核查数据质量";
  static final String VERSION = "核查适用的登记信息版本";

  private final ReductionSettings settings;

  public ReductionRules(ReductionSettings settings) {
    this.settings = settings;
  }

  /** Only a REGISTERED (or, waiting, SUSPENDED) Class I project may have reductions registered. */
  public CheckResult standing(Project project) {
    if (project.getProjectClass() != ProjectClass.CLASS_I) {
      return CheckResult.failed(STANDING, "Error_ProjectNotRegistered", "二类项目不签发减排量");
    }
    return switch (project.getStatus()) {
      case REGISTERED -> CheckResult.passed(STANDING, "项目已登记（" + project.getRegistrationNo() + "）");
      case SUSPENDED -> CheckResult.flagged(STANDING, "项目已暂停减排量登记，本申请在项目恢复后继续办理");
      case CANCELLED -> CheckResult.failed(STANDING, "Error_ProjectCancelled", "项目已注销，不得申请减排量");
      default -> CheckResult.failed(STANDING, "Error_ProjectNotRegistered",
          "项目当前状态为「" + project.getStatus().label() + "」，未登记的项目不得申请减排量");
    };
  }

  /** 申请期限: inside the crediting period, ended, and not longer ago than {@code lookBackYears}. */
  public CheckResult deadline(ReductionApplication application, Project project, LocalDate today, int lookBackYears) {
    List<String> problems = new ArrayList<>();
    if (application.getPeriodEnd().isAfter(today)) {
      problems.add("监测期尚未结束（至 " + application.getPeriodEnd() + "）");
    }
    LocalDate earliest = today.minusYears(lookBackYears);
    if (application.getPeriodStart().isBefore(earliest)) {
      problems.add("监测期始于 " + application.getPeriodStart() + "，早于申请期限（申请前 " + lookBackYears
          + " 年内，即 " + earliest + " 以后）");
    }
    if (project.getCreditingStart() == null || project.getCreditingEnd() == null
        || application.getPeriodStart().isBefore(project.getCreditingStart())
        || application.getPeriodEnd().isAfter(project.getCreditingEnd())) {
      problems.add("监测期不在项目计入期（" + project.getCreditingStart() + " 至 " + project.getCreditingEnd() + "）内");
    }
    if (!problems.isEmpty()) {
      return CheckResult.failed(DEADLINE, "Error_OutsideDeadline", String.join("；", problems));
    }
    return CheckResult.passed(DEADLINE, "监测期在计入期内且在申请期限内");
  }

  /**
   * The bureau's evaluation decision on the project's methodology version (issue 20, item 3): when it moved the
   * version's projects to Class II, no reductions are issued under it from the date it named. Empty when issuance
   * may go on.
   */
  public static java.util.Optional<String> methodologyStopsIssuance(
      cn.beijing.carboninclusion.methodology.Methodology methodology, LocalDate day) {
    if (methodology == null || !methodology.stopsIssuanceOn(day)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("项目适用的方法学 " + methodology.getCode() + " 第" + methodology.getVersion()
        + "版经动态评估决定：本版下已登记的项目转为二类项目，自 " + methodology.getIssuanceStopsOn()
        + " 起不再签发减排量 (methodology version moved to Class II)");
  }

  /** Monitoring periods of one project never overlap (a reduction is claimed once). */
  public CheckResult overlap(ReductionApplication application, Collection<ReductionApplication> others) {
    List<String> overlapping = others.stream()
        .filter(o -> !o.getId().equals(application.getId()) && o.getStatus().claims())
        .filter(o -> !o.getPeriodEnd().isBefore(application.getPeriodStart())
            && !o.getPeriodStart().isAfter(application.getPeriodEnd()))
        .map(o -> "申请" + o.getId() + "（" + o.getPeriodStart() + "至" + o.getPeriodEnd() + "，" + o.getStatus().label() + "）")
        .toList();
    if (!overlapping.isEmpty()) {
      return CheckResult.failed(OVERLAP, "Error_PeriodOverlap", "监测期与本项目已有申请重叠：" + String.join("、", overlapping));
    }
    return CheckResult.passed(OVERLAP, "监测期与本项目其他申请不重叠");
  }

  /** Compares the claim with the platform's recomputation; a difference above the tolerance is flagged. */
  public CheckResult recomputation(BigDecimal claimed, BigDecimal recomputed, String source) {
    if (recomputed == null) {
      return CheckResult.flagged(RECOMPUTE, "未提供活动数据，平台无法复算");
    }
    String figures = "申报 " + plain(claimed) + " tCO2e，平台按方法学公式（" + source + "）复算 " + plain(recomputed) + " tCO2e";
    // the gate the reviewers meet: above the limit a verified or registered quantity needs a (published) reason
    String gate = "。核定或登记减排量高于复算上限 " + plain(recomputeLimit(recomputed)) + " tCO2e（复算量加允许偏差 "
        + percent(settings.recomputeTolerance()) + "）的，须说明理由并公开";
    if (recomputed.signum() == 0) {
      return claimed.signum() == 0 ? CheckResult.passed(RECOMPUTE, figures + gate)
          : CheckResult.flagged(RECOMPUTE, figures + "，复算结果为零" + gate);
    }
    BigDecimal difference = claimed.subtract(recomputed).abs().divide(recomputed.abs(), MathContext.DECIMAL64);
    if (difference.compareTo(settings.recomputeTolerance()) > 0) {
      return CheckResult.flagged(RECOMPUTE, figures + "，相差 " + percent(difference) + "，超过允许偏差 "
          + percent(settings.recomputeTolerance()) + "，请重点核查" + gate);
    }
    return CheckResult.passed(RECOMPUTE, figures + "，相差 " + percent(difference) + gate);
  }

  /**
   * The recomputation limit: the platform's recomputation plus the tolerance ({@code recompute-tolerance}), to six
   * decimals. A verified or registered quantity above it needs a recorded reason; null when nothing was recomputed.
   */
  public BigDecimal recomputeLimit(BigDecimal recomputed) {
    if (recomputed == null) {
      return null;
    }
    return recomputed.multiply(BigDecimal.ONE.add(settings.recomputeTolerance())).setScale(6, RoundingMode.HALF_UP);
  }

  /**
   * Whether a (verified or registered) quantity is above the recomputation limit: a positive quantity above it, or
   * any positive quantity when the platform has no recomputation to compare with.
   */
  static boolean aboveRecomputation(BigDecimal quantity, BigDecimal limit) {
    return quantity != null && quantity.signum() > 0 && (limit == null || quantity.compareTo(limit) > 0);
  }

  /** How the limit reads in a refusal or a publication, e.g. 平台复算 5.2 tCO2e 加允许偏差 5%（上限 5.46 tCO2e）. */
  String limitText(BigDecimal recomputed, BigDecimal limit) {
    if (limit == null) {
      return "平台未能复算减排量";
    }
    return "平台复算 " + plain(recomputed == null ? limit : recomputed) + " tCO2e 加允许偏差 "
        + percent(settings.recomputeTolerance()) + "（上限 " + plain(limit) + " tCO2e）";
  }

  /** 数据质量: activity data present, every value present, numeric, not negative and not out of range. */
  public CheckResult dataQuality(BigDecimal claimed, List<Map<String, Object>> activities, boolean uploaded) {
    List<String> problems = new ArrayList<>();
    if (claimed == null || claimed.signum() <= 0) {
      problems.add("申报减排量须大于零");
    }
    if ((activities == null || activities.isEmpty()) && !uploaded) {
      problems.add("缺少活动数据（汇总数据或活动记录文件）");
    }
    if (activities != null) {
      for (int i = 0; i < activities.size() && problems.size() < 20; i++) {
        for (Map.Entry<String, Object> field : activities.get(i).entrySet()) {
          String where = "第 " + (i + 1) + " 条活动数据的 " + field.getKey();
          Object value = field.getValue();
          if (value == null || value.toString().isBlank()) {
            problems.add(where + " 缺失");
          } else if (value instanceof Number number) {
            BigDecimal decimal = new BigDecimal(number.toString());
            if (decimal.signum() < 0) {
              problems.add(where + " 为负数");
            } else if (decimal.compareTo(settings.maxValuePerActivity()) > 0) {
              problems.add(where + " 超出合理范围（≤ " + plain(settings.maxValuePerActivity()) + "）");
            }
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      return CheckResult.failed(DATA_QUALITY, "Error_DataQuality", String.join("；", problems));
    }
    return CheckResult.passed(DATA_QUALITY, uploaded ? "活动记录文件已通过逐行校验" : "活动数据完整、非负且在合理范围内");
  }

  static String plain(BigDecimal value) {
    return value.setScale(Math.min(Math.max(value.scale(), 0), 6), RoundingMode.HALF_UP).stripTrailingZeros()
        .toPlainString();
  }

  private static String percent(BigDecimal ratio) {
    return ratio.movePointRight(2).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
  }

  /** True when a project status lets an application wait rather than end. */
  /**
   * Rule 3 of project changes: an application waits for the decision of the project's pending major change when the
   * change takes effect on or before the last day of its monitoring period (the period covers days the change would
   * govern). A change effective after the period does not concern it.
   */
  static boolean waitsForChange(LocalDate changeEffectiveFrom, LocalDate periodEnd) {
    return changeEffectiveFrom != null && !changeEffectiveFrom.isAfter(periodEnd);
  }

  /**
   * The registered data that governs the monitoring period: the versions of the project in force during it (oldest
   * first). The version in force on the last day governs the application (its developer receives the issuance); the
   * revenue return ratio of every version in force during the period is checked against the minimum. Flagged for the
   * reviewer when a version is below the minimum or the period spans several versions; never a hard failure (the
   * reviewer decides).
   */
  static CheckResult versionsInForce(List<ProjectVersion> versions, BigDecimal revenueReturnMin,
      Map<Long, String> developerNames) {
    if (versions.isEmpty()) {
      return CheckResult.flagged(VERSION, "项目没有登记信息版本记录，请核对");
    }
    List<String> parts = new ArrayList<>();
    List<String> below = new ArrayList<>();
    for (ProjectVersion v : versions) {
      String ratio = v.getRevenueReturnRatio() == null ? "未载明" : percent(v.getRevenueReturnRatio());
      parts.add("第 " + v.getVersionNo() + " 版（自 " + v.getEffectiveFrom() + "，开发方 "
          + developerNames.getOrDefault(v.getDeveloperId(), String.valueOf(v.getDeveloperId())) + "，收益返还比例 " + ratio + "）");
      if (v.getRevenueReturnRatio() == null || v.getRevenueReturnRatio().compareTo(revenueReturnMin) < 0) {
        below.add("第 " + v.getVersionNo() + " 版收益返还比例 " + ratio + " 低于规定的 " + percent(revenueReturnMin));
      }
    }
    ProjectVersion governing = versions.get(versions.size() - 1);
    String text = "监测期适用" + String.join("、", parts) + "；以第 " + governing.getVersionNo() + " 版为准";
    if (!below.isEmpty()) {
      return CheckResult.flagged(VERSION, text + "。" + String.join("；", below));
    }
    if (versions.size() > 1) {
      return CheckResult.flagged(VERSION, text + "。监测期跨越多个版本，请按各版本生效日期核对减排量与收益分配");
    }
    return CheckResult.passed(VERSION, text);
  }

  static boolean waits(ProjectStatus status) {
    return status == ProjectStatus.SUSPENDED;
  }
}
