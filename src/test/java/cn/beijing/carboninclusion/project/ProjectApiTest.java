package cn.beijing.carboninclusion.project;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import cn.beijing.carboninclusion.support.RawHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The project API over real HTTP on PostgreSQL: bad input changes nothing, developers see only their own cases,
 * and one application goes from the developer's POST through Tasklist's engine REST calls to REGISTERED.
 */
class ProjectApiTest extends PlatformIntegrationTest {
  @Autowired TestRestTemplate http;
  @Autowired Projects projects;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @LocalServerPort int port;

  @Test
  void anApplicationGoesThroughTheRestApisToRegistration() {
    String name = "公交出行减排项目-" + UUID.randomUUID();
    Map<String, Object> application = application(name, "CLASS_I", "0.95");
    String latitude = String.format("%.7f", 40.5 + java.util.concurrent.ThreadLocalRandom.current().nextDouble(0.1));
    application.put("latitude", latitude);
    application.put("longitude", String.format("%.7f", 117.0
        + java.util.concurrent.ThreadLocalRandom.current().nextDouble(0.1)));
    ResponseEntity<JsonNode> filed = apply("greentravel", application, true);
    assertThat(filed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    long id = filed.getBody().get("id").asLong();
    assertThat(filed.getBody().get("checks")).hasSize(7);
    assertThat(filed.getBody().get("checks").toString()).contains("坐标 " + latitude);
    runJobs(id);
    assertThat(status(id)).isEqualTo("UNDER_REVIEW");

    // the technical center works in Tasklist, which calls the engine REST API
    String review = taskOf(id, "Task_TechnicalReview");
    JsonNode form = http.withBasicAuth("wangfang", "demo")
        .getForObject("/engine-rest/task/" + review + "/form-variables", JsonNode.class);
    assertThat(form.get("checkSummary").get("value").asText()).contains("【通过】核查收益返还比例");
    assertThat(form.get("projectName").get("value").asText()).isEqualTo(name);
    claimAndSubmit("wangfang", review, Map.of("reviewDecision", "APPROVE", "reviewComment", "材料齐全，方法学适用"));
    runJobs(id);
    JsonNode inPublicity = http.getForObject("/api/public/projects/" + id, JsonNode.class);
    assertThat(inPublicity.get("project").get("statusLabel").asText()).isEqualTo("公示中");
    assertThat(inPublicity.get("project").get("publicityWorkingDaysLeft").asInt()).isEqualTo(20);

    // anyone may object while publicity runs, without an account
    ResponseEntity<JsonNode> objection = http.postForEntity("/api/projects/" + id + "/objections",
        Map.of("content", "该项目的出行数据与我单位重复申报，请核实。"), JsonNode.class);
    assertThat(objection.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(http.getForObject("/api/public/projects/" + id, JsonNode.class).get("project")
        .get("objectionCount").asInt()).isEqualTo(1);

    fireTimer(id);
    runJobs(id);
    String handling = taskOf(id, "Task_HandleObjections");
    claimAndSubmit("liuyang", handling, Map.of("objectionUpheld", false,
        "objectionResponse", "经核实，所涉出行数据未在其他项目中申报，异议不成立。"));
    runJobs(id);
    String decision = taskOf(id, "Task_BureauDecision");
    claimAndSubmit("zhangwei", decision, Map.of("bureauDecision", "APPROVE", "bureauComment", "同意登记"));
    runJobs(id);

    JsonNode registered = http.withBasicAuth("greentravel", "demo").getForObject("/api/projects/" + id, JsonNode.class);
    assertThat(registered.get("status").asText()).isEqualTo("REGISTERED");
    assertThat(registered.get("registrationNo").asText()).matches("BJCI-P-\\d{4}-\\d{4}");
    assertThat(registered.get("objections").get(0).get("status").asText()).isEqualTo("DISMISSED");
    assertThat(registered.get("history").findValuesAsText("actor")).contains("主管部门").doesNotContain("wangfang");
    JsonNode published = http.getForObject("/api/public/projects/" + id, JsonNode.class);
    assertThat(published.get("published").findValuesAsText("kind"))
        .containsSubsequence("PUBLICITY_STARTED", "OBJECTION_RESPONSE", "PROJECT_REGISTERED");
    assertThat(published.toString()).doesNotContain("wangfang", "zhangwei", "liuyang");
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(id))
        .processDefinitionKey("ProjectRegistration").finished().count()).isOne();
  }

