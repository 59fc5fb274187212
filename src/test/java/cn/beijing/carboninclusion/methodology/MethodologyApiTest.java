package cn.beijing.carboninclusion.methodology;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The methodology API over real HTTP: validation, permissions, recomputation, comments, evaluations. */
class MethodologyApiTest extends PlatformIntegrationTest {
  @Autowired TestRestTemplate http;
  @Autowired Methodologies methodologies;
  @Autowired RuntimeService runtimeService;

  @Test
  void invalidProposalsAreA400NamingEachFieldAndCreateNothing() {
    long before = methodologies.count();
    Map<String, Object> bad = proposal("bad code!");
    bad.put("proposedLevel", 3);
    bad.put("name", "");
    ResponseEntity<JsonNode> response = http.withBasicAuth("greentravel", "demo")
        .postForEntity("/api/methodologies", bad, JsonNode.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().get("errors").fieldNames()).toIterable().contains("code", "proposedLevel", "name");
    Map<String, Object> notJson = proposal(code());
    notJson.put("parameters", "{not json");
    ResponseEntity<JsonNode> notJsonResponse = http.withBasicAuth("greentravel", "demo")
        .postForEntity("/api/methodologies", notJson, JsonNode.class);
    assertThat(notJsonResponse.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(notJsonResponse.getBody().get("errors").has("parameters")).isTrue();
    assertThat(methodologies.count()).isEqualTo(before);
  }

  @Test
  void onlyDevelopersAndTheBureauProposeAndACodeIsUsedOnce() {
    assertThat(http.withBasicAuth("wangfang", "demo").postForEntity("/api/methodologies", proposal(code()),
        JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("greentravel", "demo").postForEntity("/api/methodologies",
        proposal("BJCI-M-TRAVEL"), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    ResponseEntity<JsonNode> filed = http.withBasicAuth("greentravel", "demo").postForEntity("/api/methodologies",
        proposal(code()), JsonNode.class);
    assertThat(filed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(filed.getBody().get("checks").findValuesAsText("outcome")).containsOnly("PASSED", "FLAGGED")
        .hasSize(3);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("MethodologyFormulation")
        .processInstanceBusinessKey(filed.getBody().get("methodology").get("id").asText()).count()).isOne();
  }

  @Test
  void thePlatformRecomputesAReductionWithTheMethodologyFormula() {
    long travel = methodologies.findByCodeOrderByVersionDesc("BJCI-M-TRAVEL").get(0).getId();
    ResponseEntity<JsonNode> result = http.withBasicAuth("greentravel", "demo").postForEntity(
        "/api/methodologies/" + travel + "/calculations",
        Map.of("activities", List.of(Map.of("mode", "bus", "distanceKm", 1000))), JsonNode.class);
    assertThat(result.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(result.getBody().get("reduction").decimalValue()).isEqualByComparingTo("0.052");
    ResponseEntity<JsonNode> malformed = http.withBasicAuth("greentravel", "demo").postForEntity(
        "/api/methodologies/" + travel + "/calculations",
        Map.of("activities", List.of(Map.of("mode", "bus"))), JsonNode.class);
    assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(malformed.getBody().get("errors").has("activities")).isTrue();
    // found by fuzz.OpenApiFuzzTest: 100,000 records held a request thread for 24 s; a sample is at most 10,000
    ResponseEntity<JsonNode> tooMany = http.withBasicAuth("greentravel", "demo").postForEntity(
        "/api/methodologies/" + travel + "/calculations",
        Map.of("activities", java.util.Collections.nCopies(10_001, Map.of("mode", "bus", "distanceKm", 1))),
        JsonNode.class);
    assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tooMany.getBody().get("errors").get("activities").asText()).contains("10000");
  }

  @Test
  void commentsAreOpenToAnyoneButOnlyDuringPublicComment() {
    long travel = methodologies.findByCodeOrderByVersionDesc("BJCI-M-TRAVEL").get(0).getId();
    assertThat(http.postForEntity("/api/methodologies/" + travel + "/comments",
        Map.of("content", "建议补充共享单车的排放因子。"), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    ResponseEntity<JsonNode> tooShort = http.postForEntity("/api/methodologies/" + travel + "/comments",
        Map.of("content", "短"), JsonNode.class);
    assertThat(tooShort.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tooShort.getBody().get("errors").has("content")).isTrue();
  }

  @Test
  void theBureauRequestsAnEvaluationOnDemandOnce() {
    long pv = methodologies.findByCodeOrderByVersionDesc("BJCI-M-PV").get(0).getId();
    assertThat(http.withBasicAuth("greentravel", "demo").postForEntity("/api/methodologies/" + pv + "/evaluations",
        null, JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("zhangwei", "demo").postForEntity("/api/methodologies/" + pv + "/evaluations",
        null, JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(http.withBasicAuth("zhangwei", "demo").postForEntity("/api/methodologies/" + pv + "/evaluations",
        null, JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
  }

  @Test
  void thePublicSeesPublishedMethodologiesWithoutLogin() {
    JsonNode published = http.getForObject("/api/public/methodologies?size=200", JsonNode.class);
    assertThat(published.findValuesAsText("code")).contains("BJCI-M-TRAVEL", "BJCI-M-PV", "BJCI-M-PARKING");
    assertThat(published.findValuesAsText("status")).doesNotContain("DRAFT", "UNDER_REVIEW", "REJECTED");
  }

  private static String code() {
    return "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
  }

  private static Map<String, Object> proposal(String code) {
    Map<String, Object> proposal = new HashMap<>();
    proposal.put("code", code);
    proposal.put("name", "共享单车骑行碳普惠方法学");
    proposal.put("field", "交通");
    proposal.put("proposedLevel", 2);
    proposal.put("applicability", "本市共享单车骑行");
    proposal.put("baselineScenario", "小客车出行");
    proposal.put("projectScenario", "共享单车骑行");
    proposal.put("monitoringRequirements", "骑行订单记录");
    proposal.put("formula", MethodologyExamples.TRAVEL_FORMULA);
    proposal.put("parameters", MethodologyExamples.TRAVEL_PARAMETERS);
    return proposal;
  }
}
