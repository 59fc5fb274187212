package cn.beijing.carboninclusion.admin;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.calendar.HolidayCoverage;
import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.support.CsvUpload;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.MultiValueMap;

/**
 * The holiday schedule as data the bureau maintains (issue 20, item 5), over real HTTP on PostgreSQL: an upload changes
 * the working-day deadline the engine computes, without a restart; a bad file is refused naming line and column and
 * stores nothing; only the bureau and the administrator upload; every version is kept and audited; from 1 November
 * /actuator/health warns while next year has no schedule, and the warning goes with the upload. Far years (2094–2097)
 * so that no other test's deadlines move.
 */
class HolidayScheduleApiTest extends PlatformIntegrationTest {
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired ProcessEngineConfigurationImpl engine;
  @Autowired WorkingDayCalendar workingDays;
  @Autowired HolidayCoverage coverage;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void anUploadChangesTheEnginesWorkingDayDeadlineWithoutARestartAndEveryVersionIsKept() {
    // 2097-09-30 is a Monday; without a schedule for 2097, 5 working days later is Monday 2097-10-07
    Date start = Date.from(LocalDate.of(2097, 9, 30).atTime(9, 30).atZone(BEIJING).toInstant());
    BusinessCalendar dueDates = engine.getBusinessCalendarManager().getBusinessCalendar(DueDateBusinessCalendar.NAME);
    BusinessCalendar timers = engine.getBusinessCalendarManager().getBusinessCalendar(DurationBusinessCalendar.NAME);
    assertThat(day(dueDates.resolveDuedate("P5WD", start))).isEqualTo(LocalDate.of(2097, 10, 7));
    // a process's timer and task due date, as the models write them
    String deployment = repositoryService.createDeployment().addModelInstance("HolidayDeadline.bpmn",
        Bpmn.createExecutableProcess("HolidayDeadline").camundaHistoryTimeToLive(1).startEvent()
            .userTask("Task_Review").camundaDueDate("P5WD").camundaCandidateGroups("bureau")
            .boundaryEvent("Timer_Due").cancelActivity(false).timerWithDuration("P5WD").endEvent()
            .moveToActivity("Task_Review").endEvent().done()).deploy().getId();
    try {
      ClockUtil.setCurrentTime(start);
      String before = runtimeService.startProcessInstanceByKey("HolidayDeadline").getId();
      assertThat(day(taskService.createTaskQuery().processInstanceId(before).singleResult().getDueDate()))
          .isEqualTo(LocalDate.of(2097, 10, 7));
      assertThat(day(managementService.createJobQuery().processInstanceId(before).singleResult().getDuedate()))
          .isEqualTo(LocalDate.of(2097, 10, 7));
      ClockUtil.reset();
      uploadNationalDay();
      ClockUtil.setCurrentTime(start);
      String after = runtimeService.startProcessInstanceByKey("HolidayDeadline").getId();
      assertThat(day(taskService.createTaskQuery().processInstanceId(after).singleResult().getDueDate()))
          .as("the task of a case started after the upload").isEqualTo(LocalDate.of(2097, 10, 12));
      assertThat(day(managementService.createJobQuery().processInstanceId(after).singleResult().getDuedate()))
          .as("the timer of a case started after the upload").isEqualTo(LocalDate.of(2097, 10, 12));
      assertThat(day(taskService.createTaskQuery().processInstanceId(before).singleResult().getDueDate()))
          .as("a task keeps the due date it was given").isEqualTo(LocalDate.of(2097, 10, 7));
    } finally {
      ClockUtil.reset();
      repositoryService.deleteDeployment(deployment, true);
    }
    // 30 Sep + 5 working days: 8, 9, 10, 11 (Fri) October and Saturday 12 (worked) → 2097-10-12, same time of day
    Date due = dueDates.resolveDuedate("P5WD", start);
    assertThat(day(due)).isEqualTo(LocalDate.of(2097, 10, 12));
    assertThat(due.toInstant().atZone(BEIJING).toLocalTime()).hasToString("09:30");
    assertThat(day(timers.resolveDuedate("P5WD", start))).isEqualTo(LocalDate.of(2097, 10, 12));
    assertThat(workingDays.isWorkingDay(LocalDate.of(2097, 10, 12))).isTrue();

    // a second version (the 12th no longer worked) replaces the first at once; the first is kept
    ResponseEntity<JsonNode> second = upload("admin", 2097, """
        date,type,name
        2097-01-01,HOLIDAY,元旦
        2097-10-01,HOLIDAY,国庆节
        2097-10-02,HOLIDAY,国庆节
        2097-10-03,HOLIDAY,国庆节
        """);
    assertThat(second.getStatusCode()).as(String.valueOf(second.getBody())).isEqualTo(HttpStatus.CREATED);
    assertThat(second.getBody().get("version").asInt()).isEqualTo(2);
    // 30 Sep + 5: 4 (Fri), 7, 8, 9, 10 October
    assertThat(day(dueDates.resolveDuedate("P5WD", start))).isEqualTo(LocalDate.of(2097, 10, 10));
    JsonNode year = get("wangfang", "/api/holiday-schedules/2097").getBody();
    assertThat(year.get("currentVersion").asInt()).isEqualTo(2);
    assertThat(year.get("versions")).hasSize(2);
    assertThat(year.get("versions").get(1).get("version").asInt()).isEqualTo(1);
    assertThat(year.get("versions").get(1).get("days").asInt()).isEqualTo(9);
    assertThat(year.get("days")).hasSize(4);
    JsonNode older = get("zhangwei", "/api/holiday-schedules/2097?version=1").getBody();
    assertThat(older.get("days")).hasSize(9);
    assertThat(older.get("days").get(8).get("type").asText()).isEqualTo("WORKDAY");
    assertThat(jdbc.queryForObject("select count(*) from holiday_schedule_day d join holiday_schedule_version v"
        + " on v.id = d.version_id where v.schedule_year = 2097", Integer.class)).isEqualTo(13);

    JsonNode overview = get("admin", "/api/holiday-schedules").getBody();
    JsonNode listed = null;
    for (JsonNode y : overview.get("years")) {
      if (y.get("year").asInt() == 2097) {
        listed = y;
      }
    }
    assertThat(listed).isNotNull();
    assertThat(listed.get("versions").asInt()).isEqualTo(2);
    assertThat(listed.get("current").get("uploadedBy").asText()).isEqualTo("admin");
    // the bundled years were seeded at the first start
    assertThat(overview.toString()).contains("\"year\":2025", "\"year\":2026", "classpath:calendar/holidays-cn.csv");

    // audited: the case trail and the security audit
    assertThat(jdbc.queryForObject("select count(*) from audit_entry where case_type = 'HOLIDAY_SCHEDULE'"
        + " and case_id = 2097 and action = 'HOLIDAY_SCHEDULE_UPLOADED'", Integer.class)).isEqualTo(2);
    assertThat(jdbc.queryForList("select user_id from security_audit where event = 'HOLIDAY_SCHEDULE_UPLOADED'"
        + " and object = 'holiday-schedule:2097' order by id", String.class)).containsExactly("zhangwei", "admin");
  }

