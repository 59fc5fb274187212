package cn.beijing.carboninclusion.identity;

import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.common.PublicPage;
import cn.beijing.carboninclusion.common.SecurityAudit.Event;
import cn.beijing.carboninclusion.common.Texts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 安全审计: the audit administrator's reading of the security audit — and nobody else's (三员分立: the system and the
 * security administrators, whose acts it records, cannot read or change it). Every export is itself recorded (as
 * every CSV export of the platform API is, identity.SecurityAuditFilter).
 */
@RestController
@RequestMapping("/api/security-audit")
@Tag(name = "安全审计 security audit")
@Validated
@PreAuthorize("hasAuthority('GROUP_auditadmin')")
class SecurityAuditController {
  static final int MAX_EXPORT = 10_000;
  private static final MediaType TEXT_CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

  private final SecurityAuditLog log;
  private final AccessControlSeal accessControl;

  SecurityAuditController(SecurityAuditLog log, AccessControlSeal accessControl) {
    this.log = log;
    this.accessControl = accessControl;
  }

  record AuditPage(List<SecurityAuditLog.Row> items, int page, int size) {}

  @Operation(summary = "安全审计记录，最新在前，可按时间、人员、事件筛选（审计管理员）")
  @GetMapping
  AuditPage find(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
      @RequestParam(required = false) String userId, @RequestParam(required = false) String event,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    var request = PublicPage.of(page, size);
    return new AuditPage(log.page(query(from, to, userId, event), (int) request.getOffset(), request.getPageSize()),
        request.getPageNumber(), request.getPageSize());
  }

  @Operation(summary = "导出安全审计记录（CSV，每次至多 10000 条，最新在前；导出本身记入审计）")
  @GetMapping(value = "/export", produces = "text/csv")
  ResponseEntity<String> export(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
      @RequestParam(required = false) String userId, @RequestParam(required = false) String event,
      @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page) {
    List<SecurityAuditLog.Row> rows = log.page(query(from, to, userId, event), page * MAX_EXPORT, MAX_EXPORT);
    StringBuilder csv = new StringBuilder("id,occurredAt,userId,sourceAddress,event,object,outcome,detail,hash\n");
    for (SecurityAuditLog.Row row : rows) {
      csv.append(String.join(",", Long.toString(row.id()), row.occurredAt().toString(), cell(row.userId()),
          cell(row.sourceAddress()), row.event(), cell(row.object()), row.outcome(), cell(row.detail()), row.hash()))
          .append('\n');
    }
    return ResponseEntity.ok().contentType(TEXT_CSV)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("security-audit-" + page + ".csv").build().toString())
        .body(csv.toString());
  }

  @Operation(summary = "校验安全审计的哈希链（审计管理员）")
  @GetMapping("/verify")
  SecurityAuditLog.Verification verify() {
    return log.verify();
  }

  @Operation(summary = "校验访问控制信息（组、成员关系、授权）的完整性：与安全审计中最近一次 SM3 封存比对（审计管理员）")
  @GetMapping("/access-control")
  AccessControlSeal.Check accessControl() {
    return accessControl.check();
  }

  private static SecurityAuditLog.Query query(Instant from, Instant to, String userId, String event) {
    String kind = event == null || event.isBlank() ? null : event.strip();
    if (kind != null && Arrays.stream(Event.values()).noneMatch(e -> e.name().equals(kind))) {
      throw new InvalidInputException("event", "未知的审计事件 (unknown event)；可选 " + Arrays.toString(Event.values()));
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new InvalidInputException("to", "须晚于 from (must be after from)");
    }
    return new SecurityAuditLog.Query(from, to, userId == null || userId.isBlank() ? null : userId.strip(), kind);
  }

  /** A CSV cell: quoted, quotes doubled, a formula defused. */
  private static String cell(String text) {
    return "\"" + Texts.spreadsheetSafe(text).replace("\"", "\"\"") + "\"";
  }
}
