package cn.beijing.carboninclusion.project;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records the bureau's refusal of a cancellation and tells the developer why. */
@Component("cancellationRefusal")
class CancellationRefusal implements JavaDelegate {
  private final ProjectLifecycle lifecycle;

  CancellationRefusal(ProjectLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    lifecycle.inform(ProjectVariables.projectId(execution), "CANCELLATION_REFUSED", "注销申请不予批准",
        ProjectVariables.text(execution, ProjectVariables.CANCELLATION_COMMENT));
  }
}
