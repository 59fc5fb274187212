package cn.beijing.carboninclusion.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import cn.beijing.carboninclusion.crypto.Sm4Gcm;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 商用密码, personal fields at rest (docs/crypto.md): contact data entered through the API — a change of a project's
 * contact, an objection's contact, a developer organisation's e-mail — is read back in clear through the API and is
 * nowhere in clear in the database: every character column of every table is searched with JdbcTemplate.
 */
class PersonalDataAtRestTest extends PlatformIntegrationTest {
  /** Outside the scope of the field encryption (docs/crypto.md, "Not encrypted"): the mail outbox's recipients. */
  private static final Set<String> NOT_COVERED = Set.of("notification.recipient");

  @Autowired TestRestTemplate http;
  @Autowired ApplicationContext context;
  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired JdbcTemplate jdbc;

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
  void contactDataFiledThroughTheApiIsEncryptedAtRest() {
    String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String phone = "1390" + String.format("%07d", Math.abs(tag.hashCode()) % 10_000_000);
    String email = "contact-" + tag + "@example.com";
    String name = "联系人" + tag;
    String objectorPhone = "0108" + String.format("%07d", Math.abs((tag + "o").hashCode()) % 10_000_000);
    String objectorEmail = "objector-" + tag + "@example.com";
    String developerEmail = "developer-" + tag + "@example.com";

    Project registered = cases.aRegisteredProject();
    String changes = "/api/projects/" + registered.getId() + "/changes";
    ResponseEntity<JsonNode> contact = http.withBasicAuth("greentravel", "demo").postForEntity(changes,
        Map.of("kind", "CONTACT", "reason", "换人", "contactName", name, "contactPhone", phone, "contactEmail", email),
        JsonNode.class);
    assertThat(contact.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ProcessInstance minor = runtimeService.createProcessInstanceQuery().processDefinitionKey("ProjectChange")
        .variableValueEquals("changeId", contact.getBody().get("id").asLong()).singleResult();
    execute(job("Task_ApplyChange", minor));

    Project inPublicity = cases.aProjectInPublicity();
    // the public allowance (5 filings per client and hour) is not under test here: earlier tests of the suite used it
    jdbc.update("delete from rate_limit_bucket");
    ResponseEntity<JsonNode> objection = http.postForEntity("/api/projects/" + inPublicity.getId() + "/objections",
        Map.of("objectorName", "异议人" + tag, "contact", objectorPhone + " " + objectorEmail,
            "content", "该项目的出行数据与我单位重复申报，请核实。"), JsonNode.class);
    assertThat(objection.getStatusCode()).isEqualTo(HttpStatus.CREATED);

    ResponseEntity<JsonNode> developer = http.withBasicAuth("zhangwei", "demo").postForEntity("/api/developers",
        Map.of("creditCode", ProjectCases.aCreditCode(), "name", "加密测试开发方" + tag, "kind", "ENTERPRISE",
            "contactEmail", developerEmail), JsonNode.class);
    assertThat(developer.getStatusCode()).isEqualTo(HttpStatus.CREATED);

    // the API reads them back in clear
    JsonNode log = http.withBasicAuth("wangfang", "demo").getForObject(changes, JsonNode.class);
    JsonNode version = log.get("versions").get(log.get("versions").size() - 1);
    assertThat(version.get("contactName").asText()).isEqualTo(name);
    assertThat(version.get("contactPhone").asText()).isEqualTo(phone);
    assertThat(version.get("contactEmail").asText()).isEqualTo(email);
    JsonNode developerRead = http.withBasicAuth("zhangwei", "demo").getForObject("/api/developers/"
        + developer.getBody().get("id").asLong(), JsonNode.class);
    assertThat(developerRead.toString()).contains(developerEmail);

    // the database holds none of them in clear
    for (String secret : List.of(phone, email, name, objectorPhone, objectorEmail, "异议人" + tag, developerEmail)) {
      assertThat(columnsHolding(secret)).as("columns holding %s in clear", secret).isEmpty();
    }
    // and the rows are there, encrypted
    assertThat(jdbc.queryForList("select contact_phone from project_version where project_id = ?", String.class,
        registered.getId())).anyMatch(Sm4Gcm::isEncryptedText);
    assertThat(jdbc.queryForObject("select contact from objection where project_id = ?", String.class,
        inPublicity.getId())).startsWith(Sm4Gcm.TEXT_PREFIX);
    assertThat(jdbc.queryForObject("select contact_email from developer_organisation where id = ?", String.class,
        developer.getBody().get("id").asLong())).startsWith(Sm4Gcm.TEXT_PREFIX);
  }

  /** Every character column of every table of the schema (the domain's and the engine's) holding {@code text}. */
  private List<String> columnsHolding(String text) {
    List<Map<String, Object>> columns = jdbc.queryForList("""
        select table_name, column_name from information_schema.columns
        where table_schema = current_schema() and data_type in ('character varying', 'text', 'character')""");
    List<String> hits = new ArrayList<>();
    for (Map<String, Object> c : columns) {
      String table = (String) c.get("table_name");
      String column = (String) c.get("column_name");
      if (NOT_COVERED.contains(table + "." + column)) {
        continue;
      }
      Long n = jdbc.queryForObject("select count(*) from \"" + table + "\" where \"" + column + "\" like ?",
          Long.class, "%" + text + "%");
      if (n != null && n > 0) {
        hits.add(table + "." + column);
      }
    }
    assertThat(columns).hasSizeGreaterThan(100);
    return hits;
  }
}
