package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.ProcessMessages;
import cn.beijing.carboninclusion.common.ProcessVariables;

import cn.beijing.carboninclusion.common.PublicEvent;
import cn.beijing.carboninclusion.decision.Decisions;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectLifecycle;
import cn.beijing.carboninclusion.project.ProjectStatus;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 恢复: the rectification passed; the project is REGISTERED again (published), the audit obligations it answered are
 * settled, and its applications resume.
 */
@Component("projectRestoration")
class ProjectRestoration implements JavaDelegate {
  static final String MESSAGE = ProcessMessages.PROJECT_RESTORED;

  private final ProjectLifecycle lifecycle;
  private final AuditCycle audits;
  private final Decisions decisions;

  ProjectRestoration(ProjectLifecycle lifecycle, AuditCycle audits, Decisions decisions) {
    this.decisions = decisions;
    this.lifecycle = lifecycle;
    this.audits = audits;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long projectId = ProcessVariables.id(execution, "projectId");
    Decisions.Trail trail = decisions.of(execution);
    Decisions.Taken verification = trail.require("Task_VerifyRectification", "verificationResult", "PASS");
    Decisions.Taken decision = trail.require("Task_RectificationDecision", "rectificationDecision", "RESTORE");
    trail.byDistinctPeople(verification, decision).inOrder(verification, decision);
    String reason = "整改合格，恢复减排量登记：" + decision.text("decisionComment");
    Project project = lifecycle.transition(projectId, ProjectStatus.REGISTERED, "RESTORED", reason);
    lifecycle.publish(project, PublicEvent.Kind.PROJECT_RESTORED, "项目恢复：" + project.getName(), reason);
    audits.settleByRectification(projectId);
    lifecycle.signalProcesses(projectId, MESSAGE, reason);
  }
}
