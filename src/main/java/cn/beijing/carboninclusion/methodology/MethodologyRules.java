package cn.beijing.carboninclusion.methodology;

import cn.beijing.carboninclusion.common.CheckResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The checks of a methodology proposal, as plain methods (no engine, no database). */
public final class MethodologyRules {
  static final String COMPLETENESS = "核查材料完整性";
  static final String OVERLAP = "核查与现行方法学重叠";
  static final String FORMULA = "核查减排量计算公式";

  private MethodologyRules() {}

  /** A proposal states its applicability, scenarios, monitoring requirements, formula and parameters. */
  public static CheckResult completeness(Methodology m) {
    List<String> missing = new ArrayList<>();
    if (blank(m.getApplicability())) {
      missing.add("适用条件");
    }
    if (blank(m.getBaselineScenario())) {
      missing.add("基准情景");
    }
    if (blank(m.getProjectScenario())) {
      missing.add("项目情景");
    }
    if (blank(m.getMonitoringRequirements())) {
      missing.add("监测要求");
    }
    if (blank(m.getFormula())) {
      missing.add("减排量计算公式");
    }
    if (blank(m.getParameters())) {
      missing.add("公式参数");
    }
    if (!missing.isEmpty()) {
      return CheckResult.failed(COMPLETENESS, "Error_ProposalIncomplete", "方法学建议不完整，缺少：" + String.join("、", missing));
    }
    return CheckResult.passed(COMPLETENESS, "适用条件、基准情景、项目情景、监测要求、计算公式与参数齐全");
  }

  /** Flags effective methodologies of the same field (overlapping scope is the reviewer's call). */
  public static CheckResult overlap(Methodology m, Collection<Methodology> effective) {
    List<String> sameField = effective.stream()
        .filter(o -> !o.getId().equals(m.getId()) && !o.getCode().equals(m.getCode()) && o.getField().equals(m.getField()))
        .map(MethodologyLifecycle::label).toList();
    boolean revision = effective.stream().anyMatch(o -> o.getCode().equals(m.getCode()) && !o.getId().equals(m.getId()));
    if (!sameField.isEmpty()) {
      return CheckResult.flagged(OVERLAP, "同一领域（" + m.getField() + "）已有现行方法学：" + String.join("、", sameField)
          + "，请评估适用范围是否重叠");
    }
    return CheckResult.passed(OVERLAP, revision ? "为现行方法学的修订版本" : "同一领域无现行方法学");
  }

  /** The formula reads, computes on the example activities, and gives the stated example result. */
  public static CheckResult formula(Methodology m) {
    try {
      ReductionFormula formula = ReductionFormula.parse(m.getFormula(), m.getParameters());
      return CheckResult.passed(FORMULA, "公式可计算；示例数据计算结果 " + formula.verifyExample().toPlainString() + " "
          + formula.unit());
    } catch (FormulaException e) {
      return CheckResult.failed(FORMULA, "Error_FormulaInvalid", e.getMessage());
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
