package cn.beijing.carboninclusion.reduction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
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
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A verifier's account over HTTP: it sees and works only the claims its agency was engaged on — the application, its
 * verification task and report — and nothing else; another verifier sees nothing of them; nobody else files the report.
 */
class VerifierAccessTest extends PlatformIntegrationTest {
  static final String PASSWORD = "Verify-2026-ok";

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine processEngine;
  @Autowired ApplicationContext context;
  @Autowired ReductionApplicationService service;
  @Autowired RuntimeService runtimeService;

  ProjectCases cases;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    cases = new ProjectCases(context);
  }

  @AfterEach
  void tearDown() {
    runtimeService.createProcessInstanceQuery().processDefinitionKey("ReductionRegistration").list().forEach(pi ->
        runtimeService.deleteProcessInstance(pi.getId(), "test finished", true, true));
    cases.cleanUp();
  }

  @Test
  void aVerifierSeesAndWorksOnlyWhatItsAgencyWasEngagedOn() throws Exception {
    ProjectCases.Verifier engaged = cases.aVerifier(PASSWORD);
    ProjectCases.Verifier other = cases.aVerifier(PASSWORD);
    Project project = cases.aRegisteredProject();
    ReductionApplication application = new ReductionCases(context, cases).fileTrips(project, LocalDate.of(2025, 4, 1),
        LocalDate.of(2025, 6, 30), "5.2", 100_000, engaged.agencyId());
    ProcessInstance pi = runtimeService.createProcessInstanceQuery().processDefinitionKey("ReductionRegistration")
        .variableValueEquals("applicationId", application.getId()).singleResult();
    execute(job("Task_StartReview", pi));
    String path = "/api/reduction-applications/" + application.getId();

    // the engaged verifier reads the application; the other verifier does not know it exists
    assertThat(get(engaged.account(), path).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get(other.account(), path).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    // and neither reads anything else: the project, the project list, the registry, the agencies
    for (String elsewhere : List.of("/api/projects", "/api/projects/" + project.getId(), "/api/registry/holdings",
        "/api/agencies", "/api/projects/" + project.getId() + "/reduction-applications")) {
      assertThat(get(engaged.account(), elsewhere).getStatusCode().value()).as(elsewhere).isIn(403, 404);
    }
    // in Tasklist's query the verification task is the engaged verifier's only
    String query = "/engine-rest/task?processInstanceId=" + pi.getId();
    assertThat(get(engaged.account(), query).getBody().findValuesAsText("taskDefinitionKey"))
        .containsExactly("Task_Verification");
    assertThat(get(other.account(), query).getBody()).isEmpty();

    // only the engaged verifier files the report: the developer is refused, the other verifier finds nothing
    byte[] pdf = ("%PDF-1.4\n% 核查报告\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
    assertThat(file("greentravel", "demo", path, pdf).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(file(other.account(), PASSWORD, path, pdf).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    ResponseEntity<JsonNode> notPdf = file(engaged.account(), PASSWORD, path, "不是 PDF".getBytes(StandardCharsets.UTF_8));
    assertThat(notPdf.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(notPdf.getBody().toString()).contains("file");
    ResponseEntity<JsonNode> filed = file(engaged.account(), PASSWORD, path, pdf);
    assertThat(filed.getStatusCode()).isEqualTo(HttpStatus.OK);
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));
    assertThat(filed.getBody().get("sha256").asText()).isEqualTo(sha256);

    // the developer and the authorities read it, with its digest; the other verifier does not
    assertThat(get("greentravel", path + "/verification-report").getBody().get("sha256").asText()).isEqualTo(sha256);
    ResponseEntity<byte[]> content = http.withBasicAuth("wangfang", "demo")
        .getForEntity(path + "/verification-report/content", byte[].class);
    assertThat(content.getBody()).isEqualTo(pdf);
    assertThat(content.getHeaders().getFirst("X-Content-SHA256")).isEqualTo(sha256);
    assertThat(get(other.account(), path + "/verification-report").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

    // the engaged verifier completes its task in Tasklist's two calls; then the technical review begins
    String taskId = get(engaged.account(), query).getBody().get(0).get("id").asText();
    assertThat(http.withBasicAuth(engaged.account(), PASSWORD).postForEntity("/engine-rest/task/" + taskId + "/claim",
        Map.of("userId", engaged.account()), String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    Map<String, Object> variables = new HashMap<>();
    variables.put("verificationOpinion", Map.of("value", "CONFIRMED"));
    variables.put("verifierVerifiedTco2e", Map.of("value", 5.2));
    variables.put("verificationComment", Map.of("value", "核查确认"));
    ResponseEntity<String> submit = http.withBasicAuth(engaged.account(), PASSWORD).postForEntity(
        "/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", variables), String.class);
    assertThat(submit.getStatusCode()).as(submit.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(processEngine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult()
        .getTaskDefinitionKey()).isEqualTo("Task_TechnicalReview");
    // a report cannot be replaced once the verification is concluded
    assertThat(file(engaged.account(), PASSWORD, path, pdf).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
  }

  private ResponseEntity<JsonNode> get(String user, String path) {
    String password = user.startsWith("verifier") ? PASSWORD : "demo";
    return http.withBasicAuth(user, password).getForEntity(path, JsonNode.class);
  }

  private ResponseEntity<JsonNode> file(String user, String password, String path, byte[] content) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    HttpHeaders fileHeaders = new HttpHeaders();
    fileHeaders.setContentType(MediaType.APPLICATION_PDF);
    parts.add("file", new HttpEntity<>(new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return "核查报告.pdf";
      }
    }, fileHeaders));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.withBasicAuth(user, password).postForEntity(path + "/verification-report",
        new HttpEntity<>(parts, headers), JsonNode.class);
  }
}
