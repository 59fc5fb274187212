package cn.beijing.carboninclusion.certificate;

import cn.beijing.carboninclusion.crypto.Sm2Signer;
import cn.beijing.carboninclusion.crypto.Sm3;
import cn.beijing.carboninclusion.certificate.CertificateFiles.Kind;
import cn.beijing.carboninclusion.certificate.CertificateRenderer.Verification;
import io.swagger.v3.oas.annotations.Operation;
import cn.beijing.carboninclusion.certificate.CertificateFiles.Kind;
import cn.beijing.carboninclusion.certificate.CertificateRenderer.Verification;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The certificates as PDF attachments (HTTP Basic). Who may have which: {@link Certificates}. Problems as everywhere
 * on the API: 404 someone else's or unknown, 409 not registered, 503 no CJK font installed.
 *
 * <p>Every PDF is signed by the platform (商用密码, docs/crypto.md): {@value #SIGNATURE_HEADER} is the base64 DER
 * SM3withSM2 signature of the exact bytes of the answer (signer identity 1234567812345678), {@value #DIGEST_HEADER}
 * their SM3 digest in hex; the key is published at {@value #PUBLIC_KEY}.
 *
 * <p>Every PDF also carries a QR code and a verification code that lead to its public page
 * {@code /portal/certificates/{number}} (under {@code carbon-inclusion.public-base-url}); the platform records the
 * digest and signature of each PDF it hands out, so that page can check a file its holder uploads
 * ({@link CertificateFiles}, docs/portal.md "证书核验").
 */
@RestController
@Tag(name = "证书 certificates")
class CertificateController {
  static final String SIGNATURE_HEADER = "X-Signature-SM2";
  static final String DIGEST_HEADER = "X-Content-SM3";
  static final String KEY_HEADER = "X-Signature-Key";
  static final String PUBLIC_KEY = "/api/public/crypto/public-key";
  /** The public page of a certificate, followed by its number. */
  static final String PUBLIC_PAGE = "/portal/certificates/";

  private final Certificates certificates;
  private final CertificateRenderer renderer;
  private final Sm2Signer signer;
  private final CertificateFiles files;
  private final String publicBaseUrl;

  CertificateController(Certificates certificates, CertificateRenderer renderer, Sm2Signer signer,
      CertificateFiles files, @Value("${carbon-inclusion.public-base-url:http://localhost:8080}") String publicBaseUrl) {
    this.certificates = certificates;
    this.renderer = renderer;
    this.signer = signer;
    this.files = files;
    this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
  }

  @Operation(summary = "项目登记证书 PDF (the project's developer, bureau, techcenter)")
  @GetMapping(value = "/api/projects/{id}/certificate", produces = MediaType.APPLICATION_PDF_VALUE)
  ResponseEntity<byte[]> projectRegistration(@PathVariable Long id) {
    return pdf(certificates.projectRegistration(id), Kind.PROJECT, id);
  }

  @Operation(summary = "减排量签发证书 PDF (the developer issued to, bureau, techcenter)")
  @GetMapping(value = "/api/registry/issuances/{id}/certificate", produces = MediaType.APPLICATION_PDF_VALUE)
  ResponseEntity<byte[]> issuance(@PathVariable Long id) {
    return pdf(certificates.issuance(id), Kind.ISSUANCE, id);
  }

  @Operation(summary = "减排量注销（消纳）证明 PDF (the retiring developer, the exchange for its retirements, bureau, "
      + "techcenter)")
  @GetMapping(value = "/api/registry/retirements/{id}/certificate", produces = MediaType.APPLICATION_PDF_VALUE)
  ResponseEntity<byte[]> retirement(@PathVariable Long id) {
    return pdf(certificates.retirement(id), Kind.RETIREMENT, id);
  }

  private ResponseEntity<byte[]> pdf(Certificate certificate, Kind kind, Long subjectId) {
    renderer.requireFont(); // no code is drawn for a certificate that cannot be set
    String code = files.codeOf(certificate.number(), kind, subjectId);
    String page = publicBaseUrl + PUBLIC_PAGE + certificate.number();
    byte[] pdf = renderer.render(certificate, new Verification(page + "?code=" + code, page,
        CertificateFiles.printed(code)));
    String signature = signer.signBase64(pdf);
    String digest = Sm3.hex(pdf);
    files.recordFile(certificate.number(), digest, signature);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, certificate.contentDisposition())
        .contentLength(pdf.length)
        .header(SIGNATURE_HEADER, signature)
        .header(DIGEST_HEADER, digest)
        .header(KEY_HEADER, PUBLIC_KEY)
        .header(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, SIGNATURE_HEADER + ", " + DIGEST_HEADER + ", " + KEY_HEADER)
        .body(pdf);
  }
}
