package cn.beijing.carboninclusion.reduction;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 恢复办理: the project was restored; the application goes back to review from its start. */
@Component("applicationResumption")
class ApplicationResumption implements JavaDelegate {
  private final ReductionLifecycle lifecycle;

  ApplicationResumption(ReductionLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    lifecycle.transition(ReductionVariables.applicationId(execution), ReductionStatus.SUBMITTED, "RESUMED",
        "项目已恢复，本申请恢复办理");
  }
}
