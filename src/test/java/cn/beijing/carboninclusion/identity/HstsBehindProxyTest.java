package cn.beijing.carboninclusion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * HSTS as docs/operations.md describes it for a platform behind a TLS-terminating proxy
 * ({@code server.forward-headers-strategy=native}): an answer to a request the proxy received over HTTPS
 * ({@code X-Forwarded-Proto: https}) carries {@code Strict-Transport-Security}, on every kind of path; an answer over
 * plain HTTP does not (browsers ignore it there).
 *
 * <p>Its context is closed after it, which unregisters its engine from Camunda's process-wide registry: the build runs
 * it in a JVM of its own (surefire execution {@code own-context}, pom.xml).
 */
@TestPropertySource(properties = "server.forward-headers-strategy=native")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HstsBehindProxyTest extends PlatformIntegrationTest {
  @Autowired TestRestTemplate http;

  @Test
  void answersToHttpsRequestsCarryHstsAndPlainHttpAnswersDoNot() {
    for (String path : List.of("/portal", "/api/public/projects", "/api/projects", "/engine-rest/task",
        "/v3/api-docs", "/actuator/health")) {
      HttpHeaders viaHttps = new HttpHeaders();
      viaHttps.set("X-Forwarded-Proto", "https");
      HttpHeaders secure = http.exchange(path, HttpMethod.GET, new HttpEntity<>(viaHttps), String.class).getHeaders();
      assertThat(secure.getFirst("Strict-Transport-Security")).as(path + " via HTTPS")
          .contains("max-age=31536000", "includeSubDomains");
      assertThat(http.getForEntity(path, String.class).getHeaders().getFirst("Strict-Transport-Security"))
          .as(path + " over plain HTTP").isNull();
    }
  }
}
