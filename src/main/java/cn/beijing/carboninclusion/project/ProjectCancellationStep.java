package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.ProcessMessages;
import cn.beijing.carboninclusion.common.PublicEvent;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 注销: cancels the project (CANCELLED, published) and sends {@code Message_ProjectCancelled} to every running process
 * of the project (business key = project id), so its reduction applications end.
 */
@Component("projectCancellation")
class ProjectCancellationStep implements JavaDelegate {
  static final String MESSAGE_PROJECT_CANCELLED = ProcessMessages.PROJECT_CANCELLED;

  private final ProjectLifecycle lifecycle;

  ProjectCancellationStep(ProjectLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long projectId = ProjectVariables.projectId(execution);
    String reason = ProjectVariables.text(execution, ProjectVariables.REQUEST_KIND_LABEL) + "："
        + ProjectVariables.text(execution, ProjectVariables.CANCELLATION_REASON) + "。确认意见："
        + ProjectVariables.text(execution, ProjectVariables.CANCELLATION_COMMENT);
    Project project = lifecycle.transition(projectId, ProjectStatus.CANCELLED, "CANCELLED", reason);
    lifecycle.publish(project, PublicEvent.Kind.PROJECT_CANCELLED, "项目注销：" + project.getName(), reason);
    lifecycle.signalProcesses(projectId, MESSAGE_PROJECT_CANCELLED, reason);
  }
}
