package cn.beijing.carboninclusion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 禁止泄露信息: every read of confidential fields by staff is in the access log, with its outcome; a developer reading
 * its own case is not staff; only the bureau (and administrators) read the log.
 */
class AccessLogTest extends PlatformIntegrationTest {
  @Autowired TestRestTemplate http;
  @Autowired ApplicationContext context;
  @Autowired JdbcTemplate jdbc;

  ProjectCases cases;
  Project project;

  @BeforeEach
  void aFiledProject() {
    cases = new ProjectCases(context);
    project = cases.fileAs("greentravel", ProjectCases.aCompleteApplication());
  }

  @AfterEach
  void cleanUp() {
    cases.cleanUp();
  }

  @Test
  void readsOfConfidentialFieldsByStaffAreLoggedAndOnlyTheBureauReadsTheLog() {
    String ref = "id=" + project.getId();
    assertThat(http.withBasicAuth("zhangwei", "demo").getForEntity("/api/projects/" + project.getId(), String.class)
        .getStatusCode().value()).isEqualTo(200);
    int refused = http.withBasicAuth("chenjing", "demo").getForEntity("/api/projects/" + project.getId(),
        String.class).getStatusCode().value();
    assertThat(refused).isIn(403, 404);
    assertThat(http.withBasicAuth("greentravel", "demo").getForEntity("/api/projects/" + project.getId(),
        String.class).getStatusCode().value()).isEqualTo(200);
    assertThat(http.getForEntity("/api/public/projects/" + project.getId(), String.class).getStatusCode().value())
        .isIn(200, 404);

    ResponseEntity<JsonNode> log = http.withBasicAuth("zhangwei", "demo").getForEntity(
        "/api/access-log?objectType=PROJECT&objectRef=" + ref, JsonNode.class);
    assertThat(log.getStatusCode().value()).isEqualTo(200);
    List<String> lines = new ArrayList<>();
    log.getBody().get("items").forEach(e -> lines.add(e.get("userId").asText() + " " + e.get("outcome").asInt()
        + " " + e.get("userGroups").asText() + " " + e.get("fields").asText()));
    assertThat(lines).containsExactlyInAnyOrder("chenjing " + refused + " exchange 申请材料、联系人及联系方式、收益分配",
        "zhangwei 200 bureau 申请材料、联系人及联系方式、收益分配");
    assertThat(log.getBody().get("items").get(0).get("request").asText())
        .isEqualTo("GET /api/projects/" + project.getId());

    assertThat(http.withBasicAuth("wangfang", "demo").getForEntity("/api/access-log", String.class)
        .getStatusCode().value()).as("the technical center does not read the log").isEqualTo(403);
    assertThat(http.withBasicAuth("greentravel", "demo").getForEntity("/api/access-log", String.class)
        .getStatusCode().value()).isEqualTo(403);
    assertThat(http.getForEntity("/api/access-log", String.class).getStatusCode().value()).isEqualTo(401);
    assertThat(http.withBasicAuth("zhangwei", "demo").getForEntity("/api/access-log?size=100000", String.class)
        .getStatusCode().value()).as("a page is bounded").isEqualTo(400);
  }
}
