package cn.beijing.carboninclusion.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.registry.IssueRequest;
import cn.beijing.carboninclusion.registry.IssuedBlock;
import cn.beijing.carboninclusion.registry.Registry;
import cn.beijing.carboninclusion.registry.RegistryCommands;
import cn.beijing.carboninclusion.registry.RegistryViews.RetirementView;
import cn.beijing.carboninclusion.registry.RetirementPurpose;
import cn.beijing.carboninclusion.registry.RetirementService;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import jakarta.persistence.EntityManager;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * 证书核验 end to end: a certificate downloaded over the API carries a QR code; the test renders the PDF's page with
 * PDFBox, decodes the QR code with ZXing, follows it anonymously to the portal, and sees what the registry says now
 * (已签发, then 部分注销 after a retirement), the journal entry, and the code accepted. A wrong code, or the code
 * of another certificate, is refused; the portal's file check passes the file as downloaded and fails it with one
 * byte changed.
 */
class CertificateQrTest extends PlatformIntegrationTest {
  static final String DEVELOPER = "greentravel";
  static final String PASSWORD = "demo";
  static final Pattern CODE_ON_PAPER = Pattern.compile("核验码：([0-9A-Z]{5}-[0-9A-Z]{5})");

  @Autowired TestRestTemplate http;
  @Autowired ApplicationContext context;
  @Autowired Registry registry;
  @Autowired RetirementService retirements;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired EntityManager entityManager;
  ProjectCases cases;

  @BeforeEach
  void cases() {
    cases = new ProjectCases(context);
  }

  @AfterEach
  void cleanUp() {
    cases.cleanUp();
  }

