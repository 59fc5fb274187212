package cn.beijing.carboninclusion.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.project.ProjectStatus;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Suspension and rectification reports over HTTP: who may, and bad input changing nothing. */
class RectificationApiTest extends PlatformIntegrationTest {
  @Autowired TestRestTemplate http;
  @Autowired ApplicationContext context;
  @Autowired RuntimeService runtimeService;

  ProjectCases cases;

  @BeforeEach
  void setUp() {
    cases = new ProjectCases(context);
  }

  @AfterEach
  void tearDown() {
    runtimeService.createProcessInstanceQuery().processDefinitionKey("Rectification").list().forEach(pi ->
        runtimeService.deleteProcessInstance(pi.getId(), "test finished", true, true));
    cases.cleanUp();
  }

  @Test
  void onlyTheBureauSuspendsWithAKnownFindingAndTheDeveloperReports() {
    Project project = cases.aRegisteredProject();
    String url = "/api/projects/" + project.getId() + "/suspensions";
    assertThat(http.withBasicAuth("greentravel", "demo").postForEntity(url,
        Map.of("findingKind", "DATA_QUALITY", "finding", "监测数据缺失"), JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<JsonNode> bad = http.withBasicAuth("zhangwei", "demo").postForEntity(url,
        Map.of("findingKind", "NO_SUCH_KIND", "finding", ""), JsonNode.class);
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody().get("errors").has("findingKind")).isTrue();
    assertThat(cases.current(project.getId()).getStatus()).isEqualTo(ProjectStatus.REGISTERED);

    assertThat(http.withBasicAuth("zhangwei", "demo").postForEntity(url,
        Map.of("findingKind", "DATA_QUALITY", "finding", "监测数据缺失"), JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);
    assertThat(cases.current(project.getId()).getStatus()).isEqualTo(ProjectStatus.SUSPENDED);
    assertThat(http.getForObject("/api/public/projects/" + project.getId(), JsonNode.class).get("project")
        .get("statusLabel").asText()).isEqualTo("已暂停");

    String reports = "/api/projects/" + project.getId() + "/rectification-reports";
    assertThat(http.withBasicAuth("sunroof", "demo").postForEntity(reports,
        Map.of("report", "不是我的项目", "evidence", "无"), JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.withBasicAuth("greentravel", "demo").postForEntity(reports,
        Map.of("report", "已补齐监测数据", "evidence", "补齐后的数据文件"), JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);
    assertThat(http.withBasicAuth("greentravel", "demo").postForEntity(reports,
        Map.of("report", "重复提交", "evidence", "无"), JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
  }
}
