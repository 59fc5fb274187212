package cn.beijing.carboninclusion.methodology;

import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckDelegate;
import cn.beijing.carboninclusion.common.CheckResult;

/** A check of a methodology proposal (variable {@code methodologyId}). */
abstract class MethodologyCheckDelegate extends CheckDelegate {
  final Methodologies methodologies;

  MethodologyCheckDelegate(CaseChecks checks, Methodologies methodologies) {
    super(checks, MethodologyLifecycle.CASE_TYPE, MethodologyVariables.METHODOLOGY_ID);
    this.methodologies = methodologies;
  }

  @Override
  protected CheckResult check(Long id) {
    return check(methodologies.findById(id).orElseThrow());
  }

  abstract CheckResult check(Methodology methodology);
}
