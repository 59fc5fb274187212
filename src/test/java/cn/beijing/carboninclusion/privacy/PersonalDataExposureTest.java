package cn.beijing.carboninclusion.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import cn.beijing.carboninclusion.notification.NotificationService;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * No direct identifier leaves the platform where the public reads (PIPL; docs/personal-data.md): a registered project
 * gets a contact with a distinctive name, phone and e-mail (through the API), a project in publicity an objection with
 * a distinctive objector and contact; then every page of the portal (each list, its JSON and CSV, the detail page of
 * every record the lists show), every GET operation under {@code /api/public} of the platform's OpenAPI document, the
 * registry's CSV export and the application's log written meanwhile are read, and none holds any of those values.
 */
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataExposureTest extends PlatformIntegrationTest {
  static final String CONTACT_NAME = "甄探针联系人";
  static final String CONTACT_PHONE = "13598765432";
  static final String CONTACT_EMAIL = "pipl-probe-contact@leak.example";
  static final String OBJECTOR = "庞探针异议人";
  static final String OBJECTOR_EMAIL = "pipl-probe-objector@leak.example";
  static final String OBJECTOR_PHONE = "13412345678";
  static final List<String> PORTAL_LISTS = List.of("/portal/disclosures", "/portal/bars", "/portal/class-two",
      "/portal/class-two/overdue-reports", "/portal/projects", "/portal/reductions", "/portal/methodologies",
      "/portal/registry", "/portal/audit-reports", "/portal/journal-heads");
  /** The lists whose records have a page of their own. */
  static final Map<String, String> DETAIL_PAGES = Map.of("/portal/projects", "/portal/projects/",
      "/portal/reductions", "/portal/reductions/", "/portal/methodologies", "/portal/methodologies/",
      "/portal/audit-reports", "/portal/audit-reports/");
  static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");

  @Autowired TestRestTemplate http;
  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired RuntimeService runtimeService;
  @Autowired NotificationService notices;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired JdbcTemplate jdbc;
  final ObjectMapper json = new ObjectMapper();
  ProjectCases cases;

  @BeforeEach
  void setUp() {
    cases = new ProjectCases(context);
  }

  @AfterEach
  void tearDown() {
    runtimeService.createProcessInstanceQuery().processDefinitionKey("ProjectChange").list().forEach(pi ->
        runtimeService.deleteProcessInstance(pi.getId(), "test finished", true, true));
    cases.cleanUp();
  }

  @Test
  void noContactOrObjectorIsReadableWhereThePublicReadsNorInTheLog(CapturedOutput log) throws Exception {
    Project registered = cases.aRegisteredProject();
    ResponseEntity<JsonNode> change = http.withBasicAuth("greentravel", "demo").postForEntity(
        "/api/projects/" + registered.getId() + "/changes", Map.of("kind", "CONTACT", "reason", "更换项目联系人",
            "contactName", CONTACT_NAME, "contactPhone", CONTACT_PHONE, "contactEmail", CONTACT_EMAIL), JsonNode.class);
    assertThat(change.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ProcessInstance minor = runtimeService.createProcessInstanceQuery().processDefinitionKey("ProjectChange")
        .variableValueEquals("changeId", change.getBody().get("id").asLong()).singleResult();
    execute(job("Task_ApplyChange", minor));
    // the contact is stored and readable by the developer: what follows is about where it must not be
    String versions = http.withBasicAuth("greentravel", "demo").getForObject("/api/projects/" + registered.getId()
        + "/changes", String.class);
    assertThat(versions).contains(CONTACT_NAME, CONTACT_PHONE, CONTACT_EMAIL);
    // staff read it too, and each such read is in the access log (it was not: the versions carry the contact)
    assertThat(http.withBasicAuth("wangfang", "demo").getForObject("/api/projects/" + registered.getId()
        + "/changes", String.class)).contains(CONTACT_PHONE);
    JsonNode accessLog = http.withBasicAuth("zhangwei", "demo").getForObject("/api/access-log?objectType="
        + "PROJECT_VERSIONS&userId=wangfang&size=200", JsonNode.class);
    assertThat(accessLog.toString()).contains("/api/projects/" + registered.getId() + "/changes")
        .doesNotContain(CONTACT_PHONE, CONTACT_NAME, CONTACT_EMAIL);

    Project inPublicity = cases.aProjectInPublicity();
    // from ::1, as PortalApiTest: the API tests use up 127.0.0.1's hourly allowance of objections (5 a client)
    ResponseEntity<JsonNode> objection = new TestRestTemplate().postForEntity("http://[::1]:" + port
        + "/api/projects/" + inPublicity.getId() + "/objections",
        Map.of("objectorName", OBJECTOR, "contact", OBJECTOR_EMAIL + " " + OBJECTOR_PHONE,
            "content", "该项目的参与者范围与实际不符，请核实（探针）。"), JsonNode.class);
    assertThat(objection.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(objection.getBody().toString()).as("the receipt").doesNotContain(OBJECTOR, OBJECTOR_EMAIL);

    Map<String, String> read = new LinkedHashMap<>();
    for (String list : PORTAL_LISTS) {
      read(read, list);
      read(read, list + "?size=200");
      String page = read(read, list + "?format=json&size=200");
      read(read, list + "?format=csv&size=200");
      if (DETAIL_PAGES.containsKey(list)) {
        Set<String> ids = new LinkedHashSet<>();
        json.readTree(page).findValues("id").stream().limit(50).forEach(id -> ids.add(id.asText()));
        ids.add(String.valueOf(registered.getId()));
        ids.add(String.valueOf(inPublicity.getId()));
        ids.forEach(id -> read(read, DETAIL_PAGES.get(list) + id));
      }
    }
    read(read, "/portal");
    read(read, "/portal/projects?q=" + registered.getName());
    read(read, "/portal/projects?q=" + inPublicity.getName() + "&format=csv");

    List<String> publicOperations = publicGetOperations();
    assertThat(publicOperations).as("the public operations of the OpenAPI document")
        .contains("/api/public/projects", "/api/public/projects/{id}", "/api/public/disclosures");
    for (String operation : publicOperations) {
      List<String> ids = List.of(String.valueOf(registered.getId()), String.valueOf(inPublicity.getId()));
      if (!PATH_VARIABLE.matcher(operation).find()) {
        read(read, operation + "?page=0&size=200");
        continue;
      }
      for (String id : ids) {
        Matcher variables = PATH_VARIABLE.matcher(operation);
        StringBuilder path = new StringBuilder();
        while (variables.find()) {
          String name = variables.group(1).toLowerCase();
          String value = name.contains("registration") || name.contains("serial") || name.contains("account")
              ? String.valueOf(cases.current(Long.valueOf(id)).getRegistrationNo()) : id;
          variables.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        variables.appendTail(path);
        read(read, path.toString());
      }
    }
    // the one CSV export outside the portal: a developer's holdings
    read.put("/api/registry/holdings.csv", new String(http.withBasicAuth("greentravel", "demo")
        .getForObject("/api/registry/holdings.csv", byte[].class), StandardCharsets.UTF_8));

    assertThat(read).hasSizeGreaterThan(60);
    assertThat(read.get("/portal/projects/" + registered.getId())).as("the registered project's page")
        .contains(registered.getName());
    assertThat(read.get("/portal/projects/" + inPublicity.getId())).as("the page of the project in publicity")
        .contains(inPublicity.getName());
    List<String> secrets = List.of(CONTACT_NAME, CONTACT_PHONE, CONTACT_EMAIL, OBJECTOR, OBJECTOR_EMAIL,
        OBJECTOR_PHONE);
    read.forEach((path, body) -> assertThat(body).as(path).doesNotContain(secrets));
    // the log is captured: a line logged here is in it
    org.slf4j.LoggerFactory.getLogger(getClass()).warn("exposure probe {}", "已捕获-7f3a");
    assertThat(log.getAll()).contains("exposure probe 已捕获-7f3a");
    assertThat(log.getAll()).as("the application log").doesNotContain(secrets);
  }

  /** Regression: a notice that could not be sent was logged with its address (NotificationSender). */
  @Test
  void aNoticeThatCannotBeSentIsLoggedWithoutItsAddress(CapturedOutput log) throws Exception {
    String address = "pipl-probe-undeliverable@@leak.example";
    new TransactionTemplate(transactionManager).executeWithoutResult(s -> notices.enqueue(address, "case-update",
        "项目", "探针项目", "测试", "探针收件人", "说明", "—", "—"));
    Long id = jdbc.queryForObject("select id from notification where recipient = ?", Long.class, address);
    long deadline = System.currentTimeMillis() + 30_000;
    while (!log.getAll().contains("notice " + id + " not sent") && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    assertThat(log.getAll()).as("the failed attempt is logged").contains("notice " + id + " not sent");
    assertThat(log.getAll()).as("without the address").doesNotContain(address, "pipl-probe-undeliverable");
    jdbc.update("delete from notification where id = ?", id);
  }

  private String read(Map<String, String> read, String path) {
    ResponseEntity<byte[]> answer = http.getForEntity(path, byte[].class);
    assertThat(answer.getStatusCode().is5xxServerError()).as(path).isFalse();
    String body = answer.getBody() == null ? "" : new String(answer.getBody(), StandardCharsets.UTF_8);
    read.put(path, body);
    return body;
  }

  private List<String> publicGetOperations() throws Exception {
    JsonNode document = json.readTree(http.getForObject("/v3/api-docs", String.class));
    List<String> operations = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      if (path.getKey().startsWith("/api/public/") && path.getValue().has("get")) {
        operations.add(path.getKey());
      }
    }
    return operations;
  }
}
