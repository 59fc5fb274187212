package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.EngineAsPlatform;
import cn.beijing.carboninclusion.identity.CurrentUser;
import cn.beijing.carboninclusion.project.ProjectApplications;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The developer files its audit report through the API and reads its reports ({@link PublicAuditReports}: the public). */
@Service
class AuditReportSubmissions {
  static final String FILING_TASK = "Task_FileAuditReport";

  private final ProjectApplications projects;
  private final AuditCycle cycle;
  private final CurrentUser currentUser;
  private final TaskService taskService;
  private final EngineAsPlatform engine;

  AuditReportSubmissions(ProjectApplications projects, AuditCycle cycle,
      CurrentUser currentUser, TaskService taskService, EngineAsPlatform engine) {
    this.projects = projects;
    this.cycle = cycle;
    this.currentUser = currentUser;
    this.taskService = taskService;
    this.engine = engine;
  }

  /** Completes the project's open filing task as the caller (validated by {@link AuditReportFiling}). */
  @Transactional
  public AuditReport file(Long projectId, AuditReportFiling.Filing filing) {
    projects.visible(projectId);
    String user = currentUser.id();
    Task task = engine.call(() -> taskService.createTaskQuery().processDefinitionKey(AuditCycleStart.PROCESS)
        .processInstanceBusinessKey(String.valueOf(projectId)).taskDefinitionKey(FILING_TASK)
        .taskCandidateUser(user).singleResult());
    if (task == null) {
      throw new ConflictException("该项目当前没有待提交的审计报告 (no audit report due)");
    }
    Long reportId = (Long) engine.call(() -> taskService.getVariable(task.getId(), "auditReportId"));
    Map<String, Object> variables = new HashMap<>();
    variables.put("agencyName", filing.agencyName());
    variables.put("agencyCreditCode", filing.agencyCreditCode());
    variables.put("proceeds", filing.proceeds().toPlainString());
    variables.put("operatingCosts", filing.operatingCosts().toPlainString());
    variables.put("returnedAmount", filing.returnedAmount().toPlainString());
    variables.put("reportSummary", filing.reportSummary());
    engine.run(() -> taskService.complete(task.getId(), variables));
    return cycle.get(reportId);
  }

  /** The audit reports of a project the caller may see (authorities: all; a developer: its own). */
  @Transactional(readOnly = true)
  public List<AuditReport> of(Long projectId) {
    projects.visible(projectId);
    return cycle.of(projectId);
  }
}
