package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.PublicPage;
import cn.beijing.carboninclusion.developer.UnifiedSocialCreditCode;
import cn.beijing.carboninclusion.identity.CaseScope;
import cn.beijing.carboninclusion.identity.ConfidentialRead;
import cn.beijing.carboninclusion.project.ProjectScope;
import cn.beijing.carboninclusion.supervision.PublicAuditReports.PublicAuditReport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Audit reports on the use of revenue (审计报告): the developer engages the audit firm, the firm uploads the signed
 * report and files its conclusions, the authorities and the developer read, the public reads and downloads.
 */
@RestController
@Tag(name = "审计报告 audit reports")
class AuditReportController {
  private final AuditReportSubmissions submissions;
  private final PublicAuditReports publicReports;

  AuditReportController(AuditReportSubmissions submissions, PublicAuditReports publicReports) {
    this.submissions = submissions;
    this.publicReports = publicReports;
  }

  record Engagement(@NotBlank @UnifiedSocialCreditCode String auditFirmCreditCode) {}

  record Filing(
      @NotNull AuditOpinion auditOpinion,
      @NotNull @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal proceeds,
      @NotNull @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal operatingCosts,
      @NotNull @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal returnedAmount,
      @NotBlank @Size(max = 8000) String reportSummary) {}

  record AuditReportView(Long id, Long projectId, String period, LocalDate periodStart, LocalDate periodEnd,
      Instant dueAt, AuditReportStatus status, String statusLabel, String agencyName, String agencyCreditCode,
      Instant engagedAt, AuditOpinion auditOpinion, String auditOpinionLabel,
      BigDecimal proceeds, BigDecimal operatingCosts, BigDecimal returnedAmount, BigDecimal returnRatio,
      BigDecimal registryProceeds, String reportSummary, Instant filedAt, Instant decidedAt, String decisionComment) {
    static AuditReportView of(AuditReport r) {
      return new AuditReportView(r.getId(), r.getProjectId(), r.getPeriodLabel(), r.getPeriodStart(),
          r.getPeriodEnd().minusDays(1), r.getDueAt(), r.getStatus(), r.getStatus().label(), r.getAgencyName(),
          r.getAgencyCreditCode(), r.getEngagedAt(), r.getAuditOpinion(),
          r.getAuditOpinion() == null ? null : r.getAuditOpinion().label(), r.getProceeds(), r.getOperatingCosts(),
          r.getReturnedAmount(), r.getReturnRatio(), r.getRegistryProceeds(), r.getReportSummary(), r.getFiledAt(),
          r.getDecidedAt(), r.getDecisionComment());
    }
  }

  record DocumentView(Long auditReportId, String filename, long sizeBytes, String sha256, Instant uploadedAt) {
    static DocumentView of(AuditReportDocument d) {
      return new DocumentView(d.getAuditReportId(), d.getFilename(), d.getSizeBytes(), d.getSha256(),
          d.getUploadedAt());
    }
  }

  @Operation(summary = "委托审计机构（项目开发方，审计期结束后；按统一社会信用代码指定已登记、未被禁入、与本单位无关联关系的审计机构）")
  @PostMapping("/api/projects/{id}/audit-reports/engagement")
  @CaseScope(kind = ProjectScope.KIND)
  @PreAuthorize("hasAuthority('GROUP_developer')")
  AuditReportView engage(@PathVariable Long id, @Valid @RequestBody Engagement request) {
    return AuditReportView.of(submissions.engage(id, request.auditFirmCreditCode()));
  }

  @Operation(summary = "本审计机构受托的审计报告（审计机构账号），最新在前")
  @ConfidentialRead(object = "AUDIT_REPORT", fields = "受托审计的收益与返还数据")
  @GetMapping("/api/audit-engagements")
  @PreAuthorize("hasAuthority('GROUP_auditor')")
  ResponseEntity<List<AuditReportView>> engagements(@RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    return PublicPage.answer(submissions.engagements(PublicPage.of(page, size, 100)).map(AuditReportView::of));
  }

  @Operation(summary = "上传签章的审计报告（受托审计机构，提交前；PDF ≤ 20 MB，记录 SHA-256；再次上传替换前一份）")
  @PostMapping(value = "/api/audit-reports/{id}/document", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @PreAuthorize("hasAuthority('GROUP_auditor')")
  @ResponseStatus(HttpStatus.CREATED)
  DocumentView upload(@PathVariable Long id, @RequestPart(name = "file", required = false) MultipartFile file) {
    return DocumentView.of(submissions.upload(id, file));
  }

  @Operation(summary = "下载审计报告（主管部门、项目开发方、受托审计机构；X-Content-SHA256）")
  @ConfidentialRead(object = "AUDIT_REPORT", fields = "审计报告全文")
  @GetMapping(value = "/api/audit-reports/{id}/document", produces = MediaType.APPLICATION_PDF_VALUE)
  ResponseEntity<byte[]> document(@PathVariable Long id) {
    return pdf(submissions.document(id));
  }

  @Operation(summary = "提交审计结论（受托审计机构：审计意见、收益、运营成本、返还金额与结论摘要；须先上传审计报告）")
  @PostMapping("/api/audit-reports/{id}/filing")
  @PreAuthorize("hasAuthority('GROUP_auditor')")
  @ResponseStatus(HttpStatus.ACCEPTED)
  AuditReportView file(@PathVariable Long id, @Valid @RequestBody Filing request) {
    return AuditReportView.of(submissions.file(id, new AuditReportFiling.Filing(request.auditOpinion(),
        request.proceeds(), request.operatingCosts(), request.returnedAmount(), request.reportSummary().trim())));
  }

  @Operation(summary = "项目的审计报告（主管部门：全部；开发方：本单位项目）")
  @ConfidentialRead(object = "AUDIT_REPORT", fields = "审计报告、收益与返还数据")
  @GetMapping("/api/projects/{id}/audit-reports")
  List<AuditReportView> of(@PathVariable Long id) {
    return submissions.of(id).stream().map(AuditReportView::of).toList();
  }

  @Operation(summary = "公开的审计报告（合格、不合格、逾期、已整改），最新在前")
  @GetMapping("/api/public/audit-reports")
  ResponseEntity<List<PublicAuditReport>> published(
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    return PublicPage.answer(publicReports.published(null, PublicPage.of(page, size, 100)));
  }

  @Operation(summary = "下载公开的审计报告原件（PDF；X-Content-SHA256 与公开的 SHA-256 一致）")
  @GetMapping(value = "/api/public/audit-reports/{id}/document", produces = MediaType.APPLICATION_PDF_VALUE)
  ResponseEntity<byte[]> publicDocument(@PathVariable Long id) {
    return pdf(publicReports.document(id));
  }

  static ResponseEntity<byte[]> pdf(AuditReportDocument document) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(document.getFilename(), StandardCharsets.UTF_8).build().toString())
        .header("X-Content-SHA256", document.getSha256())
        .body(document.getContent());
  }
}
