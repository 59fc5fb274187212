package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.identity.CaseScope;
import cn.beijing.carboninclusion.project.ProjectScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Class II yearly reports (二类项目年度报告), filed by the project's developer and published at once. */
@RestController
@Tag(name = "二类项目年度报告 Class II yearly reports")
class ClassTwoReportController {
  private final ClassTwoReports reports;

  ClassTwoReportController(ClassTwoReports reports) {
    this.reports = reports;
  }

  record FileReport(@NotNull Integer year, @NotBlank @Size(max = 8000) String revenuePlan,
      @NotBlank @Size(max = 8000) String operatingReport) {}

  record ReportView(Long id, Long projectId, int year, LocalDate dueDate, Instant filedAt, String message) {}

  @Operation(summary = "提交二类项目年度报告：收益管理方案与运营情况报告（项目开发方）",
      description = "仅已公开的二类项目；年度自公开当年起至今年；每年度一份，提交即公开")
  @PostMapping("/api/projects/{id}/annual-reports")
  @CaseScope(kind = ProjectScope.KIND)
  @PreAuthorize("hasAuthority('GROUP_developer')")
  ResponseEntity<ReportView> file(@PathVariable Long id, @Valid @RequestBody FileReport request) {
    ClassTwoAnnualReport report = reports.file(id, request.year(), request.revenuePlan().strip(),
        request.operatingReport().strip());
    return ResponseEntity.created(URI.create("/api/public/class-two-reports?projectId=" + id))
        .body(new ReportView(report.getId(), id, report.getReportYear(), reports.dueDate(report.getReportYear()),
            report.getFiledAt(), "年度报告已提交并公开"));
  }
}
