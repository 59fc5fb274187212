package cn.beijing.carboninclusion.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Audit reports over HTTP: the developer engages, the audit firm uploads and files, who may read, bad input changing
 * nothing, a double submit taken once, the public download of the signed report with its SHA-256.
 */
class AuditReportApiTest extends PlatformIntegrationTest {
  static final String PASSWORD = "Audit-2026-ok";
  static final byte[] PDF = "%PDF-1.4\n% 收益使用审计报告（北京信诚会计师事务所 签章）\n%%EOF\n".getBytes(UTF_8);

  @Autowired TestRestTemplate http;
  @Autowired ApplicationContext context;
  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired AuditReports reports;

  ProjectCases cases;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    cases = new ProjectCases(context);
  }

  @AfterEach
  void tearDown() {
    cases.cleanUp();
  }

  @Test
  void aPageBeyondWhatAQueryCanSkipIsEmptyNotA500() {
    ResponseEntity<JsonNode> answer = http.getForEntity("/api/public/audit-reports?page=2147483647&size=100",
        JsonNode.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody()).isEmpty();
  }

  @Test
  void theDeveloperEngagesTheFirmWhichUploadsAndFilesOnceAndThePublicDownloadsTheSignedReport() throws Exception {
    ProjectCases.AuditFirm firm = cases.anAuditFirm(PASSWORD);
    Project project = cases.aRegisteredProject();
    String engage = "/api/projects/" + project.getId() + "/audit-reports/engagement";
    // before the period ends nothing is due
    assertThat(post("greentravel", "demo", engage, Map.of("auditFirmCreditCode", firm.creditCode())).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);

    ProcessInstance pi = runtimeService.createProcessInstanceQuery().processDefinitionKey("AuditReport")
        .processInstanceBusinessKey(String.valueOf(project.getId())).singleResult();
    execute(job("Timer_AuditPeriodEnd", pi));
    execute(job("Task_RequestAuditReport", pi));

    String wrong = firm.creditCode().substring(0, 17) + (firm.creditCode().endsWith("0") ? "1" : "0");
    ResponseEntity<JsonNode> refused = post("greentravel", "demo", engage, Map.of("auditFirmCreditCode", wrong));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().get("errors").fieldNames()).toIterable().containsExactly("auditFirmCreditCode");
    assertThat(post("sunroof", "demo", engage, Map.of("auditFirmCreditCode", firm.creditCode())).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(post("wangfang", "demo", engage, Map.of("auditFirmCreditCode", firm.creditCode())).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<JsonNode> engaged = post("greentravel", "demo", engage,
        Map.of("auditFirmCreditCode", firm.creditCode()));
    assertThat(engaged.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(engaged.getBody().get("agencyCreditCode").asText()).isEqualTo(firm.creditCode());
    long reportId = engaged.getBody().get("id").asLong();
    String filing = "/api/audit-reports/" + reportId + "/filing";
    String document = "/api/audit-reports/" + reportId + "/document";

    // the firm sees its engagement; the developer cannot upload or file in the firm's place
    JsonNode engagements = http.withBasicAuth(firm.account(), PASSWORD).getForObject("/api/audit-engagements",
        JsonNode.class);
    assertThat(engagements.findValues("id")).anyMatch(id -> id.asLong() == reportId);
    assertThat(upload("greentravel", "demo", document, PDF).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post("greentravel", "demo", filing, filing()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    // not a PDF: refused naming the file
    ResponseEntity<JsonNode> notPdf = upload(firm.account(), PASSWORD, document, "<html>".getBytes(UTF_8));
    assertThat(notPdf.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(notPdf.getBody().get("errors").fieldNames()).toIterable().containsExactly("file");
    // filing before the upload: refused naming the document
    ResponseEntity<JsonNode> early = post(firm.account(), PASSWORD, filing, filing());
    assertThat(early.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(early.getBody().toString()).contains("auditReportDocument");

    ResponseEntity<JsonNode> uploaded = upload(firm.account(), PASSWORD, document, PDF);
    assertThat(uploaded.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(PDF));
    assertThat(uploaded.getBody().get("sha256").asText()).isEqualTo(sha256);

    Map<String, Object> unknownOpinion = filing();
    unknownOpinion.put("auditOpinion", "EXCELLENT");
    ResponseEntity<JsonNode> badOpinion = post(firm.account(), PASSWORD, filing, unknownOpinion);
    assertThat(badOpinion.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(badOpinion.getBody().get("errors").fieldNames()).toIterable().containsExactly("auditOpinion");
    Map<String, Object> bad = filing();
    bad.remove("auditOpinion");
    bad.put("proceeds", "-5");
    bad.put("returnedAmount", "1.234");
    bad.remove("reportSummary");
    ResponseEntity<JsonNode> badFiling = post(firm.account(), PASSWORD, filing, bad);
    assertThat(badFiling.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(badFiling.getBody().get("errors").fieldNames()).toIterable()
        .contains("auditOpinion", "proceeds", "returnedAmount", "reportSummary");
    assertThat(reports.findById(reportId).orElseThrow().getStatus()).isEqualTo(AuditReportStatus.DUE);

    ResponseEntity<JsonNode> filed = post(firm.account(), PASSWORD, filing, filing());
    assertThat(filed.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(filed.getBody().get("status").asText()).isEqualTo("FILED");
    assertThat(filed.getBody().get("auditOpinionLabel").asText()).isEqualTo("无保留意见");
    assertThat(post(firm.account(), PASSWORD, filing, filing()).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    // filed: the document can no longer be replaced
    assertThat(upload(firm.account(), PASSWORD, document, PDF).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

    String url = "/api/projects/" + project.getId() + "/audit-reports";
    JsonNode own = http.withBasicAuth("greentravel", "demo").getForObject(url, JsonNode.class);
    assertThat(own).hasSize(1);
    assertThat(own.get(0).get("proceeds").decimalValue()).isEqualByComparingTo("5000.00");
    assertThat(http.withBasicAuth("sunroof", "demo").getForEntity(url, JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.withBasicAuth("zhangwei", "demo").getForObject(url, JsonNode.class)).hasSize(1);
    assertThat(http.withBasicAuth("greentravel", "demo").getForEntity(document, byte[].class).getBody())
        .isEqualTo(PDF);
    assertThat(http.withBasicAuth("sunroof", "demo").getForEntity(document, byte[].class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    // not decided yet: not public
    String publicDocument = "/api/public/audit-reports/" + reportId + "/document";
    assertThat(http.getForEntity(publicDocument, byte[].class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    JsonNode published = http.getForObject("/api/public/audit-reports?size=100", JsonNode.class);
    assertThat(published.findValues("projectId")).noneMatch(id -> id.asLong() == project.getId());

    cases.completeAs("liuyang", BpmnAwareTests.task("Task_ReviewAuditReport", pi),
        BpmnAwareTests.withVariables("auditDecision", "ACCEPT", "auditComment", "审计报告真实完整"));
    execute(job("Task_PublishAuditReport", pi));
    ResponseEntity<byte[]> download = http.getForEntity(publicDocument, byte[].class);
    assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(download.getBody()).isEqualTo(PDF);
    assertThat(download.getHeaders().getFirst("X-Content-SHA256")).isEqualTo(sha256);
    published = http.getForObject("/api/public/audit-reports?size=100", JsonNode.class);
    assertThat(published.toString()).contains(sha256).contains("无保留意见")
        .doesNotContain("filedBy").doesNotContain("decidedBy").doesNotContain("\"" + firm.account() + "\"");
  }

  private Map<String, Object> filing() {
    Map<String, Object> body = new HashMap<>();
    body.put("auditOpinion", "UNQUALIFIED");
    body.put("proceeds", "5000.00");
    body.put("operatingCosts", "500.00");
    body.put("returnedAmount", "4050.00");
    body.put("reportSummary", "收益使用符合组织实施方案");
    return body;
  }

  private ResponseEntity<JsonNode> post(String user, String password, String url, Object body) {
    return http.withBasicAuth(user, password).postForEntity(url, body, JsonNode.class);
  }

  private ResponseEntity<JsonNode> upload(String user, String password, String url, byte[] content) {
    org.springframework.util.LinkedMultiValueMap<String, Object> parts = new org.springframework.util.LinkedMultiValueMap<>();
    parts.add("file", new org.springframework.core.io.ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return "审计报告.pdf";
      }
    });
    org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
    headers.setContentType(org.springframework.http.MediaType.MULTIPART_FORM_DATA);
    return http.withBasicAuth(user, password).postForEntity(url,
        new org.springframework.http.HttpEntity<>(parts, headers), JsonNode.class);
  }
}
