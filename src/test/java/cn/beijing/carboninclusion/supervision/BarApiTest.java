package cn.beijing.carboninclusion.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.beijing.carboninclusion.common.AuditEntry;
import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.methodology.Methodologies;
import cn.beijing.carboninclusion.methodology.MethodologyExamples;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.project.Projects;
import cn.beijing.carboninclusion.reduction.ReductionApplications;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import cn.beijing.carboninclusion.support.Race;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Bars (禁入) over real HTTP on PostgreSQL: the bureau bars a developer, which then files nothing (and nothing is
 * stored) until the bar is lifted or runs out; the bar and its lifting are public; one active bar per subject, also
 * under concurrent requests.
 */
class BarApiTest extends PlatformIntegrationTest {
  static final String PASSWORD = "Bar-test-passw0rd";
  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  @Autowired TestRestTemplate http;
  @Autowired ApplicationContext context;
  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired Projects projects;
  @Autowired ReductionApplications reductionApplications;
  @Autowired Methodologies methodologies;
  @Autowired AuditTrail auditTrail;
  @Autowired Bars bars;
  @Autowired JdbcTemplate jdbc;

  ProjectCases cases;
  /** Projects this test filed over HTTP (their registration cases are deleted afterwards). */
  final List<Long> filedOverHttp = new ArrayList<>();

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    cases = new ProjectCases(context);
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    filedOverHttp.forEach(id -> runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(String.valueOf(id)).processDefinitionKey("ProjectRegistration").list()
        .forEach(pi -> runtimeService.deleteProcessInstance(pi.getId(), "test finished", true, true)));
    runtimeService.createProcessInstanceQuery().processDefinitionKey("ReductionRegistration").list().forEach(pi ->
        runtimeService.deleteProcessInstance(pi.getId(), "test finished", true, true));
    cases.cleanUp();
  }

  @Test
  void aBarredDeveloperFilesNothingUntilTheBarIsLifted() {
    String account = cases.aDeveloperAccount("bartest", PASSWORD);
    Long developerId = cases.developerIdOf(account);
    Project registered = cases.aRegisteredProjectOf(account);
    ResponseEntity<JsonNode> draft = applyForReductions(account, registered);
    assertThat(draft.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    long draftId = draft.getBody().get("id").asLong();
    String reason = "伪造监测数据-" + UUID.randomUUID();

    ResponseEntity<JsonNode> barred = bar("zhangwei", "DEVELOPER", developerId, reason, null);
    assertThat(barred.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    LocalDate today = LocalDate.now(BEIJING);
    assertThat(barred.getBody().get("barredFrom").asText()).isEqualTo(today.toString());
    assertThat(barred.getBody().get("barredUntil").asText()).isEqualTo(today.plusYears(3).toString());
    assertThat(barred.getBody().get("inForce").asBoolean()).isTrue();
    long barId = barred.getBody().get("id").asLong();
    assertThat(bars.developerBarred(developerId)).isTrue();

    long projectsBefore = projects.count();
    long registrationsBefore = runningInstances("ProjectRegistration");
    ResponseEntity<JsonNode> project = applyForProject(account);
    assertThat(project.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(project.getBody().get("detail").asText()).startsWith("项目开发方已被禁入")
        .contains("至 " + today.plusYears(3)).endsWith("(developer barred)");
    assertThat(projects.count()).isEqualTo(projectsBefore);
    assertThat(projects.findByDeveloperIdOrderByIdDesc(developerId)).extracting(Project::getId)
        .containsExactly(registered.getId());
    assertThat(runningInstances("ProjectRegistration")).isEqualTo(registrationsBefore);

    ResponseEntity<JsonNode> reduction = applyForReductions(account, registered);
    assertThat(reduction.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(reduction.getBody().get("detail").asText()).startsWith("项目开发方已被禁入");
    assertThat(reductionApplications.findByProjectIdOrderByPeriodStartAsc(registered.getId()))
        .extracting(a -> a.getId()).containsExactly(draftId);
    assertThat(http.withBasicAuth(account, PASSWORD).postForEntity("/api/reduction-applications/" + draftId
        + "/submission", null, JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(reductionApplications.findById(draftId).orElseThrow().getStatus().name()).isEqualTo("DRAFT");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("ReductionRegistration")
        .processInstanceBusinessKey(String.valueOf(registered.getId())).count()).isZero();

    long methodologiesBefore = methodologies.count();
    ResponseEntity<JsonNode> proposal = http.withBasicAuth(account, PASSWORD)
        .postForEntity("/api/methodologies", proposal(), JsonNode.class);
    assertThat(proposal.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(methodologies.count()).isEqualTo(methodologiesBefore);

    // public: the bar list and the disclosure feed, with the reason and without the bureau officer's account
    JsonNode publicBar = publicBar(barId);
    assertThat(publicBar.get("subjectKind").asText()).isEqualTo("DEVELOPER");
    assertThat(publicBar.get("subjectName").asText()).isEqualTo("测试开发方" + account);
    assertThat(publicBar.get("reason").asText()).isEqualTo(reason);
    assertThat(publicBar.get("inForce").asBoolean()).isTrue();
    assertThat(publicBar.get("lifted").asBoolean()).isFalse();
    assertThat(http.getForObject("/api/public/bars?size=200", String.class)).doesNotContain("zhangwei");
    JsonNode barredItem = feedItem("DEVELOPER_BARRED", barId);
    assertThat(barredItem.get("title").asText()).isEqualTo("项目开发方禁入：测试开发方" + account);
    assertThat(barredItem.get("body").asText()).contains(reason).contains(today.plusYears(3).toString());
    assertThat(auditTrail.of("DEVELOPER", developerId)).extracting(AuditEntry::getAction, AuditEntry::getActor)
        .contains(tuple("BARRED", "zhangwei"));

    // lifted: published, and the developer files again
    ResponseEntity<JsonNode> lifted = http.withBasicAuth("zhangwei", "demo").postForEntity(
        "/api/bars/" + barId + "/lift", Map.of("reason", "经复核，数据问题系第三方平台故障所致"), JsonNode.class);
    assertThat(lifted.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(lifted.getBody().get("inForce").asBoolean()).isFalse();
    assertThat(publicBar(barId).get("lifted").asBoolean()).isTrue();
    assertThat(publicBar(barId).get("liftReason").asText()).isEqualTo("经复核，数据问题系第三方平台故障所致");
    assertThat(feedItem("BAR_LIFTED", barId).get("body").asText()).contains("经复核");
    assertThat(http.withBasicAuth("zhangwei", "demo").postForEntity("/api/bars/" + barId + "/lift",
        Map.of("reason", "再次解除"), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(bars.developerBarred(developerId)).isFalse();

    assertThat(applyForProject(account).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(applyForReductions(account, registered).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(reductionApplications.findByProjectIdOrderByPeriodStartAsc(registered.getId())).hasSize(2);
  }

  @Test
  void aDoubleSubmittedBarIsStoredOnceAndTheOtherIsA409() throws Exception {
    String account = cases.aDeveloperAccount("bartwice", PASSWORD);
    Long developerId = cases.developerIdOf(account);
    List<HttpStatus> statuses = Race.of(4, i -> bar("zhangwei", "DEVELOPER", developerId, "重复提交的禁入", null));
    assertThat(statuses).containsOnly(HttpStatus.CREATED, HttpStatus.CONFLICT)
        .filteredOn(s -> s == HttpStatus.CREATED).hasSize(1);
    assertThat(barRows("DEVELOPER", developerId)).isOne();
    ResponseEntity<JsonNode> again = bar("zhangwei", "DEVELOPER", developerId, "再次禁入", null);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(again.getBody().get("detail").asText()).contains("已处于禁入期");
    assertThat(barRows("DEVELOPER", developerId)).isOne();
  }

  @Test
  void onlyTheBureauBarsAndLiftsAndBadInputNamesTheField() {
    String account = cases.aDeveloperAccount("barperm", PASSWORD);
    Long developerId = cases.developerIdOf(account);
    assertThat(bar("wangfang", "DEVELOPER", developerId, "技术中心无权禁入", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(bar("greentravel", "DEVELOPER", developerId, "开发方无权禁入", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(barRows("DEVELOPER", developerId)).isZero();

    ResponseEntity<JsonNode> blank = bar("zhangwei", "DEVELOPER", developerId, " ", null);
    assertThat(blank.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(blank.getBody().get("errors").has("reason")).isTrue();
    ResponseEntity<JsonNode> past = bar("zhangwei", "DEVELOPER", developerId, "截止日期已过",
        LocalDate.now(BEIJING).minusDays(1));
    assertThat(past.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(past.getBody().get("errors").has("until")).isTrue();
    ResponseEntity<JsonNode> unknownKind = bar("zhangwei", "EXPERT", developerId, "未知类别", null);
    assertThat(unknownKind.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unknownKind.getBody().get("errors").has("subjectKind")).isTrue();
    assertThat(bar("zhangwei", "DEVELOPER", 987_654_321L, "不存在的开发方", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(bar("zhangwei", "AGENCY", 987_654_321L, "不存在的服务机构", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(barRows("DEVELOPER", developerId)).isZero();

    long barId = bar("zhangwei", "DEVELOPER", developerId, "虚假核查", null).getBody().get("id").asLong();
    assertThat(http.withBasicAuth("wangfang", "demo").postForEntity("/api/bars/" + barId + "/lift",
        Map.of("reason", "技术中心无权解除"), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth(account, PASSWORD).postForEntity("/api/bars/" + barId + "/lift",
        Map.of("reason", "自行解除"), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("zhangwei", "demo").postForEntity("/api/bars/987654321/lift",
        Map.of("reason", "不存在"), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(bars.developerBarred(developerId)).isTrue();

    // newest first, paged, counted
    ResponseEntity<JsonNode> list = http.withBasicAuth("wangfang", "demo").getForEntity("/api/bars", JsonNode.class);
    assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(list.getBody().findValuesAsText("barredBy")).contains("zhangwei");
    assertThat(list.getBody().findValuesAsText("id")).contains(String.valueOf(barId));
    assertThat(Long.parseLong(list.getHeaders().getFirst("X-Total-Count"))).isGreaterThanOrEqualTo(1);
    assertThat(http.withBasicAuth("wangfang", "demo").getForObject("/api/bars?page=0&size=1", JsonNode.class))
        .hasSize(1);
    assertThat(http.withBasicAuth("greentravel", "demo").getForEntity("/api/bars", JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.getForEntity("/api/bars", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aBarIsNoLongerInForceAfterItsLastDay() {
    String account = cases.aDeveloperAccount("barends", PASSWORD);
    Long developerId = cases.developerIdOf(account);
    LocalDate today = LocalDate.now(BEIJING);
    LocalDate lastDay = today.plusDays(10);
    long barId = bar("zhangwei", "DEVELOPER", developerId, "短期禁入", lastDay).getBody().get("id").asLong();

    moveClockTo(lastDay);
    assertThat(bars.developerBarred(developerId)).isTrue();
    assertThat(applyForProject(account).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

    moveClockTo(lastDay.plusDays(1));
    assertThat(bars.developerBarred(developerId)).isFalse();
    assertThat(publicBar(barId).get("inForce").asBoolean()).isFalse();
    assertThat(publicBar(barId).get("lifted").asBoolean()).isFalse();
    assertThat(http.withBasicAuth("zhangwei", "demo").postForEntity("/api/bars/" + barId + "/lift",
        Map.of("reason", "已期满"), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    // a new bar replaces the one that ran out
    ResponseEntity<JsonNode> next = bar("zhangwei", "DEVELOPER", developerId, "再次违规", null);
    assertThat(next.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(next.getBody().get("barredUntil").asText()).isEqualTo(lastDay.plusDays(1).plusYears(3).toString());
    assertThat(barRows("DEVELOPER", developerId)).isEqualTo(2);
    assertThat(bars.developerBarred(developerId)).isTrue();
  }

  @Test
  void aPageBeyondWhatAQueryCanSkipIsEmptyNotA500() {
    // page × size beyond an int was JPA's "Page offset exceeds Integer.MAX_VALUE" (found by fuzz.OpenApiFuzzTest)
    for (String list : new String[] {"/api/public/bars", "/api/public/class-two-reports"}) {
      ResponseEntity<JsonNode> answer = http.getForEntity(list + "?page=2147483647&size=77", JsonNode.class);
      assertThat(answer.getStatusCode()).as(list).isEqualTo(HttpStatus.OK);
      assertThat(answer.getBody()).as(list).isEmpty();
    }
  }

  @Test
  void theSupervisionRecordsAreDescribedInOpenApi() {
    JsonNode paths = http.getForObject("/v3/api-docs", JsonNode.class).get("paths");
    assertThat(paths.has("/api/agencies")).isTrue();
    assertThat(paths.has("/api/bars")).isTrue();
    assertThat(paths.has("/api/bars/{id}/lift")).isTrue();
    assertThat(paths.has("/api/projects/{id}/annual-reports")).isTrue();
    assertThat(paths.has("/api/public/agencies")).isTrue();
    assertThat(paths.has("/api/public/bars")).isTrue();
    assertThat(paths.has("/api/public/class-two-reports")).isTrue();
    assertThat(paths.has("/api/public/class-two-reports/overdue")).isTrue();
  }

  // ---- helpers -----------------------------------------------------------------------------------------------

  private ResponseEntity<JsonNode> bar(String user, String kind, Long subjectId, String reason, LocalDate until) {
    Map<String, Object> request = new HashMap<>();
    request.put("subjectKind", kind);
    request.put("subjectId", subjectId);
    request.put("reason", reason);
    if (until != null) {
      request.put("until", until.toString());
    }
    return http.withBasicAuth(user, "demo").postForEntity("/api/bars", request, JsonNode.class);
  }

  private long barRows(String kind, Long subjectId) {
    return jdbc.queryForObject("select count(*) from bar where subject_kind = ? and subject_id = ?", Long.class,
        kind, subjectId);
  }

  private JsonNode publicBar(long barId) {
    for (JsonNode bar : http.getForObject("/api/public/bars?size=200", JsonNode.class)) {
      if (bar.get("id").asLong() == barId) {
        assertThat(bar.has("barredBy")).isFalse();
        assertThat(bar.has("liftedBy")).isFalse();
        return bar;
      }
    }
    throw new AssertionError("bar " + barId + " not on /api/public/bars");
  }

  private JsonNode feedItem(String kind, long barId) {
    for (JsonNode item : http.getForObject("/api/public/disclosures?size=200", JsonNode.class)) {
      if (item.get("kind").asText().equals(kind) && item.get("subjectType").asText().equals("BAR")
          && item.get("subjectId").asLong() == barId) {
        return item;
      }
    }
    throw new AssertionError(kind + " of bar " + barId + " not on the disclosure feed");
  }

  private long runningInstances(String processKey) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(processKey).count();
  }

  private static void moveClockTo(LocalDate day) {
    ClockUtil.setCurrentTime(Date.from(day.atTime(12, 0).atZone(BEIJING).toInstant()));
  }

  private ResponseEntity<JsonNode> applyForProject(String account) {
    Map<String, Object> application = new HashMap<>();
    application.put("name", "禁入测试项目-" + UUID.randomUUID());
    application.put("projectClass", "CLASS_I");
    application.put("methodologyCode", "BJCI-M-TRAVEL");
    application.put("district", "海淀区");
    application.put("address", "测试路 " + java.util.concurrent.ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE) + " 号");
    application.put("description", "引导公众乘坐公交、地铁出行");
    application.put("creditingStart", "2026-01-01");
    application.put("creditingEnd", "2030-12-31");
    application.put("revenueReturnRatio", "0.95");
    application.put("publicInterestCommitment", "减排收益用于公益");
    application.put("revenuePlan", "扣除运营成本后 95% 返还参与者");
    application.put("identifiers", List.of(Map.of("scheme", "APP", "identifier", "bar-" + UUID.randomUUID(),
        "alreadyCredited", false)));
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    parts.add("application", new HttpEntity<>(application, json));
    parts.add("designDocument", pdf("项目设计文件.pdf"));
    parts.add("implementationPlan", pdf("组织实施方案.pdf"));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    ResponseEntity<JsonNode> response = http.withBasicAuth(account, PASSWORD).postForEntity("/api/projects",
        new HttpEntity<>(parts, headers), JsonNode.class);
    if (response.getStatusCode() == HttpStatus.CREATED) {
      filedOverHttp.add(response.getBody().get("id").asLong());
    }
    return response;
  }

  private static HttpEntity<ByteArrayResource> pdf(String filename) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_PDF);
    return new HttpEntity<>(new ByteArrayResource("%PDF-1.4\n%%EOF\n".getBytes()) {
      @Override
      public String getFilename() {
        return filename;
      }
    }, headers);
  }

  private ResponseEntity<JsonNode> applyForReductions(String account, Project project) {
    Map<String, Object> request = new HashMap<>();
    request.put("periodStart", "2025-04-01");
    request.put("periodEnd", "2025-06-30");
    request.put("claimedTco2e", "3.6");
    request.put("monitoringReport", "监测报告：轨道交通出行记录由平台采集并去标识化。");
    request.put("activities", List.of());
    request.put("submit", false);
    request.put("verifierAgencyId", cases.demoVerifierId());
    return http.withBasicAuth(account, PASSWORD).postForEntity(
        "/api/projects/" + project.getId() + "/reduction-applications", request, JsonNode.class);
  }

  private static Map<String, Object> proposal() {
    Map<String, Object> proposal = new HashMap<>();
    proposal.put("code", "BAR-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase());
    proposal.put("name", "禁入开发方提出的方法学");
    proposal.put("field", "交通");
    proposal.put("proposedLevel", 2);
    proposal.put("applicability", "本市共享单车骑行");
    proposal.put("baselineScenario", "小客车出行");
    proposal.put("projectScenario", "共享单车骑行");
    proposal.put("monitoringRequirements", "骑行订单记录");
    proposal.put("formula", MethodologyExamples.TRAVEL_FORMULA);
    proposal.put("parameters", MethodologyExamples.TRAVEL_PARAMETERS);
    return proposal;
  }
}
