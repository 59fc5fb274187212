package cn.beijing.carboninclusion.portal;

import static cn.beijing.carboninclusion.portal.PortalView.query;
import static cn.beijing.carboninclusion.portal.PortalView.select;

import cn.beijing.carboninclusion.portal.PortalView.Field;
import cn.beijing.carboninclusion.portal.PortalView.Filter;
import cn.beijing.carboninclusion.portal.PortalView.Option;
import cn.beijing.carboninclusion.supervision.AuditReportStatus;
import cn.beijing.carboninclusion.supervision.PublicAuditReports;
import cn.beijing.carboninclusion.supervision.PublicAuditReports.PublicAuditReport;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The portal's audit reports of Class I projects' proceeds with the authority's conclusions, each with its page. */
@Controller
class PortalAuditReportController {
  static final List<Column<PublicAuditReport>> AUDIT_COLUMNS = List.of(
      Column.linked("id", "编号", PublicAuditReport::id, r -> "/portal/audit-reports/" + r.id()),
      Column.of("projectId", null, PublicAuditReport::projectId),
      Column.linked("projectName", "项目", PublicAuditReport::projectName, r -> "/portal/projects/" + r.projectId()),
      Column.of("registrationNo", "登记编号", PublicAuditReport::registrationNo),
      Column.of("period", "审计期", PublicAuditReport::period),
      Column.of("status", null, PublicAuditReport::status),
      Column.of("statusLabel", "结论", PublicAuditReport::statusLabel),
      Column.of("agencyName", "审计机构", PublicAuditReport::agencyName),
      Column.of("agencyCreditCode", "审计机构统一社会信用代码", PublicAuditReport::agencyCreditCode),
      Column.of("auditOpinionLabel", "审计意见", PublicAuditReport::auditOpinionLabel),
      Column.of("proceeds", "收益（元）", PublicAuditReport::proceeds),
      Column.of("operatingCosts", "运营成本（元）", PublicAuditReport::operatingCosts),
      Column.of("returnedAmount", "返还金额（元）", PublicAuditReport::returnedAmount),
      Column.of("returnRatio", "返还比例", PublicAuditReport::returnRatio),
      Column.of("decidedAt", "审核时间", PublicAuditReport::decidedAt),
      Column.of("decisionComment", "审核意见", PublicAuditReport::decisionComment),
      Column.linked("documentSha256", "审计报告原件（PDF，SHA-256）", PublicAuditReport::documentSha256,
          r -> r.documentSha256() == null ? null : "/portal/audit-reports/" + r.id() + "/document"));

  private final PublicAuditReports auditReports;
  private final PortalPages pages;

  PortalAuditReportController(PublicAuditReports auditReports, PortalPages pages) {
    this.auditReports = auditReports;
    this.pages = pages;
  }

  @GetMapping("/portal/audit-reports")
  ModelAndView auditReports(@RequestParam(required = false) AuditReportStatus status,
      @RequestParam(defaultValue = "1") int page, @RequestParam(required = false) Integer size,
      @RequestParam(required = false) String format, HttpServletResponse response) throws IOException {
    Paged<PublicAuditReport> found = Paged.of(auditReports.published(status,
        Paged.Request.of(page, size).pageable()));
    List<Filter> filters = List.of(select("status", "结论", status, PublicAuditReports.PUBLIC.stream()
        .map(s -> new Option(s.name(), s.label(), false)).toList()));
    return pages.list(format, response, "审计报告", "audit-reports", "/portal/audit-reports",
        "一类项目收益使用情况的年度审计报告（由专业审计机构出具）及主管部门的审核结论；逾期未提交的同样公开。",
        query("status", status), filters, AUDIT_COLUMNS, found);
  }

  /** The audit firm's signed report as filed: its SHA-256 is the one the page shows. */
  @GetMapping("/portal/audit-reports/{id}/document")
  org.springframework.http.ResponseEntity<byte[]> document(@PathVariable Long id) {
    var document = auditReports.document(id);
    return org.springframework.http.ResponseEntity.ok().contentType(org.springframework.http.MediaType.APPLICATION_PDF)
        .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, org.springframework.http.ContentDisposition
            .attachment().filename(document.getFilename(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
        .header("X-Content-SHA256", document.getSha256())
        .body(document.getContent());
  }

  @GetMapping("/portal/audit-reports/{id}")
  ModelAndView auditReport(@PathVariable Long id, @RequestParam(required = false) String format,
      HttpServletResponse response) throws IOException {
    PublicAuditReport r = auditReports.get(id);
    if (pages.json(format, response, r)) {
      return null;
    }
    List<Field> fields = new ArrayList<>(PortalView.fields(AUDIT_COLUMNS, r));
    fields.set(1, new Field("项目", r.projectName(), "/portal/projects/" + r.projectId()));
    return PortalPages.record("audit-reports",
        "审计报告 " + r.id() + "：" + r.projectName() + "（" + r.period() + "）", fields, List.of(), null);
  }
}