  /** 国庆节 1–7 October 2097 off, Saturday 12 October worked: version 1 of 2097. */
  private void uploadNationalDay() {
    ResponseEntity<JsonNode> first = upload("zhangwei", 2097, """
        # 2097 test schedule
        date,type,name
        2097-01-01,HOLIDAY,元旦
        2097-10-01,HOLIDAY,国庆节
        2097-10-02,HOLIDAY,国庆节
        2097-10-03,HOLIDAY,国庆节
        2097-10-04,HOLIDAY,国庆节
        2097-10-05,HOLIDAY,国庆节
        2097-10-06,HOLIDAY,国庆节
        2097-10-07,HOLIDAY,国庆节
        2097-10-12,WORKDAY,国庆节调休上班
        """);
    assertThat(first.getStatusCode()).as(String.valueOf(first.getBody())).isEqualTo(HttpStatus.CREATED);
    assertThat(first.getBody().get("version").asInt()).isEqualTo(1);
    assertThat(first.getBody().get("uploadedBy").asText()).isEqualTo("zhangwei");
    assertThat(first.getBody().get("sha256").asText()).hasSize(64);
  }

  @Test
  void aBadFileIsRefusedNamingLineAndColumnAndNothingIsStored() {
    int before = versions();
    ResponseEntity<JsonNode> refused = upload("zhangwei", 2096, """
        date,type,name
        2096-01-01,HOLIDAY,元旦
        2095-12-31,HOLIDAY,去年
        2096-02-30,HOLIDAY,无此日
        2096-03-02,VACATION,类型有误
        2096-03-05,WORKDAY,周一不能调休上班
        2096-01-01,HOLIDAY,重复
        2096-05-01,HOLIDAY,
        2096-06-02,HOLIDAY,孤立的周六
        """);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    JsonNode errors = refused.getBody().get("errors");
    assertThat(errors.get("line 3: date").asText()).contains("不在 2096 年内");
    assertThat(errors.get("line 4: date").asText()).contains("ISO");
    assertThat(errors.get("line 5: type").asText()).contains("HOLIDAY");
    assertThat(errors.get("line 6: type").asText()).contains("周六或周日");
    assertThat(errors.get("line 7: date").asText()).contains("第 2 行");
    assertThat(errors.get("line 8: name").asText()).contains("必填");
    assertThat(errors.size()).isEqualTo(6);
    assertThat(versions()).isEqualTo(before);

    // a weekend day alone as a holiday (checked once every line holds)
    ResponseEntity<JsonNode> lone = upload("zhangwei", 2096, "date,type,name\n2096-01-01,HOLIDAY,元旦\n"
        + "2096-06-02,HOLIDAY,孤立的周六\n");
    assertThat(lone.getBody().get("errors").get("line 3: date").asText()).contains("假期中的周末");
    ResponseEntity<JsonNode> header = upload("zhangwei", 2096, "datum,typ,name\n2096-01-01,HOLIDAY,元旦\n");
    assertThat(header.getBody().get("errors").has("line 1: row")).isTrue();
    ResponseEntity<JsonNode> empty = upload("zhangwei", 2096, "");
    assertThat(empty.getBody().get("errors").has("line 1: file")).isTrue();
    ResponseEntity<JsonNode> noHoliday = upload("zhangwei", 2096, "date,type,name\n2096-01-07,WORKDAY,调休\n");
    assertThat(noHoliday.getBody().get("errors").get("line 1: file").asText()).contains("没有节假日");
    ResponseEntity<JsonNode> badYear = upload("zhangwei", 1999, "date,type,name\n1999-01-01,HOLIDAY,元旦\n");
    assertThat(badYear.getBody().get("errors").has("year")).isTrue();
    assertThat(versions()).isEqualTo(before);
  }

