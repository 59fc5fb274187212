package cn.beijing.carboninclusion.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** A deployment as Camunda Modeler sends it: {@code POST /engine-rest/deployment/create}, one resource, multipart. */
public final class ModelerDeployment {

  /** Deploys {@code xml} as {@code resource} as {@code user} (password {@code demo}; no credentials when null). */
  public static ResponseEntity<JsonNode> deploy(TestRestTemplate http, String user, String deploymentName,
      String resource, String xml) {
    return deploy(http, user, deploymentName, Map.of(resource, xml));
  }

  /** Deploys several resources in one deployment (a model with the forms attached in the Modeler's deploy dialog). */
  public static ResponseEntity<JsonNode> deploy(TestRestTemplate http, String user, String deploymentName,
      Map<String, String> resources) {
    MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
    body.add("deployment-name", deploymentName);
    body.add("deployment-source", "Camunda Modeler");
    resources.forEach((resource, content) -> {
      HttpHeaders fileHeaders = new HttpHeaders();
      fileHeaders.setContentType(resource.endsWith(".form") ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_XML);
      body.add(resource, new HttpEntity<>(new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
        @Override
        public String getFilename() {
          return resource;
        }
      }, fileHeaders));
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    TestRestTemplate client = user == null ? http : http.withBasicAuth(user, "demo");
    return client.postForEntity("/engine-rest/deployment/create", new HttpEntity<>(body, headers), JsonNode.class);
  }

  private ModelerDeployment() {}
}
