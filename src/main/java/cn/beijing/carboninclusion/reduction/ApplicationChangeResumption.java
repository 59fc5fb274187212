package cn.beijing.carboninclusion.reduction;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 变更已决定，恢复办理: the project's major change was decided (approved or not); the application resumes — to
 * review, or to the suspension hold if the project was suspended meanwhile ({@code projectSuspended}).
 */
@Component("applicationChangeResumption")
class ApplicationChangeResumption implements JavaDelegate {
  private final ReductionLifecycle lifecycle;

  ApplicationChangeResumption(ReductionLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long id = ReductionVariables.applicationId(execution);
    boolean suspended = ReductionRules.waits(lifecycle.projectOf(lifecycle.get(id)).getStatus());
    execution.setVariable(ReductionVariables.PROJECT_SUSPENDED, suspended);
    execution.setVariable(ReductionVariables.CHANGE_PENDING, false);
    lifecycle.transition(id, ReductionStatus.SUBMITTED, "RESUMED_AFTER_CHANGE",
        "项目变更已决定：" + ReductionVariables.text(execution, "projectMessageReason") + "。本申请恢复办理");
  }
}
