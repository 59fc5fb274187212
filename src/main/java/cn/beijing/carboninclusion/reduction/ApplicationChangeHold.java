package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.project.ProjectVersions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 等待项目变更决定: the project has a pending major change effective on or before the end of the monitoring period;
 * the application waits before review for its decision ({@code Message_ProjectChangeDecided}).
 */
@Component("applicationChangeHold")
class ApplicationChangeHold implements JavaDelegate {
  private final ReductionLifecycle lifecycle;
  private final ProjectVersions versions;

  ApplicationChangeHold(ReductionLifecycle lifecycle, ProjectVersions versions) {
    this.lifecycle = lifecycle;
    this.versions = versions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long id = ReductionVariables.applicationId(execution);
    ReductionApplication application = lifecycle.get(id);
    String change = versions.pendingMajorChange(application.getProjectId())
        .map(c -> "变更申请 " + c.getId() + "（" + c.getKind().label() + "，自 " + c.getEffectiveFrom() + " 起生效）")
        .orElse("重大变更");
    lifecycle.transition(id, ReductionStatus.ON_HOLD, "ON_HOLD_FOR_CHANGE", "项目有待决定的" + change
        + "，本申请的监测期（至 " + application.getPeriodEnd() + "）涉及变更生效之后，暂停办理，待变更决定后继续");
  }
}
