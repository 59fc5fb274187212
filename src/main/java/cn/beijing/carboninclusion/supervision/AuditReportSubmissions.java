package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.EngineAsPlatform;
import cn.beijing.carboninclusion.identity.CurrentUser;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectApplications;
import cn.beijing.carboninclusion.project.Projects;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The developer files its audit report through the API; everyone reads the reports they may see. */
@Service
class AuditReportSubmissions {
  static final String FILING_TASK = "Task_FileAuditReport";
  static final EnumSet<AuditReportStatus> PUBLIC = EnumSet.of(AuditReportStatus.ACCEPTED,
      AuditReportStatus.REJECTED, AuditReportStatus.OVERDUE, AuditReportStatus.RECTIFIED);

  private final ProjectApplications projects;
  private final Projects allProjects;
  private final AuditCycle cycle;
  private final AuditReports reports;
  private final CurrentUser currentUser;
  private final TaskService taskService;
  private final EngineAsPlatform engine;

  AuditReportSubmissions(ProjectApplications projects, Projects allProjects, AuditCycle cycle, AuditReports reports,
      CurrentUser currentUser, TaskService taskService, EngineAsPlatform engine) {
    this.projects = projects;
    this.allProjects = allProjects;
    this.cycle = cycle;
    this.reports = reports;
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

  /** The decided audit reports (accepted, rejected, overdue, rectified), newest first, with their projects. */
  @Transactional(readOnly = true)
  public Page<PublicAuditReport> published(Pageable page) {
    Page<AuditReport> found = reports.findByStatusInOrderByIdDesc(PUBLIC, page);
    Map<Long, Project> byId = allProjects.findAllById(found.map(AuditReport::getProjectId).toSet()).stream()
        .collect(Collectors.toMap(Project::getId, Function.identity()));
    return found.map(r -> PublicAuditReport.of(r, byId.get(r.getProjectId())));
  }

  /** What the public sees of an audit report: no user ids. */
  record PublicAuditReport(Long id, Long projectId, String projectName, String registrationNo, String period,
      AuditReportStatus status, String statusLabel, String agencyName, String agencyCreditCode,
      java.math.BigDecimal proceeds, java.math.BigDecimal operatingCosts, java.math.BigDecimal returnedAmount,
      java.math.BigDecimal returnRatio, java.time.Instant decidedAt, String decisionComment) {
    static PublicAuditReport of(AuditReport r, Project p) {
      return new PublicAuditReport(r.getId(), r.getProjectId(), p.getName(), p.getRegistrationNo(),
          r.getPeriodLabel(), r.getStatus(), r.getStatus().label(), r.getAgencyName(), r.getAgencyCreditCode(),
          r.getProceeds(), r.getOperatingCosts(), r.getReturnedAmount(), r.getReturnRatio(), r.getDecidedAt(),
          r.getDecisionComment());
    }
  }
}
