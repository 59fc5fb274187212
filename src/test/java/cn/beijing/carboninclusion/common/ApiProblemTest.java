package cn.beijing.carboninclusion.common;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import cn.beijing.carboninclusion.support.RawHttp;
import cn.beijing.carboninclusion.support.RawHttp.Answer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Refusals made before an operation of the platform API reads its input — by the connector, by the firewall, for
 * the media-type headers, for a form body the firewall refuses — are RFC 9457 problems like the operations' own
 * (found by fuzz.OpenApiFuzzTest: HTML error pages, empty 400s, and 500s).
 */
class ApiProblemTest extends PlatformIntegrationTest {
  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  @Test
  void anEncodedNulOrSlashInThePathIsAProblemOfTheConnectorNotAnHtmlPage() {
    for (String path : new String[] {"/api/projects/%00", "/api/public/registry/serials/a%2Fb"}) {
      Answer answer = RawHttp.send(port, "GET", path, "wangfang", Map.of(), null);
      assertThat(answer.status()).as(path).isEqualTo(400);
      assertThat(answer.problem()).as(path + ": " + answer.contentType()).isTrue();
      assertThat(answer.json().get("status").asInt()).isEqualTo(400);
      assertThat(answer.json().get("title").asText()).isNotBlank();
      assertThat(answer.body()).doesNotContain("<html", "Tomcat");
    }
  }

  @Test
  void whatTheFirewallRefusesIsAProblem() {
    for (String path : new String[] {"/api/projects/%2e%2e/changes", "/api/projects//withdrawal",
        "/api/projects/1;x=y/changes"}) {
      Answer answer = RawHttp.send(port, "GET", path, "wangfang", Map.of(), null);
      assertThat(answer.status()).as(path).isEqualTo(400);
      assertThat(answer.problem()).as(path + ": " + answer.contentType()).isTrue();
      assertThat(answer.json().get("title").asText()).isNotBlank();
    }
    Answer method = RawHttp.send(port, "FOO", "/api/projects", "wangfang", Map.of(), null);
    assertThat(method.status()).isEqualTo(405);
    assertThat(method.problem()).as(method.contentType()).isTrue();
  }