  @Test
  void invalidFieldsAreA400NamingEachAndNothingIsStarted() {
    long projectsBefore = projects.count();
    long instancesBefore = runtimeService.createProcessInstanceQuery().count();
    Map<String, Object> bad = application("", "CLASS_I", "1.5");
    bad.put("creditingEnd", "2020-01-01");
    bad.put("latitude", "39.9");
    ResponseEntity<JsonNode> response = apply("greentravel", bad, true);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().get("errors").fieldNames()).toIterable()
        .contains("name", "revenueReturnRatio", "creditingEnd", "longitude");
    bad.put("longitude", "181.5");
    assertThat(apply("greentravel", bad, true).getBody().get("errors").fieldNames()).toIterable()
        .contains("longitude");
    assertThat(projects.count()).isEqualTo(projectsBefore);
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instancesBefore);
  }

  @Test
  void aClassOneApplicationWithoutItsDocumentsOrWithAnUnknownMethodologyIsRefused() {
    long before = projects.count();
    ResponseEntity<JsonNode> noDocuments = apply("greentravel", application("无材料-" + UUID.randomUUID(), "CLASS_I",
        "0.95"), false);
    assertThat(noDocuments.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noDocuments.getBody().get("errors").fieldNames()).toIterable()
        .contains("designDocument", "implementationPlan");
    Map<String, Object> unknown = application("未知方法学-" + UUID.randomUUID(), "CLASS_I", "0.95");
    unknown.put("methodologyCode", "NO-SUCH");
    ResponseEntity<JsonNode> unknownMethodology = apply("greentravel", unknown, true);
    assertThat(unknownMethodology.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unknownMethodology.getBody().get("errors").has("methodologyCode")).isTrue();
    assertThat(projects.count()).isEqualTo(before);
  }

  @Test
  void onlyDevelopersApplyAndEachSeesOnlyItsOwnProjects() {
    assertThat(apply("wangfang", application("技术中心不能申请-" + UUID.randomUUID(), "CLASS_II", null), false)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<JsonNode> recorded = apply("sunroof", application("屋顶光伏二类-" + UUID.randomUUID(), "CLASS_II",
        null), false);
    assertThat(recorded.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(recorded.getBody().get("status").asText()).isEqualTo("RECORDED");
    long id = recorded.getBody().get("id").asLong();
    assertThat(http.withBasicAuth("greentravel", "demo").getForEntity("/api/projects/" + id, JsonNode.class)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.withBasicAuth("greentravel", "demo").getForObject("/api/projects", JsonNode.class)
        .findValuesAsText("id")).doesNotContain(String.valueOf(id));
    assertThat(http.withBasicAuth("wangfang", "demo").getForEntity("/api/projects/" + id, JsonNode.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(http.getForEntity("/api/projects/" + id, JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void theProjectListIsPagedNewestFirstFilteredByStatusAndCounted() {
    String older = "分页二类较早-" + UUID.randomUUID();
    String newer = "分页二类较新-" + UUID.randomUUID();
    assertThat(apply("sunroof", application(older, "CLASS_II", null), false).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    assertThat(apply("sunroof", application(newer, "CLASS_II", null), false).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);

    ResponseEntity<JsonNode> first = http.withBasicAuth("sunroof", "demo")
        .getForEntity("/api/projects?status=RECORDED&page=0&size=1", JsonNode.class);
    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(first.getBody()).hasSize(1);
    assertThat(first.getBody().get(0).get("name").asText()).isEqualTo(newer);
    long ownRecorded = Long.parseLong(first.getHeaders().getFirst("X-Total-Count"));
    assertThat(ownRecorded).isGreaterThanOrEqualTo(2);
    JsonNode second = http.withBasicAuth("sunroof", "demo")
        .getForObject("/api/projects?status=RECORDED&page=1&size=1", JsonNode.class);
    assertThat(second.get(0).get("name").asText()).isEqualTo(older);

    // every row of the status asked for; the developer's own only, the authorities' every one
    ResponseEntity<JsonNode> own = http.withBasicAuth("sunroof", "demo")
        .getForEntity("/api/projects?status=RECORDED&size=200", JsonNode.class);
    assertThat(own.getBody().findValuesAsText("status")).containsOnly("RECORDED");
    assertThat(own.getBody().size()).isEqualTo((int) Math.min(ownRecorded, 200));
    ResponseEntity<JsonNode> other = http.withBasicAuth("greentravel", "demo")
        .getForEntity("/api/projects?status=RECORDED&size=200", JsonNode.class);
    assertThat(other.getBody().findValuesAsText("name")).doesNotContain(older, newer);
    ResponseEntity<JsonNode> all = http.withBasicAuth("wangfang", "demo")
        .getForEntity("/api/projects?status=RECORDED&size=200", JsonNode.class);
    assertThat(Long.parseLong(all.getHeaders().getFirst("X-Total-Count"))).isGreaterThanOrEqualTo(ownRecorded
        + Long.parseLong(other.getHeaders().getFirst("X-Total-Count")));
    assertThat(all.getBody().findValuesAsText("name")).contains(older, newer);

    // without a status: every status, pages bounded like the public lists
    ResponseEntity<JsonNode> unbounded = http.withBasicAuth("wangfang", "demo")
        .getForEntity("/api/projects?page=-3&size=100000", JsonNode.class);
    assertThat(unbounded.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(unbounded.getBody().size()).isLessThanOrEqualTo(200);
    assertThat(Long.parseLong(unbounded.getHeaders().getFirst("X-Total-Count")))
        .isGreaterThanOrEqualTo(unbounded.getBody().size());

    ResponseEntity<JsonNode> bad = http.withBasicAuth("wangfang", "demo")
        .getForEntity("/api/projects?status=NOT_A_STATUS", JsonNode.class);
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    assertThat(bad.getBody().get("errors").has("status")).isTrue();
  }

  @Test
  void aDoubleSubmitIsAcceptedOnce() {
    Map<String, Object> application = application("重复提交-" + UUID.randomUUID(), "CLASS_II", null);
    String key = UUID.randomUUID().toString();
    ResponseEntity<JsonNode> first = apply("lowcarbon", application, false, key);
    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ResponseEntity<JsonNode> again = apply("lowcarbon", application, false, key);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    // the client that lost the first answer learns what it made
    assertThat(again.getBody().get("existing").asText()).isEqualTo("project");
    assertThat(again.getBody().get("existingId").asLong()).isEqualTo(first.getBody().get("id").asLong());
    // another developer's key is refused without naming its project
    ResponseEntity<JsonNode> other = apply("greentravel", application("他人键-" + UUID.randomUUID(), "CLASS_II", null),
        false, key);
    assertThat(other.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(other.getBody().has("existingId")).isFalse();
  }

  @Test
  void objectionsAreValidatedRefusedOutsidePublicityAndRateLimited() {
    ResponseEntity<JsonNode> recorded = apply("lowcarbon", application("异议测试-" + UUID.randomUUID(), "CLASS_II",
        null), false);
    long id = recorded.getBody().get("id").asLong();
    ResponseEntity<JsonNode> tooShort = http.postForEntity("/api/projects/" + id + "/objections",
        Map.of("content", "太短"), JsonNode.class);
    assertThat(tooShort.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tooShort.getBody().get("errors").has("content")).isTrue();
    ResponseEntity<JsonNode> notInPublicity = http.postForEntity("/api/projects/" + id + "/objections",
        Map.of("content", "该项目不在公示期，异议应被拒绝。"), JsonNode.class);
    assertThat(notInPublicity.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(http.postForEntity("/api/projects/999999/objections",
        Map.of("content", "不存在的项目，应返回未找到。"), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    // the same client address runs out of its hourly allowance (5 by default; earlier calls of this class count)
    HttpStatus last = null;
    for (int i = 0; i < 6; i++) {
      last = HttpStatus.valueOf(http.postForEntity("/api/projects/" + id + "/objections",
          Map.of("content", "频繁提交的异议内容，第" + i + "次。"), JsonNode.class).getStatusCode().value());
    }
    assertThat(last).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
  }

  @Test
  void aFieldGivenTwiceIsA400NamingItNotA500() {
    long id = apply("lowcarbon", application("重复字段-" + UUID.randomUUID(), "CLASS_II", null), false).getBody()
        .get("id").asLong();
    RawHttp.Answer answer = RawHttp.send(port, "POST", "/api/projects/" + id + "/cancellation-requests",
        "lowcarbon", Map.of("Content-Type", "application/json"),
        "{\"reason\":\"项目不再实施\",\"reason\":\"另一个理由\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("errors").get("reason").asText()).contains("字段重复");
    assertThat(status(id)).isEqualTo("RECORDED");
  }

  @Test
  void aJsonPartThatIsNotUtf8IsRefusedAndNothingIsFiled() {
    long before = projects.count();
    String json = "{\"name\":\"overlong-\",\"projectClass\":\"CLASS_II\",\"methodologyCode\":\"BJCI-M-TRAVEL\","
        + "\"district\":\"海淀区\"}";
    // C0 AF: an overlong '/', which a lenient decoder reads as '/'
    byte[] name = json.getBytes(StandardCharsets.UTF_8);
    int at = json.indexOf("overlong-") + "overlong-".length();
    byte[] bytes = new byte[name.length + 2];
    System.arraycopy(name, 0, bytes, 0, at);
    bytes[at] = (byte) 0xC0;
    bytes[at + 1] = (byte) 0xAF;
    System.arraycopy(name, at, bytes, at + 2, name.length - at);
    RawHttp.Answer answer = RawHttp.send(port, "POST", "/api/projects", "lowcarbon",
        Map.of("Content-Type", "multipart/form-data; boundary=b0"), RawHttp.multipart("b0", "\r\n",
            new RawHttp.Part("Content-Disposition: form-data; name=\"application\"\r\nContent-Type: application/json"
                .getBytes(StandardCharsets.UTF_8), bytes)));
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("errors").get("body").asText()).contains("UTF-8");
    assertThat(projects.count()).isEqualTo(before);
  }

  @Test
  void aFileNameWithANulIsA400NamingItAndNothingIsFiled() {
    long before = projects.count();
    Map<String, Object> application = application("文件名-" + UUID.randomUUID(), "CLASS_II", null);
    byte[] headers = "Content-Disposition: form-data; name=\"attachments\"; filename=\"a\0.pdf\"\r\nContent-Type: application/pdf"
        .getBytes(StandardCharsets.UTF_8);
    RawHttp.Answer answer = RawHttp.send(port, "POST", "/api/projects", "lowcarbon",
        Map.of("Content-Type", "multipart/form-data; boundary=b1"), RawHttp.multipart("b1", "\r\n",
            RawHttp.Part.of("Content-Disposition: form-data; name=\"application\"\r\nContent-Type: application/json",
                json(application)),
            new RawHttp.Part(headers, "%PDF-1.4".getBytes(StandardCharsets.US_ASCII))));
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.problem()).isTrue();
    assertThat(answer.json().get("errors").has("filename")).isTrue();
    assertThat(projects.count()).isEqualTo(before);
  }

  @Test
  void aMultipartBodyThatDoesNotParseIsA400NamingTheBodyNotA500() {
    long id = apply("sunroof", application("补正-" + UUID.randomUUID(), "CLASS_II", null), false).getBody()
        .get("id").asLong();
    byte[] lfOnly = RawHttp.multipart("b2", "\n", RawHttp.Part.of("Content-Disposition: form-data; name=\"note\"",
        "补正说明"));
    RawHttp.Answer lf = RawHttp.send(port, "POST", "/api/projects/" + id + "/supplements", "sunroof",
        Map.of("Content-Type", "multipart/form-data; boundary=b2"), lfOnly);
    assertThat(lf.status()).isEqualTo(400);
    assertThat(lf.json().get("errors").has("body")).isTrue();
    RawHttp.Answer noBoundary = RawHttp.send(port, "POST", "/api/projects/" + id + "/supplements", "sunroof",
        Map.of("Content-Type", "multipart/form-data"), RawHttp.multipart("b3", "\r\n",
            RawHttp.Part.of("Content-Disposition: form-data; name=\"note\"", "补正说明")));
    assertThat(noBoundary.status()).isEqualTo(400);
    assertThat(noBoundary.problem()).isTrue();
    assertThat(projects.findById(id).orElseThrow().getSupplementRounds()).isZero();
  }

  private String json(Map<String, Object> value) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Object> application(String name, String projectClass, String ratio) {
    Map<String, Object> application = new HashMap<>();
    application.put("name", name);
    application.put("projectClass", projectClass);
    application.put("methodologyCode", "BJCI-M-TRAVEL");
    application.put("district", "海淀区");
    application.put("address", "测试路 " + java.util.concurrent.ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE) + " 号");
    application.put("description", "引导公众乘坐公交、地铁出行");
    application.put("creditingStart", LocalDate.of(2026, 1, 1).toString());
    application.put("creditingEnd", LocalDate.of(2030, 12, 31).toString());
    if (ratio != null) {
      application.put("revenueReturnRatio", ratio);
    }
    application.put("publicInterestCommitment", "减排收益用于公益");
    application.put("revenuePlan", "扣除运营成本后 95% 返还参与者");
    application.put("identifiers", List.of(Map.of("scheme", "APP", "identifier", "app-" + UUID.randomUUID(),
        "alreadyCredited", false)));
    return application;
  }

  private ResponseEntity<JsonNode> apply(String user, Map<String, Object> application, boolean withDocuments) {
    return apply(user, application, withDocuments, null);
  }

  private ResponseEntity<JsonNode> apply(String user, Map<String, Object> application, boolean withDocuments,
      String idempotencyKey) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    parts.add("application", new HttpEntity<>(application, json));
    if (withDocuments) {
      parts.add("designDocument", file("项目设计文件.pdf"));
      parts.add("implementationPlan", file("组织实施方案.pdf"));
    }
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    if (idempotencyKey != null) {
      headers.set("Idempotency-Key", idempotencyKey);
    }
    return http.withBasicAuth(user, "demo").postForEntity("/api/projects", new HttpEntity<>(parts, headers),
        JsonNode.class);
  }

  private static HttpEntity<ByteArrayResource> file(String filename) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_PDF);
    return new HttpEntity<>(new ByteArrayResource("%PDF-1.4 example".getBytes()) {
      @Override
      public String getFilename() {
        return filename;
      }
    }, headers);
  }

  private String status(long id) {
    return projects.findById(id).orElseThrow().getStatus().name();
  }

  private void runJobs(long id) {
    for (int i = 0; i < 20; i++) {
      var instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(id))
          .processDefinitionKey("ProjectRegistration").singleResult();
      if (instance == null) {
        return;
      }
      List<Job> due = managementService.createJobQuery().processInstanceId(instance.getId())
          .executable().messages().list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> managementService.executeJob(job.getId()));
    }
  }

  /** Publicity runs its course: on its last day the timer fires and publicity closes (an early close is refused). */
  private void fireTimer(long id) {
    var instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(id))
        .processDefinitionKey("ProjectRegistration").singleResult();
    Job timer = managementService.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    java.time.LocalDate lastDay = java.time.LocalDate.parse(http.getForObject("/api/public/projects/" + id,
        JsonNode.class).get("project").get("publicityEnd").asText());
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(lastDay.atTime(12, 0)
        .atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant()));
    try {
      managementService.executeJob(timer.getId());
      runJobs(id);
    } finally {
      org.camunda.bpm.engine.impl.util.ClockUtil.reset();
    }
  }

  private String taskOf(long id, String taskKey) {
    Task task = taskService.createTaskQuery().processInstanceBusinessKey(String.valueOf(id))
        .taskDefinitionKey(taskKey).singleResult();
    assertThat(task).as(taskKey).isNotNull();
    return task.getId();
  }

  private void claimAndSubmit(String user, String taskId, Map<String, Object> values) {
    ResponseEntity<String> claim = http.withBasicAuth(user, "demo").postForEntity(
        "/engine-rest/task/" + taskId + "/claim", Map.of("userId", user), String.class);
    assertThat(claim.getStatusCode()).as("claim by " + user + ": " + claim.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    Map<String, Object> variables = new HashMap<>();
    values.forEach((k, v) -> variables.put(k, Map.of("value", v)));
    ResponseEntity<String> submit = http.withBasicAuth(user, "demo").postForEntity(
        "/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", variables), String.class);
    assertThat(submit.getStatusCode()).as("submit by " + user + ": " + submit.getBody())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }
}
