package cn.beijing.carboninclusion.registry;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.developer.DeveloperOrganisations;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import cn.beijing.carboninclusion.support.Race;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The list of the Beijing ETS's covered entities and the ETS offsets that name them by credit code, over real HTTP on
 * PostgreSQL: a bad line refuses the file naming line and column; a re-import is a new version whose emissions apply;
 * an unlisted or invalid credit code is refused; the 5% limit is computed from the listed emissions, per credit code,
 * whatever the client declares, and holds under concurrent offsets; who may import and read.
 */
class EtsCoveredEntityApiTest extends PlatformIntegrationTest {
  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired Registry registry;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired DeveloperOrganisations organisations;
  RegistryFixture fixture;

  @BeforeEach
  void fixture() {
    fixture = new RegistryFixture(registry, transactionManager, organisations);
  }

  // ------------------------------------------------------------------ the import

  @Test
  void aBadLineIsA400NamingItsLineAndColumnAndNothingOfTheFileIsStored() {
    String good = EtsLists.newCode();
    String csv = good + ",北京某热电有限公司,2025,1000\n"
        + EtsLists.withWrongCheck(EtsLists.newCode()) + ",校验位有误,2025,1000\n"
        + EtsLists.newCode() + ",排放量为零,2025,0\n"
        + EtsLists.newCode() + ",排放量为负,2025,-5\n"
        + EtsLists.newCode() + ",年度有误,2O25,100\n"
        + EtsLists.newCode() + ",年度过早,1999,100\n"
        + good + ",与第二行重复,2025,2000\n"
        + "\n"
        + good + ",同一单位另一年度,2024,2000\n";
    long rowsBefore = rows();
    long versionsBefore = versions();

    ResponseEntity<JsonNode> refused = EtsLists.importList(http, "zhangwei", csv, "测试名单", "2025-06-30");

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    JsonNode errors = refused.getBody().get("errors");
    assertThat(errors.get("line 3: credit_code").asText()).contains("校验位");
    assertThat(errors.get("line 4: verified_emissions").asText()).contains("大于 0");
    assertThat(errors.get("line 5: verified_emissions").asText()).contains("大于 0");
    assertThat(errors.get("line 6: compliance_year").asText()).contains("四位年份");
    assertThat(errors.get("line 7: compliance_year").asText()).contains("2013");
    assertThat(errors.get("line 8: credit_code").asText()).contains("与第 2 行");
    assertThat(errors.size()).isEqualTo(6);
    assertThat(refused.getBody().get("detail").asText()).contains("整个文件未导入");
    assertThat(rows()).isEqualTo(rowsBefore);
    assertThat(versions()).isEqualTo(versionsBefore);

    ResponseEntity<JsonNode> noColumn = http.withBasicAuth("zhangwei", "demo").postForEntity(
        "/api/ets-covered-entities/imports", EtsLists.multipart("credit_code,name,compliance_year\n" + good
            + ",某单位,2025\n", "测试名单", "2025-06-30"), JsonNode.class);
    assertThat(noColumn.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noColumn.getBody().get("errors").has("line 1: verified_emissions")).isTrue();
    ResponseEntity<JsonNode> empty = EtsLists.importList(http, "zhangwei", "", "测试名单", "2025-06-30");
    assertThat(empty.getBody().get("errors").has("line 1: file")).isTrue();
    ResponseEntity<JsonNode> undated = EtsLists.importList(http, "zhangwei", good + ",某单位,2025,1\n", " ",
        "2999-01-01");
    assertThat(undated.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(undated.getBody().get("errors").fieldNames()).toIterable().containsExactlyInAnyOrder("source",
        "listDate");
    assertThat(rows()).isEqualTo(rowsBefore);
    assertThat(versions()).isEqualTo(versionsBefore);
  }

  @Test
  void aLongListIsWrittenInBatchesAndARepetitionAcrossBatchesIsFound() {
    StringBuilder csv = new StringBuilder();
    String first = null;
    for (int i = 0; i < 1200; i++) {
      String code = EtsLists.newCode();
      first = first == null ? code : first;
      csv.append(code).append(",北京某单位").append(i).append(",2017,").append(1000 + i).append('\n');
    }
    long rowsBefore = rows();
    // line 1202 repeats line 2: they are in different batches of the import (500 lines a batch)
    ResponseEntity<JsonNode> repeated = EtsLists.importList(http, "zhangwei", csv + first + ",重复,2017,5\n"
        + EtsLists.newCode() + ",最后一行,2017,5\n", "测试名单", "2025-06-30");
    assertThat(repeated.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(repeated.getBody().get("errors").size()).isOne();
    assertThat(repeated.getBody().get("errors").get("line 1202: credit_code").asText()).contains("与第 2 行");
    assertThat(rows()).isEqualTo(rowsBefore);

    JsonNode taken = EtsLists.imported(http, csv.toString());
    assertThat(taken.get("rows").asInt()).isEqualTo(1200);
    assertThat(taken.get("years").toString()).isEqualTo("[2017]");
    assertThat(rows()).isEqualTo(rowsBefore + 1200);
    assertThat(get("zhangwei", "/api/ets-covered-entities?year=2017&size=1").getHeaders().getFirst("X-Total-Count"))
        .isEqualTo("1200");
  }

  @Test
  void aReimportIsANewVersionAndItsEmissionsApplyTheOldVersionIsKept() {
    RegistryFixture.Issued issued = fixture.issueNew(RegistryFixture.GREENTRAVEL, 300);
    String code = EtsLists.newCode();
    JsonNode first = EtsLists.imported(http, code + ",北京某热电有限公司,2024,1000\n");
    assertThat(first.get("years").toString()).isEqualTo("[2024]");
    assertThat(first.get("importedBy").asText()).isEqualTo("zhangwei");
    assertThat(first.get("sha256").asText()).hasSize(64);
    assertThat(ets("greentravel", issued, code, 2024, 50).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(ets("greentravel", issued, code, 2024, 1).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

    // the verified emissions corrected: a new version, in force for 2024 from now on
    JsonNode second = EtsLists.imported(http, code + ",北京某热电有限公司,2024,2000\n");
    assertThat(second.get("version").asInt()).isEqualTo(first.get("version").asInt() + 1);
    JsonNode listed = get("wangfang", "/api/ets-covered-entities?creditCode=" + code + "&year=2024").getBody();
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("verifiedEmissions").decimalValue()).isEqualByComparingTo("2000");
    assertThat(listed.get(0).get("version").asInt()).isEqualTo(second.get("version").asInt());
    assertThat(ets("greentravel", issued, code, 2024, 50).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(ets("greentravel", issued, code, 2024, 1).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

    // the old version is kept and can be read
    JsonNode old = get("zhangwei", "/api/ets-covered-entities?creditCode=" + code + "&version="
        + first.get("version").asInt()).getBody();
    assertThat(old.get(0).get("verifiedEmissions").decimalValue()).isEqualByComparingTo("1000");
    ResponseEntity<JsonNode> imports = get("zhangwei", "/api/ets-covered-entities/imports?page=0&size=2");
    assertThat(imports.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(imports.getHeaders().getFirst("X-Total-Count")).isEqualTo(String.valueOf(versions()));
    assertThat(imports.getBody().get(0).get("version").asInt()).isEqualTo(second.get("version").asInt());
    assertThat(imports.getBody().get(1).get("version").asInt()).isEqualTo(first.get("version").asInt());
  }

  // ------------------------------------------------------------------ ETS offsets by credit code

  @Test
  void anOffsetForAnUnlistedOrInvalidCreditCodeOrAnotherNameIsA400AndRetiresNothing() {
    RegistryFixture.Issued issued = fixture.issueNew(RegistryFixture.GREENTRAVEL, 20);
    String listed = EtsLists.newCode();
    EtsLists.imported(http, listed + ",北京某数据中心有限公司,2025,1000\n");

    ResponseEntity<JsonNode> unlisted = ets("greentravel", issued, EtsLists.newCode(), 2025, 1);
    assertThat(unlisted.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unlisted.getBody().get("errors").get("coveredEntityCreditCode").asText()).contains("不在 2025",
        "not a covered entity");
    ResponseEntity<JsonNode> otherYear = ets("greentravel", issued, listed, 2019, 1);
    assertThat(otherYear.getBody().get("errors").get("coveredEntityCreditCode").asText()).contains("不在 2019");
    ResponseEntity<JsonNode> checksum = ets("greentravel", issued, EtsLists.withWrongCheck(listed), 2025, 1);
    assertThat(checksum.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(checksum.getBody().get("errors").get("coveredEntityCreditCode").asText()).contains("校验位");
    Map<String, Object> misnamed = request(issued, listed, 2025, 1);
    misnamed.put("coveredEntityName", "北京另一家有限公司");
    ResponseEntity<JsonNode> wrongName = post("greentravel", misnamed);
    assertThat(wrongName.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(wrongName.getBody().get("errors").get("coveredEntityName").asText()).contains("北京某数据中心有限公司");
    assertThat(holding("greentravel", issued)).isEqualTo(20);

    // the listed name (full-width or spaced alike), or none, and the code in lower case, are the entity
    Map<String, Object> named = request(issued, listed.toLowerCase(), 2025, 2);
    named.put("coveredEntityName", " 北京某数据中心 有限公司 ");
    ResponseEntity<JsonNode> retired = post("greentravel", named);
    assertThat(retired.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(retired.getBody().get("coveredEntityCreditCode").asText()).isEqualTo(listed);
    assertThat(retired.getBody().get("coveredEntity").asText()).isEqualTo("北京某数据中心有限公司");
  }

  @Test
  void theLimitIsFiveInHundredOfTheListedEmissionsWhateverTheClientDeclares() {
    RegistryFixture.Issued issued = fixture.issueNew(RegistryFixture.SUNROOF, 100);
    String code = EtsLists.newCode();
    EtsLists.imported(http, code + ",北京某热力有限公司,2025,1000\n");

    // a declared emission is not taken: refused, naming the field, whatever its value
    Map<String, Object> declared = request(issued, code, 2025, 51);
    declared.put("verifiedEmissions", "999999");
    ResponseEntity<JsonNode> refused = post("sunroof", declared);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().get("errors").get("verifiedEmissions").asText()).contains("取自重点碳排放单位名单");
    // 5% of the listed 1000 tCO2e: 51 refused, 50 allowed
    ResponseEntity<JsonNode> above = ets("sunroof", issued, code, 2025, 51);
    assertThat(above.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(above.getBody().get("detail").asText()).contains("0.05 × 1000", "= 50", code);
    ResponseEntity<JsonNode> allowed = ets("sunroof", issued, code, 2025, 50);
    assertThat(allowed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(holding("sunroof", issued)).isEqualTo(50);

    // the journal entry and the public serial history carry the credit code; the emissions stay private
    long entryId = allowed.getBody().get("journal").get("entryId").asLong();
    JsonNode entry = http.getForObject("/api/public/registry/journal?afterId=" + (entryId - 1) + "&limit=1",
        JsonNode.class).get(0);
    assertThat(entry.get("payload").asText()).contains("beneficiary=北京某热力有限公司",
        "coveredEntityCreditCode=" + code, "complianceYear=2025").doesNotContain("1000", "verifiedEmissions");
    JsonNode history = http.getForObject("/api/public/registry/serials/" + allowed.getBody().get("blocks").get(0)
        .get("serialRange").asText(), JsonNode.class);
    assertThat(history.get("history").findValuesAsText("beneficiaryCreditCode"))
        .filteredOn(v -> !v.equals("null")).containsExactly(code);
    assertThat(jdbc.queryForObject("select credit_code from registry_ets_offset where credit_code = ?",
        String.class, code)).isEqualTo(code);
  }

  @Test
  void twoEntitiesOfTheSameNameButDifferentCreditCodesHaveSeparateLimits() {
    RegistryFixture.Issued issued = fixture.issueNew(RegistryFixture.GREENTRAVEL, 200);
    String first = EtsLists.newCode();
    String second = EtsLists.newCode();
    EtsLists.imported(http, first + ",北京同名热电有限公司,2025,1000\n" + second + ",北京同名热电有限公司,2025,1000\n");
    assertThat(ets("greentravel", issued, first, 2025, 50).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(ets("greentravel", issued, second, 2025, 50).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(ets("greentravel", issued, first, 2025, 1).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(ets("greentravel", issued, second, 2025, 1).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(holding("greentravel", issued)).isEqualTo(100);
  }

  @Test
  void concurrentOffsetsForOneEntityNeverExceedItsLimit() throws Exception {
    RegistryFixture.Issued a = fixture.issueNew(RegistryFixture.GREENTRAVEL, 40);
    RegistryFixture.Issued b = fixture.issueNew(RegistryFixture.SUNROOF, 40);
    String code = EtsLists.newCode();
    EtsLists.imported(http, code + ",北京某发电有限公司,2025,1000\n");
    List<HttpStatus> outcomes = Race.of(2, i -> i == 0 ? ets("greentravel", a, code, 2025, 30)
        : ets("sunroof", b, code, 2025, 30));
    assertThat(outcomes).containsExactlyInAnyOrder(HttpStatus.CREATED, HttpStatus.CONFLICT);
    assertThat(jdbc.queryForObject("select offset_total from registry_ets_offset where credit_code = ?", Long.class,
        code)).isEqualTo(30);
  }

  // ------------------------------------------------------------------ who may

  @Test
  void theBureauAndTheTechnicalCenterImportAndReadDevelopersAndTheExchangeLookUpByCreditCode() {
    String code = EtsLists.newCode();
    String csv = code + ",北京某化工有限公司,2018,3000\n";
    long rowsBefore = rows();
    for (String user : new String[] {"greentravel", "chenjing", "expertgao", "admin"}) {
      assertThat(EtsLists.importList(http, user, csv, "测试名单", "2025-06-30").getStatusCode()).as(user)
          .isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(http.postForEntity("/api/ets-covered-entities/imports", EtsLists.multipart(EtsLists.HEADER + csv,
        "测试名单", "2025-06-30"), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rows()).isEqualTo(rowsBefore);
    assertThat(EtsLists.importList(http, "wangfang", csv, "测试名单", "2025-06-30").getStatusCode())
        .isEqualTo(HttpStatus.CREATED);

    assertThat(get("zhangwei", "/api/ets-covered-entities?creditCode=&year=2018").getBody()
        .findValuesAsText("creditCode")).contains(code);
    // the demo's list (version 1, example entities) is kept whatever was imported since
    assertThat(get("zhangwei", "/api/ets-covered-entities?version=1&creditCode=91110105MA01B0001R&year=2025")
        .getBody().get(0).get("name").asText()).contains("示例");
    for (String user : new String[] {"greentravel", "chenjing"}) {
      ResponseEntity<JsonNode> browse = get(user, "/api/ets-covered-entities?year=2018");
      assertThat(browse.getStatusCode()).as(user).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(browse.getBody().get("errors").has("creditCode")).isTrue();
      JsonNode one = get(user, "/api/ets-covered-entities?creditCode=" + code).getBody();
      assertThat(one).hasSize(1);
      assertThat(one.get(0).get("name").asText()).isEqualTo("北京某化工有限公司");
      assertThat(get(user, "/api/ets-covered-entities/imports").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(get("zhangwei", "/api/ets-covered-entities?creditCode=" + EtsLists.withWrongCheck(code))
        .getBody().get("errors").get("creditCode").asText()).contains("校验位");
    for (String user : new String[] {"expertgao", "admin"}) {
      assertThat(get(user, "/api/ets-covered-entities?creditCode=" + code).getStatusCode()).as(user)
          .isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(http.getForEntity("/api/ets-covered-entities?creditCode=" + code, JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  // ------------------------------------------------------------------ helpers

  private ResponseEntity<JsonNode> ets(String user, RegistryFixture.Issued issued, String creditCode, int year,
      long quantity) {
    return post(user, request(issued, creditCode, year, quantity));
  }

  private static Map<String, Object> request(RegistryFixture.Issued issued, String creditCode, int year,
      long quantity) {
    return new HashMap<>(Map.of("purpose", "ETS_OFFSET", "quantity", quantity, "blockId", issued.blockId(),
        "coveredEntityCreditCode", creditCode, "complianceYear", year));
  }

  private ResponseEntity<JsonNode> post(String user, Map<String, Object> body) {
    return http.withBasicAuth(user, "demo").postForEntity("/api/registry/retirements", body, JsonNode.class);
  }

  private ResponseEntity<JsonNode> get(String user, String path) {
    return http.withBasicAuth(user, "demo").exchange(path, HttpMethod.GET, null, JsonNode.class);
  }

  private long holding(String user, RegistryFixture.Issued issued) {
    for (JsonNode block : get(user, "/api/registry/holdings").getBody().get("blocks")) {
      if (block.get("blockId").asLong() == issued.blockId()) {
        return block.get("quantity").asLong();
      }
    }
    return 0;
  }

  private long rows() {
    return jdbc.queryForObject("select count(*) from ets_covered_entity", Long.class);
  }

  private long versions() {
    return jdbc.queryForObject("select count(*) from ets_covered_entity_import where version is not null",
        Long.class);
  }
}
