package cn.beijing.carboninclusion.project;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records an objection filed during publicity on the case and tells the developer one was received. */
@Component("objectionAcknowledgement")
class ObjectionAcknowledgement implements JavaDelegate {
  private final ProjectLifecycle lifecycle;

  ObjectionAcknowledgement(ProjectLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    lifecycle.inform(ProjectVariables.projectId(execution), "OBJECTION_RECEIVED", "公示期间收到异议",
        "异议编号 " + execution.getVariable("objectionId") + "，公示期满后由技术支撑单位处理");
  }
}
