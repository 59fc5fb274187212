package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.PublicEvent;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Ends an application as WITHDRAWN: the developer withdrew it, or let the supplement deadline pass (视为撤回). A
 * withdrawal after publicity began is published.
 */
@Component("applicationWithdrawal")
class ApplicationWithdrawal implements JavaDelegate {
  static final String TIMEOUT_ACTIVITY = "Task_WithdrawApplication";

  private final ProjectLifecycle lifecycle;

  ApplicationWithdrawal(ProjectLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long projectId = ProjectVariables.projectId(execution);
    String reason = TIMEOUT_ACTIVITY.equals(execution.getCurrentActivityId())
        ? "补正期限届满未提交补正材料，视为撤回申请"
        : "开发方撤回申请：" + ProjectVariables.text(execution, ProjectVariables.WITHDRAWAL_REASON);
    Project project = lifecycle.transition(projectId, ProjectStatus.WITHDRAWN, "WITHDRAWN", reason);
    if (project.getPublicityStart() != null) {
      lifecycle.publish(project, PublicEvent.Kind.APPLICATION_WITHDRAWN, "申请撤回：" + project.getName(), reason);
    }
  }
}
