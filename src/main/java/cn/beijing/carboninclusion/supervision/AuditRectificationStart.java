package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.ProcessVariables;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectLifecycle;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 启动整改: an overdue or rejected audit report suspends the project and orders rectification (the
 * {@code Rectification} process, ordered by the system). A project already being rectified, or no longer registered,
 * keeps the finding on its case for the running rectification; {@code rectificationStarted} tells which happened.
 */
@Component("auditRectificationStart")
class AuditRectificationStart implements JavaDelegate {
  private final Rectifications rectifications;
  private final ProjectLifecycle projects;

  AuditRectificationStart(Rectifications rectifications, ProjectLifecycle projects) {
    this.rectifications = rectifications;
    this.projects = projects;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Project project = projects.get(ProcessVariables.id(execution, "projectId"));
    FindingKind kind = FindingKind.valueOf(ProcessVariables.text(execution, "auditFindingKind"));
    String finding = ProcessVariables.text(execution, "auditFinding");
    boolean started = rectifications.orderOnFinding(project, kind, finding);
    if (!started) {
      projects.note(project.getId(), "AUDIT_FINDING_RECORDED", "项目当前状态为" + project.getStatus().label()
          + "，未另行启动整改；审计问题记入案卷：" + finding);
    }
    execution.setVariable("rectificationStarted", started);
  }
}
