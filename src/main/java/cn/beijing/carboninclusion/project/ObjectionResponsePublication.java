package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.PublicEvent;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Dismisses the open objections and publishes the technical center's reasons. */
@Component("objectionResponsePublication")
class ObjectionResponsePublication implements JavaDelegate {
  private final ProjectLifecycle lifecycle;
  private final ObjectionService objections;

  ObjectionResponsePublication(ProjectLifecycle lifecycle, ObjectionService objections) {
    this.lifecycle = lifecycle;
    this.objections = objections;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long projectId = ProjectVariables.projectId(execution);
    String response = ProjectVariables.text(execution, ProjectVariables.OBJECTION_RESPONSE);
    int dismissed = objections.decideOpen(projectId, false, response).size();
    Project project = lifecycle.get(projectId);
    lifecycle.publish(project, PublicEvent.Kind.OBJECTION_RESPONSE, "异议处理结果：" + project.getName(),
        "经审查，" + dismissed + " 件异议不成立。处理意见：" + response);
    lifecycle.note(projectId, "OBJECTIONS_DISMISSED", response);
  }
}
