package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckResult;
import cn.beijing.carboninclusion.methodology.FormulaException;
import cn.beijing.carboninclusion.methodology.Methodologies;
import cn.beijing.carboninclusion.methodology.Methodology;
import cn.beijing.carboninclusion.methodology.ReductionFormula;
import cn.beijing.carboninclusion.reduction.activity.ActivityUploads;
import cn.beijing.carboninclusion.reduction.activity.UploadResult;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * 平台复算: recomputes the reduction with the methodology's formula — from the uploaded activity records if there
 * are any, else from the aggregate activity data — records it on the application and flags a difference from the
 * claim above {@code carbon-inclusion.reduction.recompute-tolerance}. Activity data the formula cannot compute is a
 * hard failure.
 */
@Component("reductionRecomputation")
class ReductionRecomputation extends ReductionCheckDelegate {
  private final Methodologies methodologies;
  private final ActivityUploads uploads;
  private final ReductionRules rules;

  ReductionRecomputation(ReductionLifecycle lifecycle, CaseChecks checks, Methodologies methodologies,
      ActivityUploads uploads, ReductionRules rules) {
    super(lifecycle, checks);
    this.methodologies = methodologies;
    this.uploads = uploads;
    this.rules = rules;
  }

  @Override
  public void execute(DelegateExecution execution) {
    super.execute(execution);
    BigDecimal recomputed = lifecycle.get(ReductionVariables.applicationId(execution)).getRecomputedTco2e();
    execution.setVariable(ReductionVariables.RECOMPUTED, recomputed == null ? null : recomputed.doubleValue());
  }

  @Override
  CheckResult check(ReductionApplication application) {
    Optional<UploadResult> uploaded = uploads.resultFor(application.getId());
    if (uploaded.isPresent()) {
      application.recomputed(uploaded.get().reductionTco2e());
      return rules.recomputation(application.getClaimedTco2e(), uploaded.get().reductionTco2e(),
          "活动记录文件 " + uploaded.get().rows() + " 条");
    }
    List<Map<String, Object>> activities = ReductionActivities.of(application);
    if (activities.isEmpty()) {
      return rules.recomputation(application.getClaimedTco2e(), null, null);
    }
    Methodology methodology = methodologies.findById(lifecycle.projectOf(application).getMethodologyId()).orElseThrow();
    try {
      BigDecimal recomputed = ReductionFormula.parse(methodology.getFormula(), methodology.getParameters())
          .compute(activities);
      application.recomputed(recomputed);
      return rules.recomputation(application.getClaimedTco2e(), recomputed, "汇总活动数据 " + activities.size() + " 条");
    } catch (FormulaException e) {
      return CheckResult.failed(ReductionRules.RECOMPUTE, "Error_RecomputationFailed",
          "活动数据无法按方法学公式计算：" + e.getMessage());
    }
  }
}
