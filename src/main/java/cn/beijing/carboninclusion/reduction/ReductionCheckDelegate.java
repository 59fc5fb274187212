package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckDelegate;
import cn.beijing.carboninclusion.common.CheckResult;

/** A check of a reduction application (variable {@code applicationId}). */
abstract class ReductionCheckDelegate extends CheckDelegate {
  final ReductionLifecycle lifecycle;

  ReductionCheckDelegate(ReductionLifecycle lifecycle, CaseChecks checks) {
    super(checks, ReductionLifecycle.CASE_TYPE, ReductionVariables.APPLICATION_ID);
    this.lifecycle = lifecycle;
  }

  @Override
  protected CheckResult check(Long applicationId) {
    return check(lifecycle.get(applicationId));
  }

  abstract CheckResult check(ReductionApplication application);
}
