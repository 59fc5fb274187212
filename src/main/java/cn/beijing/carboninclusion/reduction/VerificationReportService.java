package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.EngineAsPlatform;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.identity.CurrentUser;
import cn.beijing.carboninclusion.identity.Groups;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
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
  static final long MAX_BYTES = 20L * 1024 * 1024;

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
    if (file == null || file.isEmpty()) {
      throw new InvalidInputException("file", "须上传核查报告（PDF）(the report is required)");
    }
    if (file.getSize() > MAX_BYTES) {
      throw new InvalidInputException("file", "文件不得超过 20 MB (file too large)");
    }
    byte[] content;
    String sha256;
    try (InputStream in = file.getInputStream()) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      ByteArrayOutputStream copy = new ByteArrayOutputStream((int) Math.min(file.getSize(), MAX_BYTES));
      new DigestInputStream(in, digest).transferTo(copy);
      content = copy.toByteArray();
      sha256 = HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new InvalidInputException("file", "文件读取失败 (unreadable upload)");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
    if (content.length < 5 || !new String(content, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-")) {
      throw new InvalidInputException("file", "核查报告须为 PDF 文件 (the report must be a PDF)");
    }
    VerificationReport report = reports.findByApplicationId(applicationId)
        .orElseGet(() -> new VerificationReport(applicationId, agency));
    String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "verification.pdf"
        : file.getOriginalFilename().replaceAll("[\\\\/\\r\\n\\t\"]", "_");
    report.file(name.length() > 255 ? name.substring(0, 255) : name, "application/pdf", content, sha256,
        currentUser.id(), Instant.now(clock));
    VerificationReport saved = reports.saveAndFlush(report);
    auditTrail.record(ReductionLifecycle.CASE_TYPE, applicationId, "VERIFICATION_REPORT_FILED", null, null,
        "核查报告 SHA-256 " + sha256);
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
