package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckResult;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * The shape of every automatic check of a project application: run one rule, record its result on the case (the
 * reviewer reads them in {@code checkSummary}), and turn a hard failure into the BPMN error the model catches.
 */
abstract class ProjectCheckDelegate implements JavaDelegate {
  private final ProjectLifecycle lifecycle;
  private final CaseChecks checks;

  ProjectCheckDelegate(ProjectLifecycle lifecycle, CaseChecks checks) {
    this.lifecycle = lifecycle;
    this.checks = checks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long projectId = ProjectVariables.projectId(execution);
    CheckResult result = check(lifecycle.get(projectId));
    checks.record(ProjectLifecycle.CASE_TYPE, projectId, result);
    execution.setVariable(ProjectVariables.CHECK_SUMMARY, checks.summary(ProjectLifecycle.CASE_TYPE, projectId));
    if (result.failed()) {
      throw new BpmnError(result.errorCode(), result.detail());
    }
  }

  /** The one rule this delegate checks. */
  abstract CheckResult check(Project project);
}
