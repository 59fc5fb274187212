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
 * are any, else from the aggregate activity data — records it on the application with its limit (the recomputation
 * plus {@code carbon-inclusion.reduction.recompute-tolerance}, above which a verified or registered quantity needs a
 * reason) and flags a claim beyond the tolerance. Activity data the formula cannot compute is a hard failure, and so
 * is an application under a trip-level methodology without uploaded trip records.
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
    ReductionApplication application = lifecycle.get(ReductionVariables.applicationId(execution));
    BigDecimal recomputed = application.getRecomputedTco2e();
    BigDecimal limit = application.getRecomputeLimitTco2e();
    execution.setVariable(ReductionVariables.RECOMPUTED, recomputed == null ? null : recomputed.doubleValue());
    execution.setVariable(ReductionVariables.RECOMPUTE_LIMIT, limit == null ? null : limit.doubleValue());
  }

  @Override
  CheckResult check(ReductionApplication application) {
    Optional<UploadResult> uploaded = uploads.resultFor(application.getId());
    if (uploaded.isPresent()) {
      application.recomputed(uploaded.get().reductionTco2e(), rules.recomputeLimit(uploaded.get().reductionTco2e()));
      return rules.recomputation(application.getClaimedTco2e(), uploaded.get().reductionTco2e(),
          "活动记录文件 " + uploaded.get().rows() + " 条");
    }
    Methodology methodology = methodologies.findById(lifecycle.projectOf(application).getMethodologyId()).orElseThrow();
    List<Map<String, Object>> activities = ReductionActivities.of(application);
    ReductionFormula formula;
    try {
      formula = ReductionFormula.parse(methodology.getFormula(), methodology.getParameters());
    } catch (FormulaException e) {
      return activities.isEmpty() ? rules.recomputation(application.getClaimedTco2e(), null, null)
          : CheckResult.failed(ReductionRules.RECOMPUTE, "Error_RecomputationFailed",
              "活动数据无法按方法学公式计算：" + e.getMessage());
    }
    if (formula.tripLevel()) {
      // whatever route filed it: a trip-level methodology computes from uploaded trips, never from aggregates
      return CheckResult.failed(ReductionRules.RECOMPUTE, "Error_ActivityRecordsRequired", "方法学"
          + methodology.getCode() + "按逐笔行程计算，须上传活动记录文件，不接受汇总活动数据"
          + (activities.isEmpty() ? "" : "（申请附有汇总活动数据 " + activities.size() + " 条）"));
    }
    if (activities.isEmpty()) {
      return rules.recomputation(application.getClaimedTco2e(), null, null);
    }
    try {
      BigDecimal recomputed = formula.compute(activities);
      application.recomputed(recomputed, rules.recomputeLimit(recomputed));
      return rules.recomputation(application.getClaimedTco2e(), recomputed, "汇总活动数据 " + activities.size() + " 条");
    } catch (FormulaException e) {
      return CheckResult.failed(ReductionRules.RECOMPUTE, "Error_RecomputationFailed",
          "活动数据无法按方法学公式计算：" + e.getMessage());
    }
  }
}
