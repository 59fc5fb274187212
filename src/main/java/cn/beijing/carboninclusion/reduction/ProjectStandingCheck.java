package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckResult;
import cn.beijing.carboninclusion.project.Project;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Only a registered Class I project has reductions registered: a cancelled or unregistered one is refused; a
 * suspended one makes the application wait after the checks ({@code projectSuspended}).
 */
@Component("projectStandingCheck")
class ProjectStandingCheck extends ReductionCheckDelegate {
  private final ReductionRules rules;

  ProjectStandingCheck(ReductionLifecycle lifecycle, CaseChecks checks, ReductionRules rules) {
    super(lifecycle, checks);
    this.rules = rules;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Project project = lifecycle.projectOf(lifecycle.get(ReductionVariables.applicationId(execution)));
    execution.setVariable(ReductionVariables.PROJECT_SUSPENDED, ReductionRules.waits(project.getStatus()));
    super.execute(execution);
  }

  @Override
  CheckResult check(ReductionApplication application) {
    return rules.standing(lifecycle.projectOf(application));
  }
}
