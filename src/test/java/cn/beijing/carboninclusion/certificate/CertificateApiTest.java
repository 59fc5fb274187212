package cn.beijing.carboninclusion.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.calendar.CalendarProperties;
import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectApplicationRequest;
import cn.beijing.carboninclusion.project.ProjectApplications;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.project.ProjectClass;
import cn.beijing.carboninclusion.project.ProjectStatus;
import cn.beijing.carboninclusion.project.UploadedFile;
import cn.beijing.carboninclusion.registry.IssueRequest;
import cn.beijing.carboninclusion.registry.IssuedBlock;
import cn.beijing.carboninclusion.registry.Registry;
import cn.beijing.carboninclusion.registry.RegistryCommands;
import cn.beijing.carboninclusion.registry.RegistryViews.RetirementView;
import cn.beijing.carboninclusion.registry.RegistryViews.TransferView;
import cn.beijing.carboninclusion.registry.RetirementPurpose;
import cn.beijing.carboninclusion.registry.RetirementService;
import cn.beijing.carboninclusion.registry.Serials;
import cn.beijing.carboninclusion.registry.TransferService;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The three certificates over real HTTP, for records made through the real services: a project registered along
 * its process, units issued to it by the registry, and a retirement of some of them. Each PDF is read back with
 * PDFBox and must state what it certifies; someone else's record is not found, an unregistered project a conflict.
 */
class CertificateApiTest extends PlatformIntegrationTest {
  static final String DEVELOPER = "greentravel";
  static final String OTHER_DEVELOPER = "sunroof";
  static final String BUREAU = "zhangwei";
  static final String EXCHANGE = "chenjing";
  static final String PASSWORD = "demo";

  @Autowired TestRestTemplate http;
  @Autowired ApplicationContext context;
  @Autowired Registry registry;
  @Autowired RetirementService retirements;
  @Autowired TransferService transfers;
  @Autowired ProjectApplications applications;
  @Autowired RuntimeService runtimeService;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired EntityManager entityManager;
  @Autowired ObjectMapper json;
  @Autowired CalendarProperties calendar;
  ProjectCases cases;
  Long unregisteredProjectId;

  @BeforeEach
  void cases() {
    cases = new ProjectCases(context);
  }

