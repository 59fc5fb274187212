package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckResult;
import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import org.springframework.stereotype.Component;

/**
 * Rejects an application whose implementation plan returns too little of the proceeds to participants: less than the
 * scheme rule {@code revenueReturnMin} as deployed when the check runs.
 */
@Component("revenueReturnCheck")
class RevenueReturnCheck extends ProjectCheckDelegate {
  private final ProjectRules rules;
  private final SchemeRuleBook schemeRules;

  RevenueReturnCheck(ProjectLifecycle lifecycle, CaseChecks checks, ProjectRules rules, SchemeRuleBook schemeRules) {
    super(lifecycle, checks);
    this.rules = rules;
    this.schemeRules = schemeRules;
  }

  @Override
  CheckResult check(Project project) {
    return rules.revenueReturn(project, schemeRules.share(SchemeRule.REVENUE_RETURN_MIN));
  }
}
