package cn.beijing.carboninclusion.certificate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The certificates as PDF attachments (HTTP Basic). Who may have which: {@link Certificates}. Problems as everywhere
 * on the API: 404 someone else's or unknown, 409 not registered, 503 no CJK font installed.
 */
@RestController
@Tag(name = "证书 certificates")
class CertificateController {
  private final Certificates certificates;
  private final CertificateRenderer renderer;

  CertificateController(Certificates certificates, CertificateRenderer renderer) {
    this.certificates = certificates;
    this.renderer = renderer;
  }

  @Operation(summary = "项目登记证书 PDF (the project's developer, bureau, techcenter)")
  @GetMapping(value = "/api/projects/{id}/certificate", produces = MediaType.APPLICATION_PDF_VALUE)
  ResponseEntity<byte[]> projectRegistration(@PathVariable Long id) {
    return pdf(certificates.projectRegistration(id));
  }

  @Operation(summary = "减排量签发证书 PDF (the developer issued to, bureau, techcenter)")
  @GetMapping(value = "/api/registry/issuances/{id}/certificate", produces = MediaType.APPLICATION_PDF_VALUE)
  ResponseEntity<byte[]> issuance(@PathVariable Long id) {
    return pdf(certificates.issuance(id));
  }

  @Operation(summary = "减排量注销（消纳）证明 PDF (the retiring developer, the exchange for its retirements, bureau, "
      + "techcenter)")
  @GetMapping(value = "/api/registry/retirements/{id}/certificate", produces = MediaType.APPLICATION_PDF_VALUE)
  ResponseEntity<byte[]> retirement(@PathVariable Long id) {
    return pdf(certificates.retirement(id));
  }

  private ResponseEntity<byte[]> pdf(Certificate certificate) {
    byte[] pdf = renderer.render(certificate);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, certificate.contentDisposition())
        .contentLength(pdf.length)
        .body(pdf);
  }
}