  @AfterEach
  void cleanUp() {
    if (unregisteredProjectId != null) {
      runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(unregisteredProjectId))
          .processDefinitionKey("ProjectRegistration").list()
          .forEach(pi -> runtimeService.deleteProcessInstance(pi.getId(), "test finished", true, true));
    }
    cases.cleanUp();
  }

  // ------------------------------------------------------------------ 项目登记证书

  @Test
  void theRegistrationCertificateOfARegisteredProjectStatesItsNumberDeveloperMethodologyAndDates() throws IOException {
    Project project = cases.aRegisteredProject();

    ResponseEntity<byte[]> response = get(DEVELOPER, "/api/projects/" + project.getId() + "/certificate");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
    assertThat(utf8Filename(response)).isEqualTo("项目登记证书-BJCI-C-P-" + Serials.projectCode(project.getRegistrationNo())
        + ".pdf");
    String text = text(response.getBody());
    assertThat(text).contains("北京市碳普惠", "项目登记证书", "北京市生态环境局", project.getName(),
        project.getRegistrationNo(), developerName(project), "BJCI-M-TRAVEL（第", "一类项目", "海淀区",
        "2025年3月1日 至 2030年2月28日", "发证日期：" + chineseDate(project.getRegisteredAt()));

    assertThat(get(BUREAU, "/api/projects/" + project.getId() + "/certificate").getStatusCode())
        .isEqualTo(HttpStatus.OK);
    ResponseEntity<byte[]> foreign = get(OTHER_DEVELOPER, "/api/projects/" + project.getId() + "/certificate");
    assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(foreign.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void everyCertificateIsSignedWithSm2AndVerifiesWithThePublishedKey() {
    Project project = cases.aRegisteredProject();
    ResponseEntity<byte[]> response = get(DEVELOPER, "/api/projects/" + project.getId() + "/certificate");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    byte[] pdf = response.getBody();
    byte[] signature = java.util.Base64.getDecoder().decode(response.getHeaders().getFirst("X-Signature-SM2"));
    assertThat(response.getHeaders().getFirst("X-Content-SM3")).isEqualTo(cn.beijing.carboninclusion.crypto.Sm3.hex(pdf));
    assertThat(response.getHeaders().getFirst("X-Signature-Key")).isEqualTo("/api/public/crypto/public-key");

    // the key as anyone gets it, without an account
    ResponseEntity<String> published = http.getForEntity("/api/public/crypto/public-key", String.class);
    assertThat(published.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(published.getBody()).startsWith("-----BEGIN PUBLIC KEY-----");
    java.security.PublicKey key = cn.beijing.carboninclusion.crypto.Sm2Signer.parsePublicKeyPem(published.getBody());

    assertThat(cn.beijing.carboninclusion.crypto.Sm2Signer.verify(key, pdf, signature)).isTrue();
    for (int at : new int[] {0, pdf.length / 2, pdf.length - 1}) {
      byte[] changed = pdf.clone();
      changed[at] ^= 1;
      assertThat(cn.beijing.carboninclusion.crypto.Sm2Signer.verify(key, changed, signature))
          .as("byte %d changed", at).isFalse();
    }
    // another download is another signature of its own bytes, each verifying
    ResponseEntity<byte[]> again = get(BUREAU, "/api/projects/" + project.getId() + "/certificate");
    assertThat(cn.beijing.carboninclusion.crypto.Sm2Signer.verify(key, again.getBody(), java.util.Base64.getDecoder()
        .decode(again.getHeaders().getFirst("X-Signature-SM2")))).isTrue();
    assertThat(cn.beijing.carboninclusion.crypto.Sm2Signer.verify(key, pdf, java.util.Base64.getDecoder()
        .decode(again.getHeaders().getFirst("X-Signature-SM2")))).isEqualTo(java.util.Arrays.equals(pdf,
        again.getBody()));
  }

  @Test
  void aProjectNotYetRegisteredHasNoCertificate() {
    Project filed = cases.as(DEVELOPER, Groups.DEVELOPER, () -> applications.apply(anApplication(), documents(), null));
    unregisteredProjectId = filed.getId();
    assertThat(filed.getStatus()).isEqualTo(ProjectStatus.SUBMITTED);

    ResponseEntity<byte[]> response = get(DEVELOPER, "/api/projects/" + filed.getId() + "/certificate");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(problem(response).get("detail").asText()).contains("已提交", "not REGISTERED");
    assertThat(get(BUREAU, "/api/projects/" + filed.getId() + "/certificate").getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
    // someone else's unregistered project is not found, not a conflict
    assertThat(get(OTHER_DEVELOPER, "/api/projects/" + filed.getId() + "/certificate").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  // ------------------------------------------------------------------ 减排量签发证书

  @Test
  void theIssuanceCertificateStatesTheVintageQuantitySerialRangeAndJournalHash() throws IOException {
    Project project = cases.aRegisteredProject();
    long applicationId = ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L);
    IssuedBlock issued = issue(project, applicationId, 120);
    Long issuanceId = issuanceOf(applicationId);

    ResponseEntity<byte[]> response = get(DEVELOPER, "/api/registry/issuances/" + issuanceId + "/certificate");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
    assertThat(utf8Filename(response)).isEqualTo("减排量签发证书-BJCI-C-I-" + String.format("%08d", issuanceId) + ".pdf");
    // a new project's first issuance of a vintage starts at unit 1
    String range = Serials.range(project.getRegistrationNo(), 2025, 1, 120);
    assertThat(issued.firstSerial()).isEqualTo(Serials.unit(project.getRegistrationNo(), 2025, 1));
    String text = text(response.getBody());
    assertThat(text).contains("北京市碳普惠", "减排量签发证书", "北京市生态环境局", project.getName(),
        project.getRegistrationNo(), developerName(project), "2025年度", "120 tCO2e", range, issued.journalHash());

    assertThat(get(BUREAU, "/api/registry/issuances/" + issuanceId + "/certificate").getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(get(OTHER_DEVELOPER, "/api/registry/issuances/" + issuanceId + "/certificate").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(get(DEVELOPER, "/api/registry/issuances/" + Long.MAX_VALUE + "/certificate").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  // ------------------------------------------------------------------ 减排量注销（消纳）证明

  @Test
  void theRetirementCertificateStatesPurposeBeneficiarySerialsQuantityAndJournalHash() throws IOException {
    Project project = cases.aRegisteredProject();
    IssuedBlock issued = issue(project, ThreadLocalRandom.current().nextLong(2_000_000_000L, 3_000_000_000L), 120);
    String beneficiary = "北京冬季运动示范中心-" + UUID.randomUUID().toString().substring(0, 8);
    RetirementView retired = cases.as(DEVELOPER, Groups.DEVELOPER, () -> retirements.retire(
        new RegistryCommands.RetireCommand(RetirementPurpose.ORGANISATION_NEUTRALITY, 30L, issued.blockId(), null,
            beneficiary, null, null, null, null, "2025年度机构碳中和")));

    ResponseEntity<byte[]> response = get(DEVELOPER, "/api/registry/retirements/" + retired.id() + "/certificate");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
    assertThat(utf8Filename(response)).isEqualTo("减排量注销（消纳）证明-BJCI-C-R-" + String.format("%08d", retired.id())
        + ".pdf");
    // the split rule: the holder keeps 1..90, the retirement takes the tail 91..120
    String range = Serials.range(project.getRegistrationNo(), 2025, 91, 120);
    assertThat(retired.blocks()).extracting(b -> b.serialRange()).containsExactly(range);
    String text = text(response.getBody());
    assertThat(text).contains("北京市碳普惠", "减排量注销（消纳）证明", "北京市生态环境局", "机构碳中和", beneficiary,
        "30 tCO2e", range, project.getRegistrationNo(), retired.journal().hash(),
        "第 " + retired.journal().entryId() + " 条", "发证日期：" + chineseDate(retired.occurredAt()));
    assertThat(text).as("the remark is not public").doesNotContain("2025年度机构碳中和");

    assertThat(get(BUREAU, "/api/registry/retirements/" + retired.id() + "/certificate").getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(get(OTHER_DEVELOPER, "/api/registry/retirements/" + retired.id() + "/certificate").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    // the exchange has the certificates of the retirements it made, not of a developer's
    assertThat(get(EXCHANGE, "/api/registry/retirements/" + retired.id() + "/certificate").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void theExchangeHasTheCertificatesOfTheRetirementsItMade() throws IOException {
    Project project = cases.aRegisteredProject();
    IssuedBlock issued = issue(project, ThreadLocalRandom.current().nextLong(3_000_000_000L, 4_000_000_000L), 100);
    TransferView transfer = cases.as(DEVELOPER, Groups.DEVELOPER,
        () -> transfers.transferToExchange(new RegistryCommands.TransferCommand(40L, issued.blockId())));
    cases.as(EXCHANGE, Groups.EXCHANGE, () -> transfers.confirmReceipt(transfer.id()));
    RetirementView retired = cases.as(EXCHANGE, Groups.EXCHANGE, () -> retirements.retire(
        new RegistryCommands.RetireCommand(RetirementPurpose.VOLUNTARY, 40L, transfer.blocks().get(0).blockId(),
            null, null, null, null, null, null, null)));

    ResponseEntity<byte[]> response = get(EXCHANGE, "/api/registry/retirements/" + retired.id() + "/certificate");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(text(response.getBody())).contains("减排量注销（消纳）证明", "自愿注销", "40 tCO2e",
        Serials.range(project.getRegistrationNo(), 2025, 61, 100), retired.journal().hash());
    // the developer sold the units to the exchange: the exchange retired them, not the developer
    assertThat(get(DEVELOPER, "/api/registry/retirements/" + retired.id() + "/certificate").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void theCertificatesAreDescribedInOpenApiAsPdf() {
    JsonNode paths = http.getForObject("/v3/api-docs", JsonNode.class).get("paths");
    for (String path : List.of("/api/projects/{id}/certificate", "/api/registry/issuances/{id}/certificate",
        "/api/registry/retirements/{id}/certificate")) {
      assertThat(paths.path(path).path("get").path("responses").path("200").path("content").has("application/pdf"))
          .as(path).isTrue();
    }
  }

  // ------------------------------------------------------------------ helpers

  private ResponseEntity<byte[]> get(String user, String path) {
    HttpHeaders headers = new HttpHeaders();
    headers.setAccept(List.of(MediaType.APPLICATION_PDF));
    return http.withBasicAuth(user, PASSWORD).exchange(path, HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
  }

  private JsonNode problem(ResponseEntity<byte[]> response) {
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    try {
      return json.readTree(response.getBody());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The file name of {@code filename*=UTF-8''…}. */
  private static String utf8Filename(ResponseEntity<byte[]> response) {
    String disposition = response.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION);
    assertThat(disposition).startsWith("attachment;").contains("filename*=UTF-8''");
    return URLDecoder.decode(disposition.substring(disposition.indexOf("UTF-8''") + 7), StandardCharsets.UTF_8);
  }

  private static String text(byte[] pdf) throws IOException {
    assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper = new PDFTextStripper();
      return stripper.getText(document);
    }
  }

  /** The day in Beijing (the platform's calendar zone), as 2025年3月1日. */
  private String chineseDate(Instant instant) {
    return DateTimeFormatter.ofPattern("yyyy年M月d日").format(instant.atZone(calendar.zone()));
  }

  private String developerName(Project project) {
    return entityManager.createQuery("select d.name from DeveloperOrganisation d where d.id = :id", String.class)
        .setParameter("id", project.getDeveloperId()).getSingleResult();
  }

  /** Units of vintage 2025 issued to the project as the reduction process issues them (in a transaction). */
  private IssuedBlock issue(Project project, long applicationId, long quantity) {
    return new TransactionTemplate(transactionManager).execute(status -> registry.issue(new IssueRequest(
        applicationId, project.getId(), project.getRegistrationNo(), project.getDeveloperId(), 2025, quantity)));
  }

  private Long issuanceOf(long applicationId) {
    return entityManager.createQuery("select i.id from Issuance i where i.applicationId = :application", Long.class)
        .setParameter("application", applicationId).getSingleResult();
  }

  private static ProjectApplicationRequest anApplication() {
    String unique = UUID.randomUUID().toString();
    return new ProjectApplicationRequest("证书测试项目-" + unique, ProjectClass.CLASS_I, "BJCI-M-TRAVEL", "海淀区",
        "测试路 " + java.util.concurrent.ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE) + " 号", "共享单车低碳出行激励", LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 1),
        LocalDate.of(2030, 2, 28), new BigDecimal("0.95"), "所得收益用于公益，不以营利为目的。",
        "减排量收益的 95% 按骑行里程返还参与者，其余用于平台运维。",
        List.of(new ProjectApplicationRequest.Identifier("SITE", "SITE-" + unique, false)));
  }

  private static List<UploadedFile> documents() {
    return List.of(
        new UploadedFile("designDocument", "pdd.pdf", "application/pdf", minimalPdf("项目设计文件")),
        new UploadedFile("implementationPlan", "plan.pdf", "application/pdf", minimalPdf("组织实施方案")));
  }

  private static byte[] minimalPdf(String text) {
    return ("%PDF-1.4\n% " + text + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
  }
}
