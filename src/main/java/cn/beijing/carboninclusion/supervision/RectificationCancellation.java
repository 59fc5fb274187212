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
 * 注销: the rectification failed, ran out of rounds, or was not filed in time and the bureau decided to cancel; the
 * project is CANCELLED (published) and its applications end ({@code Message_ProjectCancelled}).
 */
@Component("rectificationCancellation")
class RectificationCancellation implements JavaDelegate {
  static final String MESSAGE = ProcessMessages.PROJECT_CANCELLED;

  private final ProjectLifecycle lifecycle;

  RectificationCancellation(ProjectLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long projectId = ProcessVariables.id(execution, "projectId");
    String reason = "整改未通过，注销项目：" + reason(execution);
    Project project = lifecycle.transition(projectId, ProjectStatus.CANCELLED, "CANCELLED", reason);
    lifecycle.publish(project, PublicEvent.Kind.PROJECT_CANCELLED, "项目注销：" + project.getName(), reason);
    lifecycle.signalProcesses(projectId, MESSAGE, reason);
  }

  private static String reason(DelegateExecution execution) {
    if ("CANCEL".equals(execution.getVariable("overdueDecision"))) {
      return "逾期未提交整改报告。" + execution.getVariable("overdueComment");
    }
    if ("ANOTHER_ROUND".equals(execution.getVariable("rectificationDecision"))) {
      return "整改轮次已达上限（" + execution.getVariable("maxRectificationRounds") + " 轮）。"
          + execution.getVariable("decisionComment");
    }
    return String.valueOf(execution.getVariable("decisionComment"));
  }
}