  @Test
  void anAcceptHeaderThatDoesNotParseIsA400NamingItNotAnEmptyAnswer() {
    Answer read = RawHttp.send(port, "GET", "/api/public/projects?status=-1", null, Map.of("Accept", "garbage"),
        null);
    assertThat(read.status()).isEqualTo(400);
    assertThat(read.problem()).as(read.contentType()).isTrue();
    assertThat(read.json().get("errors").has("Accept")).isTrue();
    Answer write = RawHttp.send(port, "POST", "/api/projects/1/cancellation-requests", "greentravel",
        Map.of("Accept", "application/json;q=x", "Content-Type", "application/json"),
        "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(write.status()).isEqualTo(400);
    assertThat(write.json().get("errors").has("Accept")).isTrue();
  }

  @Test
  void aPathVariableOfTheWrongTypeOrAMissingPartIsA400NamingIt() {
    Answer id = RawHttp.send(port, "GET", "/api/projects/abc", "wangfang", Map.of(), null);
    assertThat(id.status()).isEqualTo(400);
    assertThat(id.json().get("errors").has("id")).isTrue();
    Answer part = RawHttp.send(port, "POST", "/api/projects/1/supplements", "greentravel",
        Map.of("Content-Type", "multipart/form-data; boundary=b5"), RawHttp.multipart("b5", "\r\n",
            RawHttp.Part.of("Content-Disposition: form-data; name=\"other\"", "x")));
    assertThat(part.status()).isEqualTo(400);
    assertThat(part.json().get("errors").has("note")).isTrue();
  }

  @Test
  void aContentTypeWithAWildcardIsA415NamingItNotA500() {
    long declarations = jdbc.queryForObject("select count(*) from conflict_declaration", Long.class);
    for (String type : new String[] {"*/*", "application/*+json", "application/*"}) {
      Answer answer = RawHttp.send(port, "POST", "/api/conflicts", "wangfang", Map.of("Content-Type", type),
          "{\"developerId\":1,\"reason\":\"与该开发方存在亲属关系\"}".getBytes(StandardCharsets.UTF_8));
      assertThat(answer.status()).as(type).isEqualTo(415);
      assertThat(answer.problem()).isTrue();
      assertThat(answer.json().get("errors").has("Content-Type")).isTrue();
    }
    assertThat(jdbc.queryForObject("select count(*) from conflict_declaration", Long.class)).isEqualTo(declarations);
  }

  @Test
  void aFormBodyOnAMethodNoOperationHasIsA405NotA500() {
    // a PUT with a form content type was parsed (and failed, 500) before any operation was chosen
    Answer answer = RawHttp.send(port, "PUT", "/api/projects/1/supplements", "wangfang",
        Map.of("Content-Type", "application/x-www-form-urlencoded"),
        "note=%PDF-1.4&x=%zz".getBytes(StandardCharsets.UTF_8));
    assertThat(answer.status()).isEqualTo(405);
  }

  @Test
  void aFormBodyWhoseParameterTheFirewallRefusesIsA400NotA500() {
    long declarations = jdbc.queryForObject("select count(*) from conflict_declaration", Long.class);
    Answer answer = RawHttp.send(port, "POST", "/api/conflicts", "wangfang",
        Map.of("Content-Type", "application/x-www-form-urlencoded"),
        "{\"developerId\":1,\"reason\":\"a\u0012b\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.problem()).as(answer.contentType()).isTrue();
    assertThat(answer.json().get("errors").has("body")).isTrue();
    assertThat(jdbc.queryForObject("select count(*) from conflict_declaration", Long.class)).isEqualTo(declarations);
  }

  @Test
  void aRefusalBeforeAnyControllerIsAProblemWhateverTheClientAccepts() {
    // found by fuzz.OpenApiFuzzTest: the container's error page answered 404/405/406/415 as Spring's JSON, as an HTML
    // page, or with no body at all
    Answer missing = RawHttp.send(port, "GET", "/api/public/nothing-here", null, Map.of("Accept", "image/png"), null);
    Answer method = RawHttp.send(port, "DELETE", "/api/public/projects", null, Map.of("Accept", "text/html"), null);
    Answer type = RawHttp.send(port, "POST", "/api/conflicts", "wangfang", Map.of("Content-Type", "text/plain"),
        "x".getBytes(StandardCharsets.UTF_8));
    Answer format = RawHttp.send(port, "GET", "/api/public/projects", null, Map.of("Accept", "image/png"), null);
    for (Answer answer : new Answer[] {missing, method, type, format}) {
      assertThat(answer.problem()).as(answer.status() + " " + answer.contentType() + " " + answer.body()).isTrue();
      assertThat(answer.json().get("status").asInt()).isEqualTo(answer.status());
      assertThat(answer.json().get("title").asText()).isNotBlank();
      assertThat(answer.body()).doesNotContain("Exception", "trace");
    }
    assertThat(missing.status()).isEqualTo(404);
    assertThat(method.status()).isEqualTo(405);
    assertThat(type.status()).isEqualTo(415);
    assertThat(format.status()).isEqualTo(406);
  }

  @Test
  void aTextOfIdeographicOrInvisibleSpacesIsBlank() {
    // found by fuzz.OpenApiFuzzTest: a reason of full-width spaces passed @NotBlank (it trims ASCII only)
    long declarations = jdbc.queryForObject("select count(*) from conflict_declaration", Long.class);
    for (String reason : new String[] {"\u3000\u3000", "\u00a0\u200b\u2003", "\t\n"}) {
      Answer answer = RawHttp.send(port, "POST", "/api/conflicts", "wangfang",
          Map.of("Content-Type", "application/json"), ("{\"developerId\":1,\"reason\":\"" + reason + "\"}")
              .getBytes(StandardCharsets.UTF_8));
      assertThat(answer.status()).as(answer.body()).isEqualTo(400);
      assertThat(answer.json().get("errors").has("reason")).as(answer.body()).isTrue();
    }
    assertThat(jdbc.queryForObject("select count(*) from conflict_declaration", Long.class)).isEqualTo(declarations);
    assertThat(VisibleText.blank("\u3000意见\u3000")).isFalse();
    assertThat(VisibleText.blank("\u3000\ufeff")).isTrue();
  }
}
