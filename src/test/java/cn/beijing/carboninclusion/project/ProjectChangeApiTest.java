package cn.beijing.carboninclusion.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.supervision.Bar;
import cn.beijing.carboninclusion.supervision.Bars;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
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

/** Project changes over HTTP: who may file and read them, bad input storing nothing, and what the public sees. */
class ProjectChangeApiTest extends PlatformIntegrationTest {
  @Autowired TestRestTemplate http;
  @Autowired ApplicationContext context;
  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired ProjectChanges changes;
  @Autowired Bars bars;

  ProjectCases cases;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    cases = new ProjectCases(context);
  }

  @AfterEach
  void tearDown() {
    runtimeService.createProcessInstanceQuery().processDefinitionKey("ProjectChange").list().forEach(pi ->
        runtimeService.deleteProcessInstance(pi.getId(), "test finished", true, true));
    cases.cleanUp();
  }

  @Test
  void theDeveloperFilesChangesOthersCannotAndBadInputStoresNothing() {
    Project project = cases.aRegisteredProject();
    String url = "/api/projects/" + project.getId() + "/changes";

    ResponseEntity<JsonNode> missing = post("greentravel", url, Map.of("kind", "REVENUE_SHARE", "reason", "调整"));
    assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(missing.getBody().get("errors").has("revenueReturnRatio")).isTrue();
    ResponseEntity<JsonNode> foreign = post("greentravel", url, Map.of("kind", "ADDRESS", "reason", "搬迁",
        "address", "新地址", "monitoringPlan", "不属于地址变更"));
    assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(foreign.getBody().get("errors").has("monitoringPlan")).isTrue();
    ResponseEntity<JsonNode> unknown = post("greentravel", url, Map.of("kind", "DEVELOPER_TRANSFER", "reason", "转让",
        "newDeveloperCreditCode", ProjectCases.aCreditCode()));
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unknown.getBody().get("errors").has("newDeveloperCreditCode")).isTrue();
    ResponseEntity<JsonNode> early = post("greentravel", url, Map.of("kind", "ADDRESS", "reason", "搬迁",
        "address", "新地址", "effectiveFrom", "2024-01-01"));
    assertThat(early.getBody().get("errors").has("effectiveFrom")).isTrue();
    assertThat(post("greentravel", url, Map.of("kind", "NO_SUCH_KIND", "reason", "x")).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(changes.findByProjectIdOrderByIdAsc(project.getId())).isEmpty();

    assertThat(post("sunroof", url, Map.of("kind", "ADDRESS", "reason", "搬迁", "address", "新地址"))
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.withBasicAuth("sunroof", "demo").getForEntity(url, JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    ResponseEntity<JsonNode> filed = post("greentravel", url, Map.of("kind", "REVENUE_SHARE", "reason", "运营成本上升",
        "revenueReturnRatio", 0.92, "effectiveFrom", "2025-06-01"));
    assertThat(filed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(filed.getBody().get("changeClass").asText()).isEqualTo("MAJOR");
    assertThat(post("greentravel", url, Map.of("kind", "PARTICIPANT_SCOPE", "reason", "扩大", "participantScope",
        "全市")).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    ResponseEntity<JsonNode> contact = post("greentravel", url, Map.of("kind", "CONTACT", "reason", "换人",
        "contactName", "王联系", "contactPhone", "13800000000", "contactEmail", "wang@example.com"));
    assertThat(contact.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ProcessInstance minor = runtimeService.createProcessInstanceQuery().processDefinitionKey("ProjectChange")
        .variableValueEquals("changeId", contact.getBody().get("id").asLong()).singleResult();
    execute(job("Task_ApplyChange", minor));

    JsonNode log = http.withBasicAuth("wangfang", "demo").getForObject(url, JsonNode.class);
    assertThat(log.get("changes")).hasSize(2);
    assertThat(log.get("versions")).hasSize(2);
    assertThat(log.get("versions").get(1).get("contactName").asText()).isEqualTo("王联系");

    JsonNode published = http.getForObject("/api/public/projects/" + project.getId(), JsonNode.class);
    assertThat(published.get("project").get("name").asText()).isEqualTo(project.getName());
    assertThat(published.get("currentVersion").get("versionNo").asInt()).isEqualTo(2);
    assertThat(published.get("changeLog")).hasSize(2);
    assertThat(published.get("changeLog").get(0).get("status").asText()).isEqualTo("FILED");
    assertThat(published.toString()).doesNotContain("王联系").doesNotContain("13800000000")
        .doesNotContain("wang@example.com");
  }

  @Test
  void aBarredDeveloperFilesNoChangeOverHttp() {
    String account = cases.aDeveloperAccount("changebar", "Changebar-passw0rd");
    Project project = cases.aRegisteredProjectOf(account);
    String url = "/api/projects/" + project.getId() + "/changes";
    cases.as(ProjectCases.BUREAU_OFFICER, Groups.BUREAU, () -> bars.bar(Bar.SubjectKind.DEVELOPER,
        cases.developerIdOf(account), "虚报减排量", null));
    ResponseEntity<JsonNode> refused = http.withBasicAuth(account, "Changebar-passw0rd").postForEntity(url,
        Map.of("kind", "ADDRESS", "reason", "搬迁", "address", "新地址"), JsonNode.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(refused.getBody().toString()).contains("禁入");
    assertThat(changes.findAll()).noneMatch(c -> c.getProjectId().equals(project.getId()));
  }

  private ResponseEntity<JsonNode> post(String user, String url, Map<String, Object> body) {
    return http.withBasicAuth(user, "demo").postForEntity(url, body, JsonNode.class);
  }
}
