package cn.beijing.carboninclusion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;

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
}
