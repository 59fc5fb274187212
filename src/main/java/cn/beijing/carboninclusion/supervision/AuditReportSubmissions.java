package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.EngineAsPlatform;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.common.PdfUpload;
import cn.beijing.carboninclusion.identity.CurrentUser;
import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.project.ProjectApplications;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

/**
 * The audit report through the API: the developer engages the audit firm for the period; the firm's accounts upload
 * the signed report and file its conclusions; each reads what it may ({@link PublicAuditReports}: the public).
 */
@Service
class AuditReportSubmissions {
  static final String ENGAGEMENT_TASK = "Task_EngageAuditFirm";
  static final String FILING_TASK = "Task_FileAuditReport";

  private final ProjectApplications projects;
  private final AuditCycle cycle;
  private final AuditReports reports;
  private final AuditReportDocuments documents;
  private final AgencyMembers members;
  private final CurrentUser currentUser;
  private final TaskService taskService;
  private final EngineAsPlatform engine;
  private final AuditTrail auditTrail;
  private final Clock clock;

  AuditReportSubmissions(ProjectApplications projects, AuditCycle cycle, AuditReports reports,
      AuditReportDocuments documents, AgencyMembers members, CurrentUser currentUser, TaskService taskService,
      EngineAsPlatform engine, AuditTrail auditTrail, Clock clock) {
    this.projects = projects;
    this.cycle = cycle;
    this.reports = reports;
    this.documents = documents;
    this.members = members;
    this.currentUser = currentUser;
    this.taskService = taskService;
    this.engine = engine;
    this.auditTrail = auditTrail;
    this.clock = clock;
  }

  /** The developer engages the audit firm: completes the project's open engagement task as the caller. */
  @Transactional
  public AuditReport engage(Long projectId, String auditFirmCreditCode) {
    projects.visible(projectId);
    String user = currentUser.id();
    Task task = engine.call(() -> taskService.createTaskQuery().processDefinitionKey(AuditCycleStart.PROCESS)
        .processInstanceBusinessKey(String.valueOf(projectId)).taskDefinitionKey(ENGAGEMENT_TASK)
        .taskCandidateUser(user).singleResult());
    if (task == null) {
      throw new ConflictException("该项目当前没有待委托审计机构的审计期 (no audit period awaiting an audit firm)");
    }
    Long reportId = (Long) engine.call(() -> taskService.getVariable(task.getId(), "auditReportId"));
    engine.run(() -> taskService.complete(task.getId(), Map.of(AuditFirmEngagement.FIELD, auditFirmCreditCode)));
    return cycle.get(reportId);
  }

  /** The audit reports the caller's audit firm is engaged on, newest first. */
  @Transactional(readOnly = true)
  public Page<AuditReport> engagements(Pageable page) {
    return reports.findByAgencyIdOrderByIdDesc(firmOfCaller(), page);
  }

  /**
   * Uploads the signed report as an account of the engaged firm while the filing is open: a PDF of at most 20 MB,
   * read once while its SHA-256 is computed; a new upload replaces the previous one until the filing.
   */
  @Transactional
  public AuditReportDocument upload(Long reportId, MultipartFile file) {
    AuditReport report = engagedOn(reportId);
    if (report.getStatus() != AuditReportStatus.DUE) {
      throw new ConflictException("该审计报告当前不可提交 (the audit report is " + report.getStatus() + ")");
    }
    PdfUpload upload = PdfUpload.read(file, "签章的审计报告", "audit-report.pdf");
    AuditReportDocument document = documents.findById(reportId).orElseGet(() -> new AuditReportDocument(reportId));
    document.upload(report.getAgencyId(), upload.filename(), upload.content(), upload.sha256(), currentUser.id(),
        Instant.now(clock));
    AuditReportDocument saved = documents.saveAndFlush(document);
    auditTrail.record(AuditCycle.CASE_TYPE, reportId, "AUDIT_REPORT_DOCUMENT_UPLOADED", null, null,
        "审计报告 SHA-256 " + upload.sha256());
    return saved;
  }

  /** The firm files its conclusions: completes the report's open filing task as the caller. */
  @Transactional
  public AuditReport file(Long reportId, AuditReportFiling.Filing filing) {
    engagedOn(reportId);
    String user = currentUser.id();
    Task task = engine.call(() -> taskService.createTaskQuery().processDefinitionKey(AuditCycleStart.PROCESS)
        .taskDefinitionKey(FILING_TASK).processVariableValueEquals("auditReportId", reportId)
        .taskCandidateUser(user).singleResult());
    if (task == null) {
      throw new ConflictException("该审计报告当前没有待提交的任务 (no audit report due)");
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put("auditOpinion", filing.opinion().name());
    variables.put("proceeds", filing.proceeds().toPlainString());
    variables.put("operatingCosts", filing.operatingCosts().toPlainString());
    variables.put("returnedAmount", filing.returnedAmount().toPlainString());
    variables.put("reportSummary", filing.reportSummary());
    engine.run(() -> taskService.complete(task.getId(), variables));
    return cycle.get(reportId);
  }

  /**
   * The signed report's document: the authorities, the project's developer and the engaged firm (404 for anyone
   * else, and while none is uploaded).
   */
  @Transactional(readOnly = true)
  public AuditReportDocument document(Long reportId) {
    AuditReport report = reports.findById(reportId).orElseThrow(() -> new NotFoundException("audit report", reportId));
    if (currentUser.isMemberOf(Groups.AUDITOR) && !currentUser.isAuthority()) {
      engagedOn(reportId);
    } else {
      projects.visible(report.getProjectId());
    }
    return documents.findById(reportId).orElseThrow(() -> new NotFoundException("audit report document", reportId));
  }

  /** The audit reports of a project the caller may see (authorities: all; a developer: its own). */
  @Transactional(readOnly = true)
  public List<AuditReport> of(Long projectId) {
    projects.visible(projectId);
    return cycle.of(projectId);
  }

  /** A report the caller's firm is engaged on (404 for any other: the firm does not learn of other cases). */
  private AuditReport engagedOn(Long reportId) {
    Long firm = firmOfCaller();
    return reports.findById(reportId).filter(r -> firm.equals(r.getAgencyId()))
        .orElseThrow(() -> new NotFoundException("audit report", reportId));
  }

  private Long firmOfCaller() {
    if (!currentUser.isMemberOf(Groups.AUDITOR)) {
      throw new cn.beijing.carboninclusion.common.ForbiddenException("仅审计机构账号可办理 (audit firms' accounts only)");
    }
    return members.findById(currentUser.id()).map(AgencyMember::getAgencyId)
        .orElseThrow(() -> new cn.beijing.carboninclusion.common.ForbiddenException(
            "该账号未关联审计机构 (the account is not linked to an audit firm)"));
  }
}
