package cn.beijing.carboninclusion.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.beijing.carboninclusion.common.AuditEntry;
import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Service agencies (服务机构) over real HTTP on PostgreSQL: the authorities record them with a valid credit code, the
 * public sees them; {@link ServiceAgencies#engage} records an agency once and refuses a barred one.
 */
class ServiceAgencyApiTest extends PlatformIntegrationTest {
  @Autowired TestRestTemplate http;
  @Autowired ServiceAgencies agencies;
  @Autowired AuditTrail auditTrail;
  @Autowired IdentityService identityService;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired JdbcTemplate jdbc;

  @AfterEach
  void tearDown() {
    identityService.clearAuthentication();
  }

  @Test
  void theAuthoritiesRecordAgenciesWithAValidCreditCodeAndThePublicSeesThem() {
    String code = ProjectCases.aCreditCode();
    String name = "北京测试会计师事务所-" + UUID.randomUUID();

    ResponseEntity<JsonNode> badCode = record("wangfang", "91110105ABCDEFGHIJ", name, "AUDITOR");
    assertThat(badCode.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(badCode.getBody().get("errors").has("creditCode")).isTrue();
    ResponseEntity<JsonNode> noKind = record("wangfang", code, name, "LAWYER");
    assertThat(noKind.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noKind.getBody().get("errors").has("kind")).isTrue();
    assertThat(record("greentravel", code, name, "AUDITOR").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rows(code)).isZero();

    ResponseEntity<JsonNode> recorded = record("wangfang", code, name, "AUDITOR");
    assertThat(recorded.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(recorded.getBody().get("createdBy").asText()).isEqualTo("wangfang");
    assertThat(recorded.getBody().get("kindLabel").asText()).isEqualTo("审计机构");
    assertThat(record("zhangwei", code, "同一代码的另一名称", "VERIFIER").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(rows(code)).isOne();
    long id = recorded.getBody().get("id").asLong();
    assertThat(auditTrail.of("AGENCY", id)).extracting(AuditEntry::getAction, AuditEntry::getActor)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("RECORDED", "wangfang"));

    // the register in the order recorded, paged: the newest agency is on the last page
    ResponseEntity<JsonNode> first = http.withBasicAuth("zhangwei", "demo")
        .getForEntity("/api/agencies?size=200", JsonNode.class);
    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
    long total = Long.parseLong(first.getHeaders().getFirst("X-Total-Count"));
    assertThat(first.getBody().size()).isEqualTo((int) Math.min(total, 200));
    ResponseEntity<JsonNode> list = http.withBasicAuth("zhangwei", "demo")
        .getForEntity("/api/agencies?size=200&page=" + (total - 1) / 200, JsonNode.class);
    assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(list.getBody().findValuesAsText("creditCode")).contains(code);
    assertThat(http.withBasicAuth("zhangwei", "demo").getForObject("/api/agencies?size=1", JsonNode.class))
        .hasSize(1);
    // a developer reads the register to engage a verifier, without who recorded each agency; an expert does not
    ResponseEntity<JsonNode> asDeveloper = http.withBasicAuth("greentravel", "demo")
        .getForEntity("/api/agencies?kind=VERIFIER&size=200", JsonNode.class);
    assertThat(asDeveloper.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(asDeveloper.getBody().findValuesAsText("kind")).isNotEmpty().containsOnly("VERIFIER");
    assertThat(asDeveloper.getBody().get(0).path("createdBy").asText(null)).isNull();
    assertThat(http.withBasicAuth("expertgao", "demo").getForEntity("/api/agencies", JsonNode.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    JsonNode published = publicAgency(code);
    assertThat(published.get("name").asText()).isEqualTo(name);
    assertThat(published.get("kind").asText()).isEqualTo("AUDITOR");
    assertThat(published.get("barred").asBoolean()).isFalse();
    assertThat(published.has("createdBy")).isFalse();
  }

  @Test
  void engagingRecordsAnAgencyOnceAndRefusesABarredOne() {
    String code = ProjectCases.aCreditCode();
    String name = "北京测试核查机构-" + UUID.randomUUID();

    // as the job executor would: no authenticated user, inside a transaction of the caller's
    ServiceAgency first = inTransaction(() -> agencies.engage(code.toLowerCase(), "  " + name + " ",
        AgencyKind.VERIFIER));
    assertThat(first.getCreditCode()).isEqualTo(code);
    assertThat(first.getName()).isEqualTo(name);
    assertThat(first.getCreatedBy()).isEqualTo("system");
    ServiceAgency again = inTransaction(() -> agencies.engage(code, "另一个名称", AgencyKind.VERIFIER));
    assertThat(again.getId()).isEqualTo(first.getId());
    assertThat(again.getName()).isEqualTo(name);
    assertThat(rows(code)).isOne();

    InvalidInputException badCode = (InvalidInputException) catchThrowable(() ->
        inTransaction(() -> agencies.engage("9111010500000000I0", name, AgencyKind.AUDITOR)));
    assertThat(badCode.fieldErrors()).containsOnlyKeys("agencyCreditCode");
    InvalidInputException blankName = (InvalidInputException) catchThrowable(() ->
        inTransaction(() -> agencies.engage(ProjectCases.aCreditCode(), " ", AgencyKind.AUDITOR)));
    assertThat(blankName.fieldErrors()).containsOnlyKeys("agencyName");

    // an agency engaged by a developer account is recorded as created by it
    String other = ProjectCases.aCreditCode();
    identityService.setAuthentication("greentravel", List.of("developer"));
    assertThat(inTransaction(() -> agencies.engage(other, "开发方委托的审计机构", AgencyKind.AUDITOR)).getCreatedBy())
        .isEqualTo("greentravel");
    identityService.clearAuthentication();

    ResponseEntity<JsonNode> barred = http.withBasicAuth("zhangwei", "demo").postForEntity("/api/bars",
        Map.of("subjectKind", "AGENCY", "subjectId", first.getId(), "reason", "出具虚假核查报告"), JsonNode.class);
    assertThat(barred.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(barred.getBody().get("subjectName").asText()).isEqualTo(name);
    long barId = barred.getBody().get("id").asLong();
    Throwable refused = catchThrowable(() -> inTransaction(() -> agencies.engage(code, name, AgencyKind.VERIFIER)));
    assertThat(refused).isInstanceOf(ConflictException.class).hasMessageContaining("该服务机构已被禁入 (agency barred)");
    assertThat(agencies.isBarred(first.getId())).isTrue();
    assertThat(agencies.isBarred(code)).isTrue();
    assertThat(publicAgency(code).get("barred").asBoolean()).isTrue();
    assertThat(http.getForObject("/api/public/disclosures?size=200", JsonNode.class).findValuesAsText("kind"))
        .contains("AGENCY_BARRED");

    assertThat(http.withBasicAuth("zhangwei", "demo").postForEntity("/api/bars/" + barId + "/lift",
        Map.of("reason", "复核后撤销"), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(inTransaction(() -> agencies.engage(code, name, AgencyKind.VERIFIER)).getId()).isEqualTo(first.getId());
    assertThat(publicAgency(code).get("barred").asBoolean()).isFalse();
  }

  private ResponseEntity<JsonNode> record(String user, String code, String name, String kind) {
    return http.withBasicAuth(user, "demo").postForEntity("/api/agencies",
        Map.of("creditCode", code, "name", name, "kind", kind), JsonNode.class);
  }

  private JsonNode publicAgency(String code) {
    for (JsonNode agency : http.getForObject("/api/public/agencies?creditCode={code}", JsonNode.class, code)) {
      if (agency.get("creditCode").asText().equals(code)) {
        return agency;
      }
    }
    throw new AssertionError("agency " + code + " not on /api/public/agencies");
  }

  private long rows(String code) {
    return jdbc.queryForObject("select count(*) from service_agency where credit_code = ?", Long.class, code);
  }

  private <T> T inTransaction(Supplier<T> action) {
    return new TransactionTemplate(transactionManager).execute(status -> action.get());
  }
}
