package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.EngineAsPlatform;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.common.PdfUpload;
import cn.beijing.carboninclusion.identity.CurrentUser;
import cn.beijing.carboninclusion.identity.Groups;
import java.time.Clock;
import java.time.Instant;
import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

/**
 * The verifier's report (核查报告) of a reduction application: filed by an account of the engaged verifier while the
 * verification task is open (a new filing replaces the previous one until the task is completed), read by whoever may
 * see the application.
 */
@Service
public class VerificationReportService {
  private final ReductionApplicationService applications;
  private final VerificationReports reports;
  private final Verifiers verifiers;
  private final CurrentUser currentUser;
  private final TaskService taskService;
  private final EngineAsPlatform engine;
  private final AuditTrail auditTrail;
  private final Clock clock;

  VerificationReportService(ReductionApplicationService applications, VerificationReports reports,
      Verifiers verifiers, CurrentUser currentUser, TaskService taskService, EngineAsPlatform engine,
      AuditTrail auditTrail, Clock clock) {
    this.applications = applications;
    this.reports = reports;
    this.verifiers = verifiers;
    this.currentUser = currentUser;
    this.taskService = taskService;
    this.engine = engine;
    this.auditTrail = auditTrail;
    this.clock = clock;
  }

  /** Files the report as the engaged verifier: a PDF of at most 20 MB, read once while its SHA-256 is computed. */
  @Transactional
  public VerificationReport file(Long applicationId, MultipartFile file) {
    ReductionApplication application = applications.visible(applicationId);
    Long agency = currentUser.isMemberOf(Groups.VERIFIER) ? verifiers.agencyOf(currentUser.id()).orElse(null) : null;
    if (agency == null || !agency.equals(application.getVerifierAgencyId())) {
      throw new cn.beijing.carboninclusion.common.ForbiddenException(
          "仅受托的核查机构可提交核查报告 (only the engaged verifier files the report)");
    }
    boolean open = engine.call(() -> taskService.createTaskQuery().processDefinitionKey(
            ReductionApplicationService.PROCESS).taskDefinitionKey("Task_Verification")
        .processVariableValueEquals(ReductionVariables.APPLICATION_ID, applicationId).count() > 0);
    if (!open) {
      throw new ConflictException("该申请当前不在核查阶段 (the application is not awaiting verification)");
    }
    PdfUpload upload = PdfUpload.read(file, "核查报告", "verification.pdf");
    VerificationReport report = reports.findByApplicationId(applicationId)
        .orElseGet(() -> new VerificationReport(applicationId, agency));
    report.file(upload.filename(), "application/pdf", upload.content(), upload.sha256(), currentUser.id(),
        Instant.now(clock));
    VerificationReport saved = reports.saveAndFlush(report);
    auditTrail.record(ReductionLifecycle.CASE_TYPE, applicationId, "VERIFICATION_REPORT_FILED", null, null,
        "核查报告 SHA-256 " + upload.sha256());
    return saved;
  }

  /** The filed report of an application the caller may see (404 when none was filed). */
  @Transactional(readOnly = true)
  public VerificationReport of(Long applicationId) {
    applications.visible(applicationId);
    return reports.findByApplicationId(applicationId)
        .orElseThrow(() -> new NotFoundException("verification report", applicationId));
  }
}
