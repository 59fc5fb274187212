package cn.beijing.carboninclusion.methodology;

import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckResult;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Flags effective methodologies of the same field, whose scope may overlap, for the reviewer. */
@Component("methodologyOverlapCheck")
class MethodologyOverlapCheck extends MethodologyCheckDelegate {
  MethodologyOverlapCheck(CaseChecks checks, Methodologies methodologies) {
    super(checks, methodologies);
  }

  @Override
  CheckResult check(Methodology methodology) {
    List<Methodology> effective = new ArrayList<>(
        methodologies.findByStatusOrderByCodeAscVersionDesc(MethodologyStatus.EFFECTIVE));
    effective.addAll(methodologies.findByStatusOrderByCodeAscVersionDesc(MethodologyStatus.UNDER_EVALUATION));
    return MethodologyRules.overlap(methodology, effective);
  }
}
