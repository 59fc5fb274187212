package cn.beijing.carboninclusion.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import cn.beijing.carboninclusion.developer.UnifiedSocialCreditCode;
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

/** Audit reports over HTTP: who may file and read, bad input changing nothing, a double submit taken once. */
class AuditReportApiTest extends PlatformIntegrationTest {
  static final String CODE = "91110108MA02XYTW3" + UnifiedSocialCreditCode.Validator.checkCharacter("91110108MA02XYTW3");

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
  void theDeveloperFilesOnceWithValidFiguresAndThePublicSeesNoReviewer() {
    Project project = cases.aRegisteredProject();
    String url = "/api/projects/" + project.getId() + "/audit-reports";
    // before the period ends nothing is due
    assertThat(post("greentravel", url, filing()).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

    ProcessInstance pi = runtimeService.createProcessInstanceQuery().processDefinitionKey("AuditReport")
        .processInstanceBusinessKey(String.valueOf(project.getId())).singleResult();
    execute(job("Timer_AuditPeriodEnd", pi));
    execute(job("Task_RequestAuditReport", pi));

    Map<String, Object> bad = filing();
    bad.put("agencyCreditCode", CODE.substring(0, 17) + (CODE.endsWith("0") ? "1" : "0"));
    bad.put("proceeds", "-5");
    bad.put("returnedAmount", "1.234");
    bad.remove("reportSummary");
    ResponseEntity<JsonNode> refused = post("greentravel", url, bad);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().get("errors").fieldNames()).toIterable()
        .contains("agencyCreditCode", "proceeds", "returnedAmount", "reportSummary");
    assertThat(post("sunroof", url, filing()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(post("wangfang", url, filing()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(reports.findByProjectIdOrderByPeriodStartAsc(project.getId()).get(0).getStatus())
        .isEqualTo(AuditReportStatus.DUE);

    ResponseEntity<JsonNode> filed = post("greentravel", url, filing());
    assertThat(filed.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(filed.getBody().get("status").asText()).isEqualTo("FILED");
    assertThat(filed.getBody().get("agencyCreditCode").asText()).isEqualTo(CODE);
    assertThat(post("greentravel", url, filing()).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

    JsonNode own = http.withBasicAuth("greentravel", "demo").getForObject(url, JsonNode.class);
    assertThat(own).hasSize(1);
    assertThat(own.get(0).get("proceeds").decimalValue()).isEqualByComparingTo("5000.00");
    assertThat(http.withBasicAuth("sunroof", "demo").getForEntity(url, JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.withBasicAuth("zhangwei", "demo").getForObject(url, JsonNode.class)).hasSize(1);
    // not decided yet: not public
    JsonNode published = http.getForObject("/api/public/audit-reports?size=100", JsonNode.class);
    assertThat(published.findValues("projectId")).noneMatch(id -> id.asLong() == project.getId());
    assertThat(published.toString()).doesNotContain("filedBy").doesNotContain("decidedBy");
  }

  private Map<String, Object> filing() {
    Map<String, Object> body = new HashMap<>();
    body.put("agencyName", "北京示例审计事务所");
    body.put("agencyCreditCode", CODE);
    body.put("proceeds", "5000.00");
    body.put("operatingCosts", "500.00");
    body.put("returnedAmount", "4050.00");
    body.put("reportSummary", "收益使用符合组织实施方案");
    return body;
  }

  private ResponseEntity<JsonNode> post(String user, String url, Object body) {
    return http.withBasicAuth(user, "demo").postForEntity(url, body, JsonNode.class);
  }
}
