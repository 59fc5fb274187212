package cn.beijing.carboninclusion.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.beijing.carboninclusion.common.AuditEntry;
import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.disclosure.DisclosureEntry;
import cn.beijing.carboninclusion.disclosure.DisclosureFeed;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.project.ProjectStatus;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import cn.beijing.carboninclusion.support.Race;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Class II yearly reports (二类项目年度报告) over real HTTP on PostgreSQL: the owning developer files one report per
 * year from the disclosure year, each is published at once, and the missing ones past their due date (1 January of
 * the next year + 90 days, Beijing time) are listed publicly — checked with the engine clock set to known days.
 */
class ClassTwoReportApiTest extends PlatformIntegrationTest {
  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  @Autowired TestRestTemplate http;
  @Autowired ApplicationContext context;
  @Autowired ProcessEngine processEngine;
  @Autowired DisclosureFeed feed;
  @Autowired AuditTrail auditTrail;
  @Autowired JdbcTemplate jdbc;

  ProjectCases cases;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    cases = new ProjectCases(context);
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    cases.cleanUp();
  }

  @Test
  void theDeveloperFilesOneReportPerYearAndItIsPublished() {
    Project project = cases.aDisclosedClassTwoProject();
    int thisYear = LocalDate.now(BEIJING).getYear();
    String url = "/api/projects/" + project.getId() + "/annual-reports";

    ResponseEntity<JsonNode> filed = file("greentravel", project, thisYear, "收益全部用于社区低碳活动",
        "本年度参与居民 1200 户");
    assertThat(filed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(filed.getBody().get("year").asInt()).isEqualTo(thisYear);
    assertThat(filed.getBody().get("dueDate").asText()).isEqualTo(LocalDate.of(thisYear + 1, 4, 1).toString());

    JsonNode published = http.getForObject("/api/public/class-two-reports?projectId=" + project.getId(),
        JsonNode.class);
    assertThat(published).hasSize(1);
    assertThat(published.get(0).get("projectName").asText()).isEqualTo(project.getName());
    assertThat(published.get(0).get("developerName").asText()).isEqualTo("北京绿色出行科技有限公司");
    assertThat(published.get(0).get("year").asInt()).isEqualTo(thisYear);
    assertThat(published.get(0).get("revenuePlan").asText()).isEqualTo("收益全部用于社区低碳活动");
    assertThat(published.get(0).get("operatingReport").asText()).isEqualTo("本年度参与居民 1200 户");
    assertThat(published.toString()).doesNotContain("greentravel");
    assertThat(http.getForObject("/api/public/class-two-reports?size=200", JsonNode.class)
        .findValuesAsText("projectName")).contains(project.getName());
    DisclosureEntry item = feed.about("PROJECT", project.getId()).get(feed.about("PROJECT", project.getId()).size() - 1);
    assertThat(item.getKind()).isEqualTo("CLASS_II_ANNUAL_REPORT");
    assertThat(item.getTitle()).isEqualTo("二类项目年度报告：" + project.getName() + "（" + thisYear + " 年度）");
    assertThat(item.getBody()).contains("收益全部用于社区低碳活动").contains("本年度参与居民 1200 户");
    assertThat(auditTrail.of("PROJECT", project.getId())).extracting(AuditEntry::getAction)
        .contains("CLASS_II_ANNUAL_REPORT");

    ResponseEntity<JsonNode> duplicate = file("greentravel", project, thisYear, "第二份", "第二份");
    assertThat(duplicate.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    ResponseEntity<JsonNode> beforeDisclosure = file("greentravel", project, thisYear - 1, "公开前", "公开前");
    assertThat(beforeDisclosure.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(beforeDisclosure.getBody().get("errors").has("year")).isTrue();
    ResponseEntity<JsonNode> future = file("greentravel", project, thisYear + 1, "明年", "明年");
    assertThat(future.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(future.getBody().get("errors").has("year")).isTrue();
    ResponseEntity<JsonNode> blank = http.withBasicAuth("greentravel", "demo").postForEntity(url,
        Map.of("year", thisYear, "revenuePlan", "", "operatingReport", "有"), JsonNode.class);
    assertThat(blank.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(blank.getBody().get("errors").has("revenuePlan")).isTrue();
    assertThat(file("sunroof", project, thisYear, "不是我的项目", "不是我的项目").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(file("zhangwei", project, thisYear, "主管部门", "主管部门").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(reportRows(project)).isOne();
  }

  @Test
  void onlyDisclosedClassTwoProjectsReportAndADoubleSubmitIsStoredOnce() throws Exception {
    Project registered = cases.aRegisteredProject();
    int thisYear = LocalDate.now(BEIJING).getYear();
    assertThat(file("greentravel", registered, thisYear, "一类项目", "一类项目").getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);

    Project project = cases.aDisclosedClassTwoProject();
    List<HttpStatus> statuses = Race.of(4, i -> file("greentravel", project, thisYear, "同时提交", "同时提交"));
    assertThat(statuses).containsOnly(HttpStatus.CREATED, HttpStatus.CONFLICT)
        .filteredOn(s -> s == HttpStatus.CREATED).hasSize(1);
    assertThat(reportRows(project)).isOne();
  }

  @Test
  void missingReportsPastTheirDueDateAreListedUntilFiled() {
    setClock(LocalDateTime.of(2021, 6, 15, 10, 0));
    Project project = cases.aDisclosedClassTwoProject();
    assertThat(feed.about("PROJECT", project.getId())).extracting(DisclosureEntry::getKind)
        .containsExactly("CLASS_II_DISCLOSED");

    // 2024-03-31 in Beijing: the 2023 report is due today, not yet overdue
    setClock(LocalDateTime.of(2024, 3, 31, 23, 0));
    assertThat(overdueOf(project)).containsExactly(
        "2021 2022-04-01 730", "2022 2023-04-01 365");
    // one hour later it is 1 April in Beijing (still 31 March in UTC): the 2023 report is one day overdue
    setClock(LocalDateTime.of(2024, 4, 1, 0, 0));
    assertThat(overdueOf(project)).containsExactly(
        "2021 2022-04-01 731", "2022 2023-04-01 366", "2023 2024-03-31 1");
    JsonNode entry = overdueEntries(project).get(0);
    assertThat(entry.get("projectName").asText()).isEqualTo(project.getName());
    assertThat(entry.get("developerName").asText()).isEqualTo("北京绿色出行科技有限公司");

    ResponseEntity<JsonNode> beforeDisclosure = file("greentravel", project, 2020, "公开前", "公开前");
    assertThat(beforeDisclosure.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(beforeDisclosure.getBody().get("errors").has("year")).isTrue();
    assertThat(file("greentravel", project, 2025, "未来", "未来").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(file("greentravel", project, 2022, "2022 年收益管理方案", "2022 年运营情况").getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    assertThat(overdueOf(project)).containsExactly("2021 2022-04-01 731", "2023 2024-03-31 1");

    // a cancelled project owes no more reports
    cases.requestCancellation(project, "项目停止运营");
    ProcessInstance cancellation = cases.cancellationOf(project);
    cases.completeAs("zhangwei", task("Task_ConfirmCancellation", cancellation),
        withVariables("cancellationDecision", "CONFIRM", "cancellationComment", "同意注销"));
    execute(job("Task_CancelProject", cancellation));
    assertThat(cases.current(project.getId()).getStatus()).isEqualTo(ProjectStatus.CANCELLED);
    assertThat(overdueOf(project)).isEmpty();
  }

  // ---- helpers -----------------------------------------------------------------------------------------------

  private ResponseEntity<JsonNode> file(String user, Project project, int year, String revenuePlan,
      String operatingReport) {
    return http.withBasicAuth(user, "demo").postForEntity("/api/projects/" + project.getId() + "/annual-reports",
        Map.of("year", year, "revenuePlan", revenuePlan, "operatingReport", operatingReport), JsonNode.class);
  }

  private List<JsonNode> overdueEntries(Project project) {
    List<JsonNode> entries = new ArrayList<>();
    for (JsonNode entry : http.getForObject("/api/public/class-two-reports/overdue?projectId={id}&size=200",
        JsonNode.class, project.getId())) {
      if (entry.get("projectId").asLong() == project.getId()) {
        entries.add(entry);
      }
    }
    return entries;
  }

  /** The project's overdue reports as "year dueDate daysOverdue". */
  private List<String> overdueOf(Project project) {
    return overdueEntries(project).stream().map(e -> e.get("year").asInt() + " " + e.get("dueDate").asText() + " "
        + e.get("daysOverdue").asLong()).toList();
  }

  private long reportRows(Project project) {
    return jdbc.queryForObject("select count(*) from class_two_annual_report where project_id = ?", Long.class,
        project.getId());
  }

  /** Sets the engine clock (which the platform's clock reads) to this local time in Beijing. */
  private static void setClock(LocalDateTime beijingTime) {
    ClockUtil.setCurrentTime(Date.from(beijingTime.atZone(BEIJING).toInstant()));
  }
}
