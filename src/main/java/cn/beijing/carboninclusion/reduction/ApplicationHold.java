package cn.beijing.carboninclusion.reduction;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 暂停办理: the project is suspended; the application waits for its restoration or cancellation. */
@Component("applicationHold")
class ApplicationHold implements JavaDelegate {
  private final ReductionLifecycle lifecycle;

  ApplicationHold(ReductionLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    lifecycle.transition(ReductionVariables.applicationId(execution), ReductionStatus.ON_HOLD, "ON_HOLD",
        "项目已暂停减排量登记，本申请暂停办理，待项目整改合格恢复后继续");
  }
}
