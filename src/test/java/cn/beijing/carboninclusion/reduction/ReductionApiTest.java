package cn.beijing.carboninclusion.reduction;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.support.CsvUpload;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
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
 * Reductions over real HTTP on PostgreSQL: bad input changes nothing, and one application goes from the developer's
 * draft with uploaded trip records, through review in the engine REST API, to issued units that are then retired,
 * with the serial's public history and the journal's verification.
 */
class ReductionApiTest extends PlatformIntegrationTest {
  @Autowired TestRestTemplate http;
  @Autowired ApplicationContext context;
  @Autowired ReductionApplications applications;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;

  ProjectCases cases;

  @BeforeEach
  void setUp() {
    cases = new ProjectCases(context);
  }

  @AfterEach
  void tearDown() {
    cases.cleanUp();
  }

  @Test
  void anApplicationWithUploadedTripsIsIssuedAndItsUnitsRetired() {
    Project project = cases.aRegisteredProject();
    Map<String, Object> request = application("3.6");
    request.put("submit", false);
    ResponseEntity<JsonNode> draft = http.withBasicAuth("greentravel", "demo")
        .postForEntity("/api/projects/" + project.getId() + "/reduction-applications", request, JsonNode.class);
    assertThat(draft.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(draft.getBody().get("status").asText()).isEqualTo("DRAFT");
    long id = draft.getBody().get("id").asLong();

    // 100 rail trips of 500 km: 100 × 500 × (0.104 − 0.032) kg = 3.6 t
    StringBuilder csv = new StringBuilder("participant_id,trip_id,mode,distance_km,timestamp\n");
    String batch = UUID.randomUUID().toString();
    for (int i = 0; i < 100; i++) {
      csv.append("p").append(i % 7).append(',').append(batch).append('-').append(i)
          .append(",rail,500,2025-05-0").append(1 + i % 9).append("T08:00:00+08:00\n");
    }
    ResponseEntity<JsonNode> upload = upload(id, csv.toString());
    assertThat(upload.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(upload.getBody().get("rows").asLong()).isEqualTo(100);
    assertThat(upload.getBody().get("reductionTco2e").decimalValue()).isEqualByComparingTo("3.6");

    ResponseEntity<JsonNode> submitted = http.withBasicAuth("greentravel", "demo")
        .postForEntity("/api/reduction-applications/" + id + "/submission", null, JsonNode.class);
    assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(submitted.getBody().get("recomputedTco2e").decimalValue()).isEqualByComparingTo("3.6");
    ProcessInstance pi = runtimeService.createProcessInstanceQuery().processDefinitionKey("ReductionRegistration")
        .variableValueEquals("applicationId", id).singleResult();
    runJobs(pi);
    // the engaged verifier files its report and confirms the claim; the technical review reads its conclusion
    assertThat(fileReport("hecha", id).getStatusCode()).isEqualTo(HttpStatus.OK);
    claimAndSubmit("hecha", taskOf(pi, "Task_Verification"),
        Map.of("verificationOpinion", "CONFIRMED", "verifierVerifiedTco2e", 3.6, "verificationComment", "核查确认"));
    assertThat(runtimeService.getVariable(pi.getId(), "verificationSummary").toString()).contains("核查确认申报量")
        .contains("SHA-256");
    claimAndSubmit("wangfang", taskOf(pi, "Task_TechnicalReview"),
        Map.of("reviewDecision", "APPROVE", "verifiedTco2e", 3.6, "reviewComment", "与出行记录一致"));
    claimAndSubmit("zhangwei", taskOf(pi, "Task_BureauApproval"),
        Map.of("bureauDecision", "APPROVE", "approvedTco2e", 3.6, "bureauComment", "同意登记"));
    runJobs(pi);

    JsonNode registered = http.withBasicAuth("greentravel", "demo")
        .getForObject("/api/reduction-applications/" + id, JsonNode.class);
    assertThat(registered.get("status").asText()).isEqualTo("REGISTERED");
    assertThat(registered.get("issuedQuantity").asLong()).isEqualTo(3);
    String firstSerial = registered.get("firstSerial").asText();
    ResponseEntity<byte[]> certificate = http.withBasicAuth("greentravel", "demo")
        .getForEntity(registered.get("certificate").asText(), byte[].class);
    assertThat(certificate.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(certificate.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
    assertThat(new String(certificate.getBody(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");

    JsonNode holdings = http.withBasicAuth("greentravel", "demo").getForObject("/api/registry/holdings", JsonNode.class);
    JsonNode block = null;
    for (JsonNode b : holdings.get("blocks")) {
      if (b.get("firstSerial").asText().equals(firstSerial)) {
        block = b;
      }
    }
    assertThat(block).as("the issued block is held by the developer").isNotNull();
    ResponseEntity<JsonNode> retired = http.withBasicAuth("greentravel", "demo").postForEntity(
        "/api/registry/retirements", Map.of("purpose", "VOLUNTARY", "quantity", 2, "blockId",
            block.get("blockId").asLong(), "beneficiary", "北京某低碳会议"), JsonNode.class);
    assertThat(retired.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ResponseEntity<JsonNode> tooMany = http.withBasicAuth("greentravel", "demo").postForEntity(
        "/api/registry/retirements", Map.of("purpose", "VOLUNTARY", "quantity", 2, "blockId",
            block.get("blockId").asLong(), "beneficiary", "超量"), JsonNode.class);
    assertThat(tooMany.getStatusCode().is4xxClientError()).isTrue();

    // the holder keeps the head of the range; the retired units are its tail
    JsonNode retiredUnit = http.getForObject("/api/public/registry/serials/" + registered.get("lastSerial").asText(),
        JsonNode.class);
    assertThat(retiredUnit.toString()).contains("VOLUNTARY").contains("北京某低碳会议");
    JsonNode keptUnit = http.getForObject("/api/public/registry/serials/" + firstSerial, JsonNode.class);
    assertThat(keptUnit.get("current").get(0).get("status").asText()).isEqualTo("ACTIVE");
    assertThat(http.getForObject("/api/public/registry/journal/verify", JsonNode.class).get("ok").asBoolean())
        .isTrue();
    assertThat(http.getForObject("/api/public/disclosures?size=200", JsonNode.class).findValuesAsText("kind"))
        .contains("REDUCTION_FILED", "REDUCTION_REGISTERED");
  }

  @Test
  void aRegistrationAboveThePlatformsRecomputationNeedsItsReasonsAndIsPublishedWithThem() {
    Project project = cases.aRegisteredProject();
    Map<String, Object> request = application("4");
    request.put("submit", false);
    long id = http.withBasicAuth("greentravel", "demo").postForEntity("/api/projects/" + project.getId()
        + "/reduction-applications", request, JsonNode.class).getBody().get("id").asLong();
    // 100 rail trips of 500 km recompute to 3.6 t; with the tolerance the limit is 3.78 t
    assertThat(upload(id, railTrips(100)).getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode submitted = http.withBasicAuth("greentravel", "demo")
        .postForEntity("/api/reduction-applications/" + id + "/submission", null, JsonNode.class).getBody();
    assertThat(submitted.get("recomputeLimitTco2e").decimalValue()).isEqualByComparingTo("3.78");
    ProcessInstance pi = runtimeService.createProcessInstanceQuery().processDefinitionKey("ReductionRegistration")
        .variableValueEquals("applicationId", id).singleResult();
    runJobs(pi);
    // the engaged verifier confirms the claim (above the recomputation: the verifier's conclusion is its own)
    assertThat(fileReport("hecha", id).getStatusCode()).isEqualTo(HttpStatus.OK);
    claimAndSubmit("hecha", taskOf(pi, "Task_Verification"),
        Map.of("verificationOpinion", "CONFIRMED", "verifierVerifiedTco2e", 4.0, "verificationComment", "核查确认"));

    String review = taskOf(pi, "Task_TechnicalReview");
    ResponseEntity<JsonNode> withoutReason = claimAndTrySubmit("wangfang", review,
        Map.of("reviewDecision", "APPROVE", "verifiedTco2e", 4.0, "reviewComment", "按申报量核定"));
    assertThat(withoutReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(withoutReason.getBody().toString()).contains("excessReason");
    assertThat(taskService.createTaskQuery().taskId(review).count()).isOne();
    assertThat(runtimeService.getVariable(pi.getId(), "verifiedTco2e")).isNull();
    submitAs("wangfang", review, Map.of("reviewDecision", "APPROVE", "verifiedTco2e", 4.0, "reviewComment",
        "按申报量核定", "excessReason", "部分行程因采集中断未计入复算，已核对运营日志"));

    String approval = taskOf(pi, "Task_BureauApproval");
    ResponseEntity<JsonNode> bureauWithout = claimAndTrySubmit("zhangwei", approval,
        Map.of("bureauDecision", "APPROVE", "approvedTco2e", 4.0, "bureauComment", "同意登记"));
    assertThat(bureauWithout.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bureauWithout.getBody().toString()).contains("bureauExcessReason");
    submitAs("zhangwei", approval, Map.of("bureauDecision", "APPROVE", "approvedTco2e", 4.0, "bureauComment",
        "同意登记", "bureauExcessReason", "采信技术中心的核对"));
    runJobs(pi);

    JsonNode registered = http.withBasicAuth("zhangwei", "demo")
        .getForObject("/api/reduction-applications/" + id, JsonNode.class);
    assertThat(registered.get("status").asText()).isEqualTo("REGISTERED");
    assertThat(registered.get("aboveRecomputation").asBoolean()).isTrue();
    String reasons = "技术中心：部分行程因采集中断未计入复算，已核对运营日志；生态环境局：采信技术中心的核对";
    assertThat(registered.get("excessReason").asText()).isEqualTo(reasons);
    JsonNode published = http.getForObject("/portal/reductions/" + id + "?format=json", JsonNode.class);
    assertThat(published.get("aboveRecomputation").asBoolean()).isTrue();
    assertThat(published.get("recomputedTco2e").decimalValue()).isEqualByComparingTo("3.6");
    assertThat(published.get("excessReason").asText()).isEqualTo(reasons);
    String page = http.getForObject("/portal/reductions/" + id, String.class);
    assertThat(page).contains("高于平台复算", reasons);
  }

  @Test
  void aTripLevelMethodologyRefusesAggregateActivitiesWithA400NamingThem() {
    Project project = cases.aRegisteredProject();
    long before = applications.count();
    String path = "/api/projects/" + project.getId() + "/reduction-applications";
    Map<String, Object> aggregate = application("5.2");
    aggregate.put("activities", List.of(Map.of("mode", "bus", "distanceKm", 100_000)));
    aggregate.put("submit", false);
    ResponseEntity<JsonNode> refused = http.withBasicAuth("greentravel", "demo").postForEntity(path, aggregate,
        JsonNode.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().get("errors").has("activities")).isTrue();
    // filed at once, a trip-level application has no uploaded trips yet
    ResponseEntity<JsonNode> atOnce = http.withBasicAuth("greentravel", "demo").postForEntity(path,
        application("5.2"), JsonNode.class);
    assertThat(atOnce.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(atOnce.getBody().get("errors").has("submit")).isTrue();
    assertThat(applications.count()).isEqualTo(before);
    // a draft without its trips is not submitted
    Map<String, Object> draft = application("5.2");
    draft.put("submit", false);
    long id = http.withBasicAuth("greentravel", "demo").postForEntity(path, draft, JsonNode.class).getBody()
        .get("id").asLong();
    ResponseEntity<JsonNode> submission = http.withBasicAuth("greentravel", "demo")
        .postForEntity("/api/reduction-applications/" + id + "/submission", null, JsonNode.class);
    assertThat(submission.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(submission.getBody().get("detail").asText()).contains("activities");
    assertThat(applications.findById(id).orElseThrow().getStatus()).isEqualTo(ReductionStatus.DRAFT);
  }

  @Test
  void invalidApplicationsAreA400NamingEachFieldAndCreateNothing() {
    Project project = cases.aRegisteredProject();
    long before = applications.count();
    Map<String, Object> bad = application("-1");
    bad.put("periodEnd", "2025-01-01");
    bad.put("monitoringReport", "");
    ResponseEntity<JsonNode> response = http.withBasicAuth("greentravel", "demo")
        .postForEntity("/api/projects/" + project.getId() + "/reduction-applications", bad, JsonNode.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().get("errors").fieldNames()).toIterable()
        .contains("claimedTco2e", "periodEnd", "monitoringReport");
    assertThat(applications.count()).isEqualTo(before);
  }

  @Test
  void aRetriedApplicationWithTheSameIdempotencyKeyIsFiledOnce() {
    Project project = cases.aRegisteredProject();
    Map<String, Object> request = application("3.6");
    request.put("submit", false);
    org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
    headers.set("Idempotency-Key", "retry-" + UUID.randomUUID());
    headers.setContentType(MediaType.APPLICATION_JSON);
    String path = "/api/projects/" + project.getId() + "/reduction-applications";
    ResponseEntity<JsonNode> first = http.withBasicAuth("greentravel", "demo").postForEntity(path,
        new org.springframework.http.HttpEntity<>(request, headers), JsonNode.class);
    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    long before = applications.count();
    ResponseEntity<JsonNode> again = http.withBasicAuth("greentravel", "demo").postForEntity(path,
        new org.springframework.http.HttpEntity<>(request, headers), JsonNode.class);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(again.getBody().get("detail").asText())
        .contains("reduction application " + first.getBody().get("id").asLong());
    assertThat(applications.count()).isEqualTo(before);
  }

  @Test
  void onlyTheOwningDeveloperAppliesAndOnlyForClassOne() {
    Project project = cases.aRegisteredProject();
    assertThat(http.withBasicAuth("sunroof", "demo").postForEntity("/api/projects/" + project.getId()
        + "/reduction-applications", application("1"), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.withBasicAuth("wangfang", "demo").postForEntity("/api/projects/" + project.getId()
        + "/reduction-applications", application("1"), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  private Map<String, Object> application(String claimed) {
    Map<String, Object> request = new HashMap<>();
    request.put("verifierAgencyId", cases.demoVerifierId());
    request.put("periodStart", "2025-04-01");
    request.put("periodEnd", "2025-06-30");
    request.put("claimedTco2e", claimed);
    request.put("monitoringReport", "监测报告：轨道交通出行记录由平台采集并去标识化。");
    request.put("activities", List.of());
    return request;
  }

  private ResponseEntity<JsonNode> upload(long applicationId, String csv) {
    return http.withBasicAuth("greentravel", "demo").postForEntity(
        "/api/reduction-applications/" + applicationId + "/activities", CsvUpload.of("trips.csv", csv),
        JsonNode.class);
  }

  private ResponseEntity<JsonNode> fileReport(String user, long applicationId) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    HttpHeaders fileHeaders = new HttpHeaders();
    fileHeaders.setContentType(MediaType.APPLICATION_PDF);
    parts.add("file", new HttpEntity<>(new org.springframework.core.io.ByteArrayResource(
        ("%PDF-1.4\n% 核查报告 " + applicationId + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "核查报告.pdf";
      }
    }, fileHeaders));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.withBasicAuth(user, "demo").postForEntity(
        "/api/reduction-applications/" + applicationId + "/verification-report", new HttpEntity<>(parts, headers),
        JsonNode.class);
  }

  private void runJobs(ProcessInstance pi) {
    for (int i = 0; i < 20; i++) {
      List<Job> due = managementService.createJobQuery().processInstanceId(pi.getId()).executable().messages().list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> managementService.executeJob(job.getId()));
    }
  }

  private String taskOf(ProcessInstance pi, String key) {
    Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
    assertThat(task).as(key).isNotNull();
    return task.getId();
  }

  /** Rail trips of 500 km each, with trip ids no other test uses: n × 36 kg. */
  private static String railTrips(int n) {
    StringBuilder csv = new StringBuilder("participant_id,trip_id,mode,distance_km,timestamp\n");
    String batch = UUID.randomUUID().toString();
    for (int i = 0; i < n; i++) {
      csv.append("p").append(i % 7).append(',').append(batch).append('-').append(i)
          .append(",rail,500,2025-05-0").append(1 + i % 9).append("T08:00:00+08:00\n");
    }
    return csv.toString();
  }

  private ResponseEntity<JsonNode> claimAndTrySubmit(String user, String taskId, Map<String, Object> values) {
    http.withBasicAuth(user, "demo").postForEntity("/engine-rest/task/" + taskId + "/claim", Map.of("userId", user),
        String.class);
    Map<String, Object> variables = new HashMap<>();
    values.forEach((k, v) -> variables.put(k, Map.of("value", v)));
    return http.withBasicAuth(user, "demo").postForEntity("/engine-rest/task/" + taskId + "/submit-form",
        Map.of("variables", variables), JsonNode.class);
  }

  private void submitAs(String user, String taskId, Map<String, Object> values) {
    Map<String, Object> variables = new HashMap<>();
    values.forEach((k, v) -> variables.put(k, Map.of("value", v)));
    ResponseEntity<String> submit = http.withBasicAuth(user, "demo").postForEntity(
        "/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", variables), String.class);
    assertThat(submit.getStatusCode()).as(submit.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  private void claimAndSubmit(String user, String taskId, Map<String, Object> values) {
    assertThat(http.withBasicAuth(user, "demo").postForEntity("/engine-rest/task/" + taskId + "/claim",
        Map.of("userId", user), String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    Map<String, Object> variables = new HashMap<>();
    values.forEach((k, v) -> variables.put(k, Map.of("value", v)));
    ResponseEntity<String> submit = http.withBasicAuth(user, "demo").postForEntity(
        "/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", variables), String.class);
    assertThat(submit.getStatusCode()).as(submit.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
  }
}
