package cn.beijing.carboninclusion.identity;

import cn.beijing.carboninclusion.common.PublicPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 访问日志: who read which confidential fields, for the bureau (and the platform's administrators). */
@RestController
@RequestMapping("/api/access-log")
@Tag(name = "访问日志 access log")
@Validated
class AccessLogController {
  private final AccessLogEntries entries;

  AccessLogController(AccessLogEntries entries) {
    this.entries = entries;
  }

  @Operation(summary = "敏感信息访问记录，最新在前，可按人员、对象、时间筛选 (bureau, camunda-admin)")
  @GetMapping
  @PreAuthorize("hasAnyAuthority('GROUP_bureau', 'GROUP_camunda-admin')")
  AccessLogPage find(@RequestParam(required = false) String userId,
      @RequestParam(required = false) String objectType, @RequestParam(required = false) String objectRef,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    Page<AccessLogEntry> found = entries.find(blankToNull(userId), blankToNull(objectType), blankToNull(objectRef),
        from == null ? Instant.EPOCH : from, to == null ? Instant.parse("9999-12-31T00:00:00Z") : to,
        PublicPage.of(page, size));
    return new AccessLogPage(found.getContent(), page, size, found.getTotalElements());
  }

  /** One page of the log ({@code page} counts from 0). */
  record AccessLogPage(List<AccessLogEntry> items, int page, int size, long totalItems) {}

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
