package cn.beijing.carboninclusion.project;

import static cn.beijing.carboninclusion.project.ProjectVariables.OBJECTION_RESPONSE;
import static cn.beijing.carboninclusion.project.ProjectVariables.OBJECTION_UPHELD;

import cn.beijing.carboninclusion.common.PublicEvent;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Puts the application (back) into technical review: after the checks, after a supplement, or after an objection
 * was upheld — in which case the open objections are recorded as upheld and the response is published.
 */
@Component("reviewStart")
class ReviewStart implements JavaDelegate {
  private final ProjectLifecycle lifecycle;
  private final ObjectionService objections;

  ReviewStart(ProjectLifecycle lifecycle, ObjectionService objections) {
    this.lifecycle = lifecycle;
    this.objections = objections;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long projectId = ProjectVariables.projectId(execution);
    Project project = lifecycle.get(projectId);
    String reason = switch (project.getStatus()) {
      case SUPPLEMENT_REQUESTED -> "开发方已提交补正材料，重新技术评估。补正说明："
          + ProjectVariables.text(execution, ProjectVariables.SUPPLEMENT_NOTE);
      case IN_PUBLICITY -> "公示期异议成立，重新技术评估：" + ProjectVariables.text(execution, OBJECTION_RESPONSE);
      default -> "自动核查通过，转入技术评估";
    };
    if (Boolean.TRUE.equals(execution.getVariable(OBJECTION_UPHELD))) {
      String response = ProjectVariables.text(execution, OBJECTION_RESPONSE);
      objections.decideOpen(projectId, true, response);
      lifecycle.publish(project, PublicEvent.Kind.OBJECTION_RESPONSE, "异议处理结果：" + project.getName(),
          "异议成立，项目退回技术评估。处理意见：" + response);
      execution.setVariable(OBJECTION_UPHELD, false);
    }
    lifecycle.transition(projectId, ProjectStatus.UNDER_REVIEW, "REVIEW_STARTED", reason);
    execution.removeVariable(ProjectVariables.REVIEW_DECISION);
  }
}
