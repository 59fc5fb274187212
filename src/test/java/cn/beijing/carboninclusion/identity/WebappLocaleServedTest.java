package cn.beijing.carboninclusion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The platform serves its own config.js and zh.json in place of the webjar's, where the webapps load them. */
class WebappLocaleServedTest extends PlatformIntegrationTest {
  @Autowired TestRestTemplate http;

  @Test
  void theWebappsLoadTheChineseConfigurationAndTranslation() {
    for (String app : new String[] {"tasklist", "cockpit", "admin", "welcome"}) {
      ResponseEntity<String> config = http.getForEntity("/camunda/app/" + app + "/scripts/config.js", String.class);
      assertThat(config.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(config.getBody()).contains("availableLocales: ['zh', 'en']");
      ResponseEntity<String> zh = http.getForEntity("/camunda/app/" + app + "/locales/zh.json", String.class);
      assertThat(zh.getStatusCode()).as(app).isEqualTo(HttpStatus.OK);
      assertThat(zh.getBody()).as(app).contains("\"labels\"");
    }
    assertThat(http.getForObject("/camunda/app/tasklist/locales/zh.json", String.class)).contains("认领");
    assertThat(http.getForObject("/camunda/app/cockpit/locales/zh.json", String.class)).contains("流程实例");
  }
}
