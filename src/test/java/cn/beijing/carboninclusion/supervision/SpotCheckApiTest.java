package cn.beijing.carboninclusion.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
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
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 双随机、一公开 over real HTTP on PostgreSQL: only the bureau starts the year's spot check, once a year; the draw is
 * public at once with what anyone needs to recompute it, and never names an inspector.
 */
class SpotCheckApiTest extends PlatformIntegrationTest {
  private static final int YEAR = 2071;

  @Autowired TestRestTemplate http;
  @Autowired ApplicationContext context;
  @Autowired RuntimeService runtimeService;
  @Autowired JdbcTemplate jdbc;

  private ProjectCases cases;
  private final List<Long> projects = new ArrayList<>();

  @BeforeEach
  void setUp() {
    cases = new ProjectCases(context);
  }

  @AfterEach
  void tearDown() {
    runtimeService.createProcessInstanceQuery().processDefinitionKey(SpotChecks.PROCESS)
        .processInstanceBusinessKey(String.valueOf(YEAR)).list()
        .forEach(pi -> runtimeService.deleteProcessInstance(pi.getId(), "test finished", true, true));
    jdbc.update("delete from spot_check_population where draw_id in (select id from spot_check_draw where draw_year = ?)",
        YEAR);
    jdbc.update("delete from spot_check_item where draw_id in (select id from spot_check_draw where draw_year = ?)",
        YEAR);
    jdbc.update("delete from spot_check_draw where draw_year = ?", YEAR);
    cases.cleanUp();
  }

  @Test
  void theBureauStartsTheYearsSpotCheckOnceAndTheDrawIsPublic() {
    Project project = cases.aRegisteredProject();
    projects.add(project.getId());
    Map<String, Object> order = Map.of("year", YEAR, "projectCount", 2, "agencyCount", 1,
        "seedPhrase", "2071年度双随机抽查 公开口令");

    // only the bureau: the technical center, a developer and an anonymous caller are refused, nothing is drawn
    assertThat(http.withBasicAuth("wangfang", "demo").postForEntity("/api/spot-checks", order, JsonNode.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("greentravel", "demo").postForEntity("/api/spot-checks", order, JsonNode.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.postForEntity("/api/spot-checks", order, JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(drawsOf(YEAR)).isZero();

    // invalid input is a 400 naming the field
    ResponseEntity<JsonNode> invalid = http.withBasicAuth("lina", "demo").postForEntity("/api/spot-checks",
        Map.of("year", 1999, "projectCount", -1), JsonNode.class);
    assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(invalid.getBody().path("errors").has("year")).isTrue();
    assertThat(invalid.getBody().path("errors").has("projectCount")).isTrue();

    ResponseEntity<JsonNode> started = http.withBasicAuth("lina", "demo").postForEntity("/api/spot-checks", order,
        JsonNode.class);
    assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.CREATED);
    JsonNode draw = started.getBody();
    assertThat(draw.path("year").asInt()).isEqualTo(YEAR);
    assertThat(draw.path("seed").asText()).isEqualTo(SpotCheckSampling.seed(YEAR, "2071年度双随机抽查 公开口令"));
    assertThat(draw.path("items")).hasSize(draw.path("projectSample").asInt() + draw.path("agencySample").asInt());
    assertThat(draw.path("projectSample").asInt()).isEqualTo(Math.min(2, draw.path("projectPopulation").asInt()));
    assertThat(jdbc.queryForObject("select drawn_by from spot_check_draw where draw_year = ?", String.class, YEAR))
        .isEqualTo("lina");

    // once a year
    assertThat(http.withBasicAuth("zhangwei", "demo").postForEntity("/api/spot-checks", order, JsonNode.class)
        .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(drawsOf(YEAR)).isOne();

    // public, without login: the list and the year, recomputable from the published seed and population
    ResponseEntity<JsonNode> list = http.getForEntity("/api/public/spot-checks?page=0&size=200", JsonNode.class);
    assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(list.getHeaders().getFirst("X-Total-Count")).isNotNull();
    assertThat(list.getBody()).anyMatch(d -> d.path("year").asInt() == YEAR);
    ResponseEntity<JsonNode> year = http.getForEntity("/api/public/spot-checks/" + YEAR, JsonNode.class);
    assertThat(year.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode published = year.getBody();
    List<Long> population = new ArrayList<>();
    published.path("populationProjectIds").forEach(id -> population.add(id.asLong()));
    List<Long> recomputed = SpotCheckSampling.draw(published.path("seed").asText(), SpotCheckSubjectKind.PROJECT,
        population, published.path("projectSample").asInt());
    List<Long> drawnProjects = new ArrayList<>();
    published.path("items").forEach(item -> {
      if (item.path("subjectKind").asText().equals("PROJECT")) {
        drawnProjects.add(item.path("subjectId").asLong());
      }
    });
    assertThat(drawnProjects).containsExactlyElementsOf(recomputed);
    String body = http.getForEntity("/api/public/spot-checks/" + YEAR, String.class).getBody();
    assertThat(body).doesNotContain("inspector").doesNotContain("wangfang").doesNotContain("liuyang")
        .doesNotContain("\"lina\"").doesNotContain("zhangwei");
    assertThat(http.getForEntity("/api/public/spot-checks/2999", JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  private long drawsOf(int year) {
    return jdbc.queryForObject("select count(*) from spot_check_draw where draw_year = ?", Long.class, year);
  }
}
