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
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Audit reports on the use of revenue (审计报告): filing by the developer, reading, and the public list. */
@RestController
@Tag(name = "审计报告 audit reports")
class AuditReportController {
  private final AuditReportSubmissions submissions;
  private final PublicAuditReports publicReports;

  AuditReportController(AuditReportSubmissions submissions, PublicAuditReports publicReports) {
    this.submissions = submissions;
    this.publicReports = publicReports;
  }

  record Filing(
      @NotBlank @Size(max = 200) String agencyName,
      @NotBlank @UnifiedSocialCreditCode String agencyCreditCode,
      @NotNull @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal proceeds,
      @NotNull @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal operatingCosts,
      @NotNull @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal returnedAmount,
      @NotBlank @Size(max = 8000) String reportSummary) {}

  record AuditReportView(Long id, Long projectId, String period, LocalDate periodStart, LocalDate periodEnd,
      Instant dueAt, AuditReportStatus status, String statusLabel, String agencyName, String agencyCreditCode,
      BigDecimal proceeds, BigDecimal operatingCosts, BigDecimal returnedAmount, BigDecimal returnRatio,
      BigDecimal registryProceeds, String reportSummary, Instant filedAt, Instant decidedAt, String decisionComment) {
    static AuditReportView of(AuditReport r) {
      return new AuditReportView(r.getId(), r.getProjectId(), r.getPeriodLabel(), r.getPeriodStart(),
          r.getPeriodEnd().minusDays(1), r.getDueAt(), r.getStatus(), r.getStatus().label(), r.getAgencyName(),
          r.getAgencyCreditCode(), r.getProceeds(), r.getOperatingCosts(), r.getReturnedAmount(),
          r.getReturnRatio(), r.getRegistryProceeds(), r.getReportSummary(), r.getFiledAt(), r.getDecidedAt(),
          r.getDecisionComment());
    }
  }

  @Operation(summary = "提交收益使用审计报告（项目开发方，审计期结束后）")
  @PostMapping("/api/projects/{id}/audit-reports")
  @CaseScope(kind = ProjectScope.KIND)
  @PreAuthorize("hasAuthority('GROUP_developer')")
  @ResponseStatus(HttpStatus.ACCEPTED)
  AuditReportView file(@PathVariable Long id, @Valid @RequestBody Filing request) {
    return AuditReportView.of(submissions.file(id, new AuditReportFiling.Filing(request.agencyName().trim(),
        request.agencyCreditCode(), request.proceeds(), request.operatingCosts(), request.returnedAmount(),
        request.reportSummary().trim())));
  }

  @Operation(summary = "项目的审计报告（主管部门：全部；开发方：本单位项目）")
  @ConfidentialRead(object = "AUDIT_REPORT", fields = "审计报告、收益与返还数据")
  @GetMapping("/api/projects/{id}/audit-reports")
  List<AuditReportView> of(@PathVariable Long id) {
    return submissions.of(id).stream().map(AuditReportView::of).toList();
  }

  @Operation(summary = "公开的审计报告（合格、不合格、逾期、已整改），最新在前")
  @GetMapping("/api/public/audit-reports")
  org.springframework.http.ResponseEntity<List<PublicAuditReport>> published(
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    return PublicPage.answer(publicReports.published(null, PublicPage.of(page, size, 100)));
  }
}
