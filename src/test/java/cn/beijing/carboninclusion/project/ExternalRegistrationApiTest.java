package cn.beijing.carboninclusion.project;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.support.CsvUpload;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.MultiValueMap;

/**
 * {@code POST /api/external-registrations} and {@code GET /api/external-registrations/imports} over real HTTP on
 * PostgreSQL: the technical center imports a list as a new version; a bad line is a 400 naming the line and column,
 * and nothing of that file is stored; only the technical center imports, the technical center and the bureau read.
 */
class ExternalRegistrationApiTest extends PlatformIntegrationTest {
  static final String HEADER = "source,external_id,name,district,address,latitude,longitude,registered_on\n";

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theTechnicalCenterImportsAListAsTheNextVersionAndTheBureauReadsIt() {
    String n = unique();
    String csv = "\uFEFF" + HEADER
        + "CCER,CCER-11-2024-" + n + ",\"延庆区风电场，二期\",延庆区,八达岭镇 " + n + " 号,40.3612,115.9801,2024-08-16\r\n"
        + "\n"
        + "verra,VCS " + n + ",Fangshan Biogas,房山区,窦店镇 " + n + " 号,,,2023-05-10\n"
        + "CN-GD,GD-" + n + ",广州公共自行车,天河区,天河路 " + n + " 号,23.1322,113.3275,2024-03-01\n";
    int versionsBefore = versions();
    ResponseEntity<JsonNode> imported = post("wangfang", csv, "全国温室气体自愿减排注册登记系统等清单", "2025-06-30");

    assertThat(imported.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode body = imported.getBody();
    assertThat(body.get("version").asInt()).isEqualTo(versionsBefore + 1);
    assertThat(body.get("rows").asInt()).isEqualTo(3);
    assertThat(body.get("listDate").asText()).isEqualTo("2025-06-30");
    assertThat(body.get("origin").asText()).isEqualTo("全国温室气体自愿减排注册登记系统等清单");
    assertThat(body.get("sha256").asText()).hasSize(64);
    assertThat(body.get("importedBy").asText()).isEqualTo("wangfang");
    assertThat(body.get("sources").toString()).contains("\"CCER\":1", "\"VERRA\":1", "\"CN-GD\":1");
    assertThat(jdbc.queryForObject("select name from external_registration where external_id = ?", String.class,
        "CCER-11-2024-" + n)).isEqualTo("延庆区风电场，二期");
    // another province's registry: its sites lie in that province, so its address is qualified by the province
    assertThat(jdbc.queryForObject("select site_key from external_registration where external_id = ?", String.class,
        "GD-" + n)).isEqualTo("CN-GD/天河|天河路" + n + "号");

    ResponseEntity<JsonNode> page = http.withBasicAuth("zhangwei", "demo")
        .getForEntity("/api/external-registrations/imports?page=0&size=1", JsonNode.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getHeaders().getFirst("X-Total-Count")).isEqualTo(String.valueOf(versionsBefore + 1));
    assertThat(page.getBody()).hasSize(1);
    assertThat(page.getBody().get(0).get("version").asInt()).isEqualTo(versionsBefore + 1);
  }

  @Test
  void aBadLineIsA400NamingItsLineAndColumnAndNothingOfTheFileIsStored() {
    String n = unique();
    String csv = HEADER
        + "CCER,CCER-A-" + n + ",好的一行,海淀区,测试路 1 号,39.9,116.3,2024-01-01\n"
        + "CN-BJ,BJ-" + n + ",北京本市项目,海淀区,测试路 2 号,,,2024-01-01\n"
        + "VERRA,VCS-" + n + ",坐标有误,海淀区,测试路 3 号,95.1,116.3,2024-01-01\n"
        + "GOLD_STANDARD,GS-" + n + ",日期有误,海淀区,测试路 4 号,39.9,,2024-13-01\n"
        + "MARS,M-" + n + ",,海淀区,测试路 5 号,,,2030-01-01\n"
        + "CCER,ccer a " + n + ",与第二行重复,海淀区,测试路 6 号,,,2024-01-01\n";
    long rowsBefore = rows();
    int versionsBefore = versions();

    ResponseEntity<JsonNode> refused = post("wangfang", csv, "测试清单", "2025-06-30");

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    JsonNode errors = refused.getBody().get("errors");
    assertThat(errors.get("line 3: source").asText()).contains("北京市的项目在本平台登记");
    assertThat(errors.get("line 4: latitude").asText()).contains("-90 至 90");
    assertThat(errors.get("line 5: longitude").asText()).contains("同时给出");
    assertThat(errors.get("line 5: registered_on").asText()).contains("不是 ISO 日期");
    assertThat(errors.get("line 6: source").asText()).contains("不是可导入的来源");
    assertThat(errors.get("line 6: name").asText()).contains("必填");
    assertThat(errors.get("line 6: registered_on").asText()).contains("晚于清单日期");
    assertThat(refused.getBody().get("detail").asText()).contains("整个文件未导入");
    assertThat(rows()).isEqualTo(rowsBefore);
    assertThat(versions()).isEqualTo(versionsBefore);

    // the same registration twice (identifiers compared as the duplicate check compares them) names the later line
    ResponseEntity<JsonNode> twice = post("wangfang", HEADER
        + "CCER,CCER-A-" + n + ",好的一行,海淀区,测试路 1 号,39.9,116.3,2024-01-01\n"
        + "CCER,ccer a " + n + ",同一登记,海淀区,测试路 6 号,,,2024-01-01\n", "测试清单", "2025-06-30");
    assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(twice.getBody().get("errors").get("line 3: external_id").asText()).contains("与第 2 行");
    assertThat(rows()).isEqualTo(rowsBefore);
    assertThat(versions()).isEqualTo(versionsBefore);
  }

  @Test
  void aFileWithoutItsColumnsOrDataAndAnImportWithoutItsOriginOrDateAreRefused() {
    long rowsBefore = rows();
    ResponseEntity<JsonNode> noColumn = post("wangfang", "source,external_id,name,district,address\nCCER,x,y,海淀区,z\n",
        "测试清单", "2025-06-30");
    assertThat(noColumn.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noColumn.getBody().get("errors").has("line 1: registered_on")).isTrue();

    ResponseEntity<JsonNode> empty = post("wangfang", HEADER, "测试清单", "2025-06-30");
    assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(empty.getBody().get("errors").has("line 1: file")).isTrue();

    ResponseEntity<JsonNode> undated = post("wangfang", HEADER + "CCER,CCER-" + unique()
        + ",名称,海淀区,测试路,,,2024-01-01\n", "  ", "2999-01-01");
    assertThat(undated.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(undated.getBody().get("errors").has("origin")).isTrue();
    assertThat(undated.getBody().get("errors").has("listDate")).isTrue();
    assertThat(rows()).isEqualTo(rowsBefore);
  }

  @Test
  void onlyTheTechnicalCenterImportsAndOnlyItAndTheBureauReadTheImports() {
    String csv = HEADER + "CCER,CCER-" + unique() + ",名称,海淀区,测试路,,,2024-01-01\n";
    long rowsBefore = rows();
    for (String user : new String[] {"zhangwei", "greentravel", "chenjing", "expertgao", "admin"}) {
      assertThat(post(user, csv, "测试清单", "2025-06-30").getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(http.postForEntity("/api/external-registrations", multipart(csv, "测试清单", "2025-06-30"),
        JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rows()).isEqualTo(rowsBefore);
    for (String user : new String[] {"greentravel", "chenjing", "expertgao", "admin"}) {
      assertThat(http.withBasicAuth(user, "demo").exchange("/api/external-registrations/imports", HttpMethod.GET,
          null, JsonNode.class).getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(http.withBasicAuth("wangfang", "demo").getForEntity("/api/external-registrations/imports",
        JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  private ResponseEntity<JsonNode> post(String user, String csv, String origin, String listDate) {
    return http.withBasicAuth(user, "demo").postForEntity("/api/external-registrations",
        multipart(csv, origin, listDate), JsonNode.class);
  }

  private static HttpEntity<MultiValueMap<String, Object>> multipart(String csv, String origin, String listDate) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("origin", origin);
    fields.put("listDate", listDate);
    return CsvUpload.of("registrations.csv", csv, fields);
  }

  private long rows() {
    return jdbc.queryForObject("select count(*) from external_registration", Long.class);
  }

  private int versions() {
    return jdbc.queryForObject("select count(*) from external_registration_import where version is not null",
        Integer.class);
  }

  /** A number no other test uses (in identifiers and addresses). */
  private static String unique() {
    return String.valueOf(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
  }
}
