package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.ProcessMessages;
import cn.beijing.carboninclusion.common.ProcessVariables;

import cn.beijing.carboninclusion.common.PublicEvent;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectLifecycle;
import cn.beijing.carboninclusion.project.ProjectStatus;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 暂停: the project is SUSPENDED (published) and its reduction applications stop before review
 * ({@code Message_ProjectSuspended}).
 */
@Component("projectSuspension")
class ProjectSuspension implements JavaDelegate {
  static final String MESSAGE = ProcessMessages.PROJECT_SUSPENDED;

  private final ProjectLifecycle lifecycle;

  ProjectSuspension(ProjectLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long projectId = ProcessVariables.id(execution, "projectId");
    String reason = "暂停减排量登记并责令整改（" + execution.getVariable("findingKind") + "）："
        + execution.getVariable("finding");
    Project project = lifecycle.transition(projectId, ProjectStatus.SUSPENDED, "SUSPENDED", reason);
    lifecycle.publish(project, PublicEvent.Kind.PROJECT_SUSPENDED, "项目暂停：" + project.getName(), reason);
    lifecycle.signalProcesses(projectId, MESSAGE, reason);
  }
}
