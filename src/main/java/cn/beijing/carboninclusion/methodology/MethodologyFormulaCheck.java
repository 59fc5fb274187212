package cn.beijing.carboninclusion.methodology;

import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckResult;
import org.springframework.stereotype.Component;

/** Rejects a proposal whose reduction formula does not read or does not compute its own example. */
@Component("methodologyFormulaCheck")
class MethodologyFormulaCheck extends MethodologyCheckDelegate {
  MethodologyFormulaCheck(CaseChecks checks, Methodologies methodologies) {
    super(checks, methodologies);
  }

  @Override
  CheckResult check(Methodology methodology) {
    return MethodologyRules.formula(methodology);
  }
}
