package cn.beijing.carboninclusion.project;

import static cn.beijing.carboninclusion.project.ProjectVariables.text;

import cn.beijing.carboninclusion.common.PublicEvent;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 不予登记: ends the application as REJECTED with the reason of the step that decided it — a failed hard check, the
 * bureau, the technical review, or the supplement rounds running out. Published if publicity had begun.
 */
@Component("applicationRejection")
class ApplicationRejection implements JavaDelegate {
  private final ProjectLifecycle lifecycle;

  ApplicationRejection(ProjectLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Project project = lifecycle.transition(ProjectVariables.projectId(execution), ProjectStatus.REJECTED,
        "REJECTED", reason(execution));
    if (project.getPublicityStart() != null) {
      lifecycle.publish(project, PublicEvent.Kind.APPLICATION_REJECTED, "不予登记：" + project.getName(),
          project.getStatusReason());
    }
  }

  static String reason(DelegateExecution execution) {
    String hardCheck = text(execution, ProjectVariables.HARD_CHECK_ERROR_MESSAGE);
    if (!hardCheck.isEmpty()) {
      return "自动核查未通过：" + hardCheck;
    }
    if ("REJECT".equals(execution.getVariable(ProjectVariables.BUREAU_DECISION))) {
      return "生态环境局决定不予登记：" + text(execution, ProjectVariables.BUREAU_COMMENT);
    }
    if ("REJECT".equals(execution.getVariable(ProjectVariables.REVIEW_DECISION))) {
      return "技术评估不予通过：" + text(execution, ProjectVariables.REVIEW_COMMENT);
    }
    return "补正次数已达上限（" + execution.getVariable(ProjectVariables.MAX_SUPPLEMENT_ROUNDS) + " 次）仍需补正，不予登记："
        + text(execution, ProjectVariables.REVIEW_COMMENT);
  }
}
