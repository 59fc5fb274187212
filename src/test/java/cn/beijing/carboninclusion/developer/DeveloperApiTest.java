package cn.beijing.carboninclusion.developer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import cn.beijing.carboninclusion.support.RawHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The platform API over real HTTP: authentication, validation problems, permissions, unknown ids. */
class DeveloperApiTest extends PlatformIntegrationTest {
  @Autowired TestRestTemplate http;
  @Autowired DeveloperOrganisations organisations;
  @Autowired IdentityService identityService;
  @LocalServerPort int port;

  @Test
  void anonymousCallersAreAskedToAuthenticate() {
    ResponseEntity<JsonNode> response = http.getForEntity("/api/developers/me", JsonNode.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(response.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
  }

  @Test
  void wrongPasswordIsRefused() {
    // a user of its own: after a failed login the engine delays the next one
    User user = identityService.newUser("wrongpasswordprobe");
    user.setPassword("Right-passw0rd");
    identityService.saveUser(user);
    try {
      assertThat(http.withBasicAuth("wrongpasswordprobe", "nope").getForEntity("/api/developers/me",
          JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    } finally {
      identityService.deleteUser("wrongpasswordprobe");
    }
  }

  @Test
  void aDeveloperSeesItsOwnOrganisationOnly() {
    JsonNode me = http.withBasicAuth("greentravel", "demo").getForObject("/api/developers/me", JsonNode.class);
    assertThat(me.get("name").asText()).isEqualTo("北京绿色出行科技有限公司");
    long other = organisations.findByCreditCode("91110108MA02EFGH3X").orElseThrow().getId();
    ResponseEntity<JsonNode> foreign = http.withBasicAuth("greentravel", "demo")
        .getForEntity("/api/developers/" + other, JsonNode.class);
    assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.withBasicAuth("wangfang", "demo").getForEntity("/api/developers/" + other, JsonNode.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void theBureauLinksADeveloperAccountToItsOrganisation() {
    String account = "linked" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    User user = identityService.newUser(account);
    user.setFirstName("开发方");
    user.setLastName("关联");
    user.setPassword("Linked-2026-pw");
    identityService.saveUser(user);
    try {
      long organisation = http.withBasicAuth("zhangwei", "demo").postForObject("/api/developers", Map.of("creditCode",
          cn.beijing.carboninclusion.project.ProjectCases.aCreditCode(), "name", "关联测试开发方", "kind", "ENTERPRISE"),
          JsonNode.class).get("id").asLong();
      String body = "{\"userId\":\"" + account + "\"}";
      Map<String, String> json = Map.of("Content-Type", "application/json");
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      assertThat(RawHttp.send(port, "POST", "/api/developers/" + organisation + "/members", "zhangwei", json, bytes)
          .status()).as("not yet of group developer").isEqualTo(400);
      identityService.createMembership(account, Groups.DEVELOPER);
      assertThat(RawHttp.send(port, "POST", "/api/developers/" + organisation + "/members", "greentravel", json,
          bytes).status()).as("a developer links no one").isEqualTo(403);
      RawHttp.Answer linked = RawHttp.send(port, "POST", "/api/developers/" + organisation + "/members", "zhangwei",
          json, bytes);
      assertThat(linked.status()).as(linked.body()).isEqualTo(200);
      assertThat(linked.json().get("organisationId").asLong()).isEqualTo(organisation);
      assertThat(http.withBasicAuth(account, "Linked-2026-pw").getForObject("/api/developers/me", JsonNode.class)
          .get("id").asLong()).isEqualTo(organisation);
    } finally {
      identityService.deleteUser(account);
    }
  }

  @Test
  void anInvalidCreditCodeIsA400NamingTheFieldAndWritesNothing() {
    long before = organisations.count();
    ResponseEntity<JsonNode> response = http.withBasicAuth("zhangwei", "demo").postForEntity("/api/developers",
        Map.of("creditCode", "91440300708461136X", "name", "某公司", "kind", "ENTERPRISE",
            "contactEmail", "not-an-email"), JsonNode.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode errors = response.getBody().get("errors");
    assertThat(errors.has("creditCode")).isTrue();
    assertThat(errors.has("contactEmail")).isTrue();
    assertThat(response.getBody().get("status").asInt()).isEqualTo(400);
    assertThat(response.getBody().toString()).doesNotContain("Exception").doesNotContain("at cn.");
    assertThat(organisations.count()).isEqualTo(before);
  }

  @Test
  void anUnknownEnumValueIsA400NamingTheField() {
    ResponseEntity<JsonNode> response = http.withBasicAuth("zhangwei", "demo").postForEntity("/api/developers",
        Map.of("creditCode", "91440300708461136T", "name", "某公司", "kind", "PARTNERSHIP"), JsonNode.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().get("errors").has("kind")).isTrue();
  }

  @Test
  void aFieldGivenTwiceIsA400NamingItAndRegistersNothing() {
    RawHttp.Answer answer = RawHttp.send(port, "POST", "/api/developers", "zhangwei",
        Map.of("Content-Type", "application/json"), ("{\"creditCode\":\"91440300708461136T\",\"name\":\"某公司\","
            + "\"kind\":\"ENTERPRISE\",\"contactEmail\":null,\"contactEmail\":\"a@b.example\"}")
            .getBytes(StandardCharsets.UTF_8));
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.problem()).isTrue();
    assertThat(answer.json().get("errors").has("contactEmail")).isTrue();
    assertThat(organisations.findByCreditCode("91440300708461136T")).isEmpty();
  }

  @Test
  void aBodyThatIsNotUtf8IsA400AndRegistersNothing() {
    // "某公司" followed by ED A0 80, a surrogate encoded as if it were a character: no UTF-8
    byte[] start = "{\"creditCode\":\"91440300708461136T\",\"kind\":\"ENTERPRISE\",\"name\":\"某公司"
        .getBytes(StandardCharsets.UTF_8);
    byte[] end = "\"}".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[start.length + 3 + end.length];
    System.arraycopy(start, 0, body, 0, start.length);
    body[start.length] = (byte) 0xED;
    body[start.length + 1] = (byte) 0xA0;
    body[start.length + 2] = (byte) 0x80;
    System.arraycopy(end, 0, body, start.length + 3, end.length);
    RawHttp.Answer answer = RawHttp.send(port, "POST", "/api/developers", "zhangwei",
        Map.of("Content-Type", "application/json"), body);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("errors").get("body").asText()).contains("UTF-8");
    assertThat(organisations.findByCreditCode("91440300708461136T")).isEmpty();
  }

  @Test
  void onlyTheBureauRegistersDevelopers() {
    long before = organisations.count();
    ResponseEntity<JsonNode> response = http.withBasicAuth("greentravel", "demo").postForEntity("/api/developers",
        Map.of("creditCode", "91440300708461136T", "name", "某公司", "kind", "ENTERPRISE"), JsonNode.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(response.getBody().get("status").asInt()).isEqualTo(403);
    assertThat(organisations.count()).isEqualTo(before);
  }

  @Test
  void theBureauRegistersADeveloperOnceAndADoubleSubmitIsAConflict() {
    Map<String, String> request = Map.of("creditCode", "91110000600037341L", "name", "北京示例能源有限公司",
        "kind", "ENTERPRISE", "contactEmail", "contact@energy.example");
    ResponseEntity<JsonNode> first = http.withBasicAuth("zhangwei", "demo")
        .postForEntity("/api/developers", request, JsonNode.class);
    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(first.getHeaders().getLocation().getPath()).isEqualTo("/api/developers/" + first.getBody().get("id"));
    ResponseEntity<JsonNode> second = http.withBasicAuth("zhangwei", "demo")
        .postForEntity("/api/developers", request, JsonNode.class);
    assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(organisations.findByCreditCode("91110000600037341L")).isPresent();
  }

  @Test
  void unknownIdsAre404() {
    ResponseEntity<JsonNode> response = http.withBasicAuth("zhangwei", "demo")
        .getForEntity("/api/developers/999999", JsonNode.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(response.getBody().get("status").asInt()).isEqualTo(404);
  }

  @Test
  void aNonDeveloperAccountHasNoOwnOrganisation() {
    assertThat(http.withBasicAuth("wangfang", "demo").getForEntity("/api/developers/me", JsonNode.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }
}
