package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.ProcessVariables;

import cn.beijing.carboninclusion.project.ProjectLifecycle;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 逾期: the developer is reminded and the case goes to the bureau, who extends the deadline or cancels. */
@Component("rectificationOverdueEscalation")
class RectificationOverdueEscalation implements JavaDelegate {
  private final ProjectLifecycle lifecycle;

  RectificationOverdueEscalation(ProjectLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    lifecycle.inform(ProcessVariables.id(execution, "projectId"), "RECTIFICATION_OVERDUE", "整改报告已逾期",
        "第 " + execution.getVariable("rectificationRound") + " 轮整改报告未在期限内提交，已报生态环境局决定延期或注销项目");
  }
}
