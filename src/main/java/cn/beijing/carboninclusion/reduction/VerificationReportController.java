package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.identity.ConfidentialRead;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The verifier's report of a reduction application (核查报告). */
@RestController
@RequestMapping("/api/reduction-applications/{id}/verification-report")
@Tag(name = "核查 verification")
class VerificationReportController {
  private final VerificationReportService reports;

  VerificationReportController(VerificationReportService reports) {
    this.reports = reports;
  }

  record ReportView(Long applicationId, String filename, long sizeBytes, String sha256, String uploadedBy,
      Instant uploadedAt, VerificationOpinion opinion, String opinionLabel, BigDecimal verifiedTco2e, String comment,
      Instant concludedAt) {
    static ReportView of(VerificationReport r) {
      return new ReportView(r.getApplicationId(), r.getFilename(), r.getSizeBytes(), r.getSha256(), r.getUploadedBy(),
          r.getUploadedAt(), r.getOpinion(), r.getOpinion() == null ? null : r.getOpinion().label(),
          r.getVerifiedTco2e(), r.getComment(), r.getConcludedAt());
    }
  }

  @Operation(summary = "提交核查报告（受托核查机构，核查任务办理期间；PDF ≤ 20 MB，记录 SHA-256；再次提交替换前一份）")
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ReportView file(@PathVariable Long id, @RequestPart(name = "file", required = false) MultipartFile file) {
    return ReportView.of(reports.file(id, file));
  }

  @Operation(summary = "核查报告：文件名、大小、SHA-256 与核查结论（可查看该申请者）")
  @ConfidentialRead(object = "VERIFICATION_REPORT", fields = "核查结论、核查意见")
  @GetMapping
  ReportView get(@PathVariable Long id) {
    return ReportView.of(reports.of(id));
  }

  @Operation(summary = "下载核查报告（PDF）")
  @ConfidentialRead(object = "VERIFICATION_REPORT", fields = "核查报告全文")
  @GetMapping(value = "/content", produces = MediaType.APPLICATION_PDF_VALUE)
  ResponseEntity<byte[]> content(@PathVariable Long id) {
    VerificationReport report = reports.of(id);
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(report.getFilename(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
        .header("X-Content-SHA256", report.getSha256())
        .body(report.getContent());
  }
}
