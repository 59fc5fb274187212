package cn.beijing.carboninclusion.methodology;

import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckResult;
import org.springframework.stereotype.Component;

/** Rejects a proposal missing its applicability, scenarios, monitoring requirements, formula or parameters. */
@Component("methodologyCompletenessCheck")
class MethodologyCompletenessCheck extends MethodologyCheckDelegate {
  MethodologyCompletenessCheck(CaseChecks checks, Methodologies methodologies) {
    super(checks, methodologies);
  }

  @Override
  CheckResult check(Methodology methodology) {
    return MethodologyRules.completeness(methodology);
  }
}
