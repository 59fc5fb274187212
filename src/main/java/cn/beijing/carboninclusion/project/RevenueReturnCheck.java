package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckResult;
import org.springframework.stereotype.Component;

/** Rejects an application whose implementation plan returns too little of the proceeds to participants. */
@Component("revenueReturnCheck")
class RevenueReturnCheck extends ProjectCheckDelegate {
  private final ProjectRules rules;

  RevenueReturnCheck(ProjectLifecycle lifecycle, CaseChecks checks, ProjectRules rules) {
    super(lifecycle, checks);
    this.rules = rules;
  }

  @Override
  CheckResult check(Project project) {
    return rules.revenueReturn(project);
  }
}