  @Test
  void onlyTheBureauAndTheAdministratorUpload() {
    String csv = "date,type,name\n2096-01-01,HOLIDAY,元旦\n";
    for (String user : new String[] {"wangfang", "greentravel", "chenjing", "expertgao"}) {
      assertThat(upload(user, 2096, csv).getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(http.postForEntity("/api/holiday-schedules/2096", multipart(csv), JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(get("greentravel", "/api/holiday-schedules").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(jdbc.queryForObject("select count(*) from holiday_schedule_version where schedule_year = 2096",
        Integer.class)).isZero();
  }

  @Test
  void fromTheFirstOfNovemberHealthWarnsWhileNextYearHasNoScheduleUntilItIsUploaded() {
    assertThat(upload("zhangwei", 2094, "date,type,name\n2094-01-01,HOLIDAY,元旦\n").getStatusCode())
        .isEqualTo(HttpStatus.CREATED);

    at(LocalDate.of(2094, 10, 31));
    assertThat(coverage.now().ok()).isTrue();
    assertThat(health().get("components").get("holidaySchedule").get("status").asText()).isEqualTo("UP");

    at(LocalDate.of(2094, 11, 1));
    HolidayCoverage.Coverage missing = coverage.now();
    assertThat(missing.missingYear()).isEqualTo(2095);
    assertThat(missing.warning()).contains("2095");
    ResponseEntity<JsonNode> warned = http.getForEntity("/actuator/health", JsonNode.class);
    assertThat(warned.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(warned.getBody().get("status").asText()).isEqualTo("WARNING");
    assertThat(warned.getBody().has("components")).as("component names are not public").isFalse();
    assertThat(health().get("components").get("holidaySchedule").get("status").asText()).isEqualTo("WARNING");
    assertThat(health().toString()).doesNotContain("coveredYears"); // details are not public
    // the liveness and readiness probes are not concerned
    assertThat(http.getForEntity("/actuator/health/readiness", JsonNode.class).getBody().get("status").asText())
        .isEqualTo("UP");

    ClockUtil.reset(); // the bureau's password is not 68 years old
    assertThat(upload("zhangwei", 2095, "date,type,name\n2095-01-01,HOLIDAY,元旦\n").getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    at(LocalDate.of(2094, 11, 1));
    assertThat(coverage.now().ok()).isTrue();
    assertThat(health().get("components").get("holidaySchedule").get("status").asText()).isEqualTo("UP");
  }

  // ------------------------------------------------------------------ support

  private JsonNode health() {
    return http.getForEntity("/actuator/health/calendar", JsonNode.class).getBody();
  }

  private static void at(LocalDate day) {
    ClockUtil.setCurrentTime(Date.from(day.atTime(10, 0).atZone(BEIJING).toInstant()));
  }

  private static LocalDate day(Date date) {
    return date.toInstant().atZone(BEIJING).toLocalDate();
  }

  private int versions() {
    return jdbc.queryForObject("select count(*) from holiday_schedule_version", Integer.class);
  }

  private ResponseEntity<JsonNode> get(String user, String path) {
    return http.withBasicAuth(user, "demo").getForEntity(path, JsonNode.class);
  }

  private ResponseEntity<JsonNode> upload(String user, int year, String csv) {
    return http.withBasicAuth(user, "demo").postForEntity("/api/holiday-schedules/" + year, multipart(csv),
        JsonNode.class);
  }

  private static HttpEntity<MultiValueMap<String, Object>> multipart(String csv) {
    return CsvUpload.of("holidays.csv", csv);
  }
}