  @Test
  void theQrCodeOfAnIssuanceCertificateLeadsToWhatTheRegistrySaysNow() throws Exception {
    Project project = cases.aRegisteredProject();
    long applicationId = ThreadLocalRandom.current().nextLong(5_000_000_000L, 6_000_000_000L);
    IssuedBlock issued = issue(project, applicationId, 120);
    Long issuanceId = entityManager.createQuery("select i.id from Issuance i where i.applicationId = :a", Long.class)
        .setParameter("a", applicationId).getSingleResult();
    String number = "BJCI-C-I-" + String.format("%08d", issuanceId);
    Long journalEntryId = entityManager.createQuery("select i.journalEntryId from Issuance i where i.id = :id",
        Long.class).setParameter("id", issuanceId).getSingleResult();

    byte[] pdf = pdf("/api/registry/issuances/" + issuanceId + "/certificate");
    URI qr = URI.create(decodeQr(pdf));
    assertThat(qr.getPath()).isEqualTo("/portal/certificates/" + number);
    assertThat(qr.getQuery()).startsWith("code=");
    String code = qr.getQuery().substring("code=".length());
    assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{10}");
    // the code is printed next to the QR code, in two groups of five, for those who type it
    Matcher printed = CODE_ON_PAPER.matcher(text(pdf));
    assertThat(printed.find()).as("the PDF prints the verification code").isTrue();
    assertThat(printed.group(1).replace("-", "")).isEqualTo(code);
    // every download is the same certificate with the same code
    assertThat(decodeQr(pdf("/api/registry/issuances/" + issuanceId + "/certificate"))).isEqualTo(qr.toString());

    ResponseEntity<String> page = anonymous(qr.getPath() + "?" + qr.getQuery());
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("lang=\"zh-CN\"", "<h1>减排量签发证书核验</h1>", number, "核验码相符",
        "<strong>已签发</strong>", "120 tCO2e", project.getRegistrationNo(), "第 " + journalEntryId + " 条",
        issued.journalHash(), "<th scope=\"row\">当前状态</th>");

    RetirementView retired = cases.as(DEVELOPER, Groups.DEVELOPER, () -> retirements.retire(
        new RegistryCommands.RetireCommand(RetirementPurpose.ORGANISATION_NEUTRALITY, 30L, issued.blockId(), null,
            "证书核验测试-" + UUID.randomUUID().toString().substring(0, 8), null, null, null, null, "核验")));
    ResponseEntity<String> after = anonymous(qr.getPath() + "?" + qr.getQuery());
    assertThat(after.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(after.getBody()).contains("<strong>部分注销</strong>", "已注销（消纳）数量", "30 tCO2e", "90 tCO2e")
        .doesNotContain("<strong>已签发</strong>");

    // a code one character off, a code that is no code, and the code of another certificate: all refused
    String wrong = (code.charAt(0) == '0' ? "1" : "0") + code.substring(1);
    ResponseEntity<String> refused = anonymous(qr.getPath() + "?code=" + wrong);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).contains("核验码 (code) 与该证书不符").doesNotContain("核验码相符");
    ResponseEntity<String> malformed = anonymous(qr.getPath() + "?code=abc");
    assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(malformed.getBody()).contains("核验码 (code) 格式有误");
    URI retirementQr = URI.create(decodeQr(pdf("/api/registry/retirements/" + retired.id() + "/certificate")));
    String retirementNumber = "BJCI-C-R-" + String.format("%08d", retired.id());
    assertThat(retirementQr.getPath()).isEqualTo("/portal/certificates/" + retirementNumber);
    assertThat(retirementQr.getQuery()).isNotEqualTo(qr.getQuery());
    ResponseEntity<String> retirementPage = anonymous(retirementQr.getPath() + "?" + retirementQr.getQuery());
    assertThat(retirementPage.getBody()).contains("<strong>已注销（消纳）</strong>", "核验码相符",
        retired.journal().hash());
    ResponseEntity<String> borrowed = anonymous(retirementQr.getPath() + "?" + qr.getQuery());
    assertThat(borrowed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(borrowed.getBody()).contains("核验码 (code) 与该证书不符");

    // typed from the paper into the registry page's form: the number and the printed code lead to the same page
    ResponseEntity<String> typed = anonymous("/portal/certificates?number=" + number + "&code="
        + printed.group(1).toLowerCase());
    if (typed.getStatusCode().is3xxRedirection()) {
      assertThat(typed.getHeaders().getLocation().toString())
          .endsWith("/portal/certificates/" + number + "?code=" + printed.group(1).toLowerCase());
      typed = anonymous(typed.getHeaders().getLocation().getRawPath() + "?"
          + typed.getHeaders().getLocation().getRawQuery());
    }
    assertThat(typed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(typed.getBody()).contains("核验码相符", "<strong>部分注销</strong>");
    ResponseEntity<String> noNumber = anonymous("/portal/certificates?number=");
    assertThat(noNumber.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noNumber.getBody()).contains("(number)");

    // the project's registration certificate leads to the project's status now
    URI projectQr = URI.create(decodeQr(pdf("/api/projects/" + project.getId() + "/certificate")));
    ResponseEntity<String> projectPage = anonymous(projectQr.getPath() + "?" + projectQr.getQuery());
    assertThat(projectPage.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(projectPage.getBody()).contains("<h1>项目登记证书核验</h1>", "<strong>有效</strong>", "核验码相符",
        project.getRegistrationNo());

    // an unknown number: the portal's Chinese 404
    ResponseEntity<String> unknown = anonymous("/portal/certificates/BJCI-C-I-99999999");
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknown.getBody()).contains("未找到该记录");
  }

  @Test
  void theFileCheckPassesTheDownloadedPdfAndFailsItWithOneByteChanged() throws Exception {
    Project project = cases.aRegisteredProject();
    long applicationId = ThreadLocalRandom.current().nextLong(6_000_000_000L, 7_000_000_000L);
    issue(project, applicationId, 50);
    Long issuanceId = entityManager.createQuery("select i.id from Issuance i where i.applicationId = :a", Long.class)
        .setParameter("a", applicationId).getSingleResult();
    byte[] pdf = pdf("/api/registry/issuances/" + issuanceId + "/certificate");
    URI qr = URI.create(decodeQr(pdf));
    ResponseEntity<String> page = anonymous(qr.getPath());
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).doesNotContain("核验码相符"); // no code given, none confirmed

    ResponseEntity<String> original = upload(page, qr.getPath() + "/file", pdf);
    assertThat(original.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(original.getBody()).contains("签名有效").doesNotContain("签名无效");

    byte[] changed = pdf.clone();
    int at = changed.length / 2;
    changed[at] = (byte) (changed[at] ^ 0x01);
    ResponseEntity<String> tampered = upload(page, qr.getPath() + "/file", changed);
    assertThat(tampered.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(tampered.getBody()).contains("签名无效").doesNotContain("签名有效");

    ResponseEntity<String> missing = upload(page, qr.getPath() + "/file", null);
    assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(missing.getBody()).contains("(file)");
  }

  // ------------------------------------------------------------------ helpers

  private IssuedBlock issue(Project project, long applicationId, long quantity) {
    return new TransactionTemplate(transactionManager).execute(status -> registry.issue(new IssueRequest(
        applicationId, project.getId(), project.getRegistrationNo(), project.getDeveloperId(), 2025, quantity)));
  }

  private byte[] pdf(String path) {
    HttpHeaders headers = new HttpHeaders();
    headers.setAccept(List.of(MediaType.APPLICATION_PDF));
    ResponseEntity<byte[]> response = http.withBasicAuth(DEVELOPER, PASSWORD)
        .exchange(path, HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  private ResponseEntity<String> anonymous(String pathAndQuery) {
    return http.exchange(URI.create(pathAndQuery).toString(), HttpMethod.GET, HttpEntity.EMPTY, String.class);
  }

  /** Posts the file form as a browser would: the page's CSRF cookie and hidden token, the file as {@code file}. */
  private ResponseEntity<String> upload(ResponseEntity<String> page, String path, byte[] file) {
    String cookie = page.getHeaders().get(HttpHeaders.SET_COOKIE).stream().filter(c -> c.startsWith("XSRF-TOKEN="))
        .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
    Matcher hidden = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.getBody());
    assertThat(hidden.find()).as("the file form carries a CSRF token").isTrue();
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    headers.add(HttpHeaders.COOKIE, cookie);
    MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
    body.add("_csrf", hidden.group(1));
    if (file != null) {
      body.add("file", new ByteArrayResource(file) {
        @Override
        public String getFilename() {
          return "certificate.pdf";
        }
      });
    }
    return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  /** The text of the QR code on the certificate's pages, rendered as a scanner would see them (200 dpi, grey). */
  private static String decodeQr(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDFRenderer renderer = new PDFRenderer(document);
      for (int i = 0; i < document.getNumberOfPages(); i++) {
        BufferedImage page = renderer.renderImageWithDPI(i, 200, ImageType.GRAY);
        try {
          return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
              new BufferedImageLuminanceSource(page))), Map.of(DecodeHintType.POSSIBLE_FORMATS,
                  List.of(BarcodeFormat.QR_CODE), DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        } catch (NotFoundException e) {
          // not on this page
        }
      }
    }
    throw new AssertionError("no QR code on the certificate");
  }

  private static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    }
  }
}
