package cn.beijing.carboninclusion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/** Security headers on every kind of page the platform serves: the API, the portal, the webapps, the probes. */
class SecurityHeadersTest extends PlatformIntegrationTest {
  @Autowired TestRestTemplate http;

  @Test
  void everyAnswerCarriesTheBrowsersSecurityHeaders() {
    for (String path : List.of("/api/public/projects", "/api/projects", "/portal", "/camunda/app/tasklist/",
        "/actuator/health")) {
      HttpHeaders headers = http.getForEntity(path, String.class).getHeaders();
      assertThat(headers.getFirst("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
      assertThat(headers.getFirst("Referrer-Policy")).as(path).isEqualTo("strict-origin-when-cross-origin");
      assertThat(headers.getFirst("X-Frame-Options")).as(path).isIn("DENY", "SAMEORIGIN");
    }
  }

  @Test
  void jsonAnswersAreNeverFramedNorCachedAndLoadNothing() {
    HttpHeaders publicList = http.getForEntity("/api/public/projects", String.class).getHeaders();
    assertThat(publicList.getFirst("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
    HttpHeaders authenticated = http.withBasicAuth("greentravel", "demo").getForEntity("/api/projects", String.class)
        .getHeaders();
    assertThat(authenticated.getCacheControl()).contains("no-store");
    assertThat(authenticated.getFirst("X-Frame-Options")).isEqualTo("DENY");
  }

  @Test
  void thePortalAllowsOnlyItsOwnResourcesAndNoFraming() {
    String csp = http.getForEntity("/portal", String.class).getHeaders().getFirst("Content-Security-Policy");
    assertThat(csp).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline");
  }

  @Test
  void authenticatedAnswersOfTheApiAndTheEngineAreNeverStored() {
    // answers with personal and confidential data, refusals, and engine answers, for signed-in callers
    Map<String, String> asUser = new LinkedHashMap<>();
    asUser.put("/api/projects", "greentravel");
    asUser.put("/api/access-log", "zhangwei");
    asUser.put("/api/kpi", "zhangwei");
    asUser.put("/api/access-log?page=-1", "zhangwei");
    asUser.put("/api/projects/999999999", "greentravel");
    asUser.put("/api/access-log?size=1", "greentravel");
    asUser.put("/engine-rest/task", "wangfang");
    asUser.put("/engine-rest/user?id=lina", "admin");
    asUser.put("/engine-rest/process-instance/no-such-instance", "wangfang");
    asUser.forEach((path, user) -> {
      ResponseEntity<String> answer = http.withBasicAuth(user, "demo").getForEntity(path, String.class);
      assertNeverStored(path + " as " + user + " (" + answer.getStatusCode().value() + ")", answer.getHeaders());
    });
    for (String path : List.of("/api/projects", "/engine-rest/task")) {
      ResponseEntity<String> anonymous = http.getForEntity(path, String.class);
      assertThat(anonymous.getStatusCode().value()).as(path).isEqualTo(401);
      assertNeverStored(path + " anonymous", anonymous.getHeaders());
      // an account that does not exist: a wrong password for a real one would delay its next login (engine)
      ResponseEntity<String> wrongPassword = http.withBasicAuth("no-such-account", "wrong").getForEntity(path,
          String.class);
      assertNeverStored(path + " unknown account", wrongPassword.getHeaders());
    }
  }

  @Test
  void thePortalsStylesheetStaysCacheableByAnyone() {
    ResponseEntity<String> css = http.getForEntity("/portal/portal.css", String.class);
    assertThat(css.getStatusCode().value()).isEqualTo(200);
    assertThat(css.getHeaders().getCacheControl()).contains("public", "max-age=").doesNotContain("no-store",
        "private");
    assertThat(css.getHeaders().getFirst("Pragma")).isNull();
  }

  private static void assertNeverStored(String what, HttpHeaders headers) {
    assertThat(headers.getCacheControl()).as(what).contains("no-store").doesNotContain("public");
    assertThat(headers.getFirst("Pragma")).as(what).isEqualTo("no-cache");
  }
}
