package cn.beijing.carboninclusion.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.developer.DeveloperOrganisations;
import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.kpi.SchemeKpiSnapshot.GroupBreaches;
import cn.beijing.carboninclusion.kpi.SchemeKpiSnapshot.GroupTasks;
import cn.beijing.carboninclusion.kpi.SchemeKpiSnapshot.MonthlyIssuance;
import cn.beijing.carboninclusion.kpi.SchemeKpiSnapshot.ProcessCases;
import cn.beijing.carboninclusion.kpi.SchemeKpiSnapshot.StageCases;
import cn.beijing.carboninclusion.kpi.SchemeKpiSnapshot.DailyFigure;
import cn.beijing.carboninclusion.kpi.SchemeKpiSnapshot.MonthlyBreaches;
import cn.beijing.carboninclusion.kpi.SchemeKpiSnapshot.MonthlyRetirement;
import cn.beijing.carboninclusion.kpi.SchemeKpiSnapshot.StageBox;
import cn.beijing.carboninclusion.kpi.SchemeKpiSnapshot.StageCycleTime;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectApplicationRequest;
import cn.beijing.carboninclusion.project.ProjectApplications;
import cn.beijing.carboninclusion.project.ProjectClass;
import cn.beijing.carboninclusion.registry.IssueRequest;
import cn.beijing.carboninclusion.registry.Registry;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The KPI computations on a seeded history with known durations. A process of the test's own (its own key and
 * candidate groups, so the data other tests leave in the shared database does not count) is driven through real
 * process instances under a controlled engine clock:
 * <pre>
 *   T0        6 cases start, each at 技术评估 (review group, due T0+4h)
 *   T0+dᵢ h   case i completes 技术评估 after dᵢ = 1, 2, 3, 4, 5, 10 hours → 审批决定 (decide group)
 *   T0+7h     a 7th case, started at T0, is deleted: its 7-hour task is not a completed one
 *   T0+100h   the snapshot
 * </pre>
 * Expected (nearest rank: rank ⌈p·n⌉ of the sorted values): review cycle time n = 6, median = rank 3 = 3 h
 * (interpolation would give 3.5), p90 = rank 6 = 10 h (interpolation: 7.5); completed late = 2 (5 h and 10 h after
 * a 4 h due date). Open decide tasks aged 99, 98, 97, 96, 95, 90 h: oldest 99, median = rank 3 of the ascending ages
 * = 96 h; 2 of them due at T0+50h are overdue. Box plot of the review: min 1 h, Q1 = rank ⌈1.5⌉ = 2 h, median 3 h,
 * Q3 = rank ⌈4.5⌉ = 5 h, max 10 h; the 2 late completions count in the month of T0+5h and T0+10h.
 */
class SchemeKpisTest extends PlatformIntegrationTest {
  @Autowired SchemeKpis kpis;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired IdentityService identityService;
  @Autowired ProjectApplications applications;
  @Autowired Registry registry;
  @Autowired DeveloperOrganisations organisations;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired JdbcTemplate jdbc;
  @Autowired KpiDailyHistory dailyHistory;

  private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  private final String processKey = "KpiSeed" + suffix;
  private final String reviewGroup = "kpiReview" + suffix;
  private final String decideGroup = "kpiDecide" + suffix;
  private final List<String> deployments = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
    List.of(reviewGroup, decideGroup).forEach(identityService::deleteGroup);
  }

  @Test
  void figuresOfASeededHistoryAreExact() {
    deploySeedProcess();
    Instant t0 = Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS);
    SchemeKpiSnapshot snapshot;
    SchemeKpiSnapshot before;
    try {
      at(t0.plus(Duration.ofHours(100)));
      before = kpis.compute();
      at(t0);
      List<ProcessInstance> cases = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        cases.add(runtimeService.startProcessInstanceByKey(processKey));
      }
      ProcessInstance deleted = runtimeService.startProcessInstanceByKey(processKey);
      for (ProcessInstance pi : cases) {
        Task review = task(pi, "Task_Review");
        review.setDueDate(Date.from(t0.plus(Duration.ofHours(4))));
        taskService.saveTask(review);
      }
      int[] hours = {5, 1, 10, 3, 2, 4};   // out of order on purpose
      for (int i = 0; i < cases.size(); i++) {
        at(t0.plus(Duration.ofHours(hours[i])));
        taskService.complete(task(cases.get(i), "Task_Review").getId());
        Task decide = task(cases.get(i), "Task_Decide");
        decide.setDueDate(Date.from(t0.plus(Duration.ofHours(i < 2 ? 50 : 200))));
        taskService.saveTask(decide);
      }
      at(t0.plus(Duration.ofHours(7)));
      runtimeService.deleteProcessInstance(deleted.getId(), "测试：撤回");

      at(t0.plus(Duration.ofHours(100)));
      snapshot = kpis.compute();
    } finally {
      ClockUtil.reset();
    }

    assertThat(snapshot.computedAt()).isEqualTo(t0.plus(Duration.ofHours(100)));
    assertThat(snapshot.casesByProcess()).filteredOn(p -> p.processKey().equals(processKey))
        .containsExactly(new ProcessCases(processKey, "KPI 测试流程", 6));
    assertThat(snapshot.casesByStage()).filteredOn(s -> s.processKey().equals(processKey))
        .containsExactly(new StageCases(processKey, "Task_Decide", "审批决定", 6));

    assertThat(snapshot.cycleTimes()).filteredOn(c -> c.processKey().equals(processKey))
        .containsExactly(new StageCycleTime(processKey, "Task_Review", "技术评估", 6, hours("3.00"), hours("10.00")));

    assertThat(snapshot.openTasks()).filteredOn(t -> t.group().startsWith("kpi") && t.group().endsWith(suffix))
        .containsExactly(new GroupTasks(decideGroup, 6, hours("99.00"), hours("96.00")));

    assertThat(snapshot.slaBreaches()).filteredOn(b -> b.group().endsWith(suffix)).containsExactlyInAnyOrder(
        new GroupBreaches(decideGroup, 2, 0),
        new GroupBreaches(reviewGroup, 0, 2));

    assertThat(snapshot.cycleTimeBoxes()).filteredOn(c -> c.processKey().equals(processKey)).containsExactly(
        new StageBox(processKey, "Task_Review", "技术评估", 6, hours("1.00"), hours("2.00"), hours("3.00"),
            hours("5.00"), hours("10.00")));
    ZoneId zone = ZoneId.of("Asia/Shanghai");
    List<String> lateMonths = List.of(YearMonth.from(t0.plus(Duration.ofHours(5)).atZone(zone)).toString(),
        YearMonth.from(t0.plus(Duration.ofHours(10)).atZone(zone)).toString());
    assertThat(snapshot.slaBreachesByMonth()).hasSize(12);
    assertThat(snapshot.slaBreachesByMonth().get(11).month())
        .isEqualTo(YearMonth.from(t0.plus(Duration.ofHours(100)).atZone(zone)).toString());
    for (int m = 0; m < 12; m++) {
      MonthlyBreaches after = snapshot.slaBreachesByMonth().get(m);
      long expected = lateMonths.stream().filter(after.month()::equals).count();
      assertThat(after.completedLate() - before.slaBreachesByMonth().get(m).completedLate()).as(after.month())
          .isEqualTo(expected);
    }
  }

  @Test
  void retirementsCountPerMonthAndPurposeWithoutCancellations() {
    long account = jdbc.queryForObject("select id from registry_account where kind = 'RETIREMENT'", Long.class);
    List<MonthlyRetirement> before = kpis.compute().reductionsRetired();
    java.time.OffsetDateTime now = java.time.OffsetDateTime.now();
    jdbc.update("""
        insert into registry_retirement (kind, purpose, account_id, quantity, beneficiary, actor, occurred_at)
        values ('RETIREMENT', 'VOLUNTARY', ?, 25, ?, 'kpi-test', ?)""", account, "KPI测试-" + suffix, now);
    jdbc.update("""
        insert into registry_retirement (kind, account_id, quantity, reason, actor, occurred_at)
        values ('CANCELLATION', ?, 7, ?, 'kpi-test', ?)""", account, "KPI测试-" + suffix, now);
    try {
      List<MonthlyRetirement> after = kpis.compute().reductionsRetired();
      assertThat(after).hasSize(12);
      assertThat(after.get(11).month()).isEqualTo(YearMonth.now(ZoneId.of("Asia/Shanghai")).toString());
      assertThat(after.get(11).tco2eByPurpose()).containsOnlyKeys(SchemeKpis.RETIREMENT_PURPOSES);
      assertThat(after.get(11).tco2eByPurpose().get("VOLUNTARY") - before.get(11).tco2eByPurpose().get("VOLUNTARY"))
          .isEqualTo(25);
      assertThat(after.get(11).tco2e() - before.get(11).tco2e()).isEqualTo(25);
      assertThat(after.subList(0, 11)).isEqualTo(before.subList(0, 11));
    } finally {
      jdbc.update("delete from registry_retirement where actor = 'kpi-test' and (beneficiary = ? or reason = ?)",
          "KPI测试-" + suffix, "KPI测试-" + suffix);
    }
  }

  @Test
  void dailySnapshotsAreWrittenOnceADayServedForNinetyDaysAndPurgedAfterFourHundred() {
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    // written on start-up already; written again (once) after today's rows are gone
    assertThat(dailyHistory.recordToday()).isFalse();
    jdbc.update("delete from kpi_daily where snapshot_day = ?", java.sql.Date.valueOf(today));
    assertThat(dailyHistory.recordToday()).isTrue();
    assertThat(dailyHistory.recordToday()).isFalse();
    String key = "kpiTest" + suffix;
    for (int daysAgo : new int[] {10, 89, 90, 401}) {
      jdbc.update("""
          insert into kpi_daily (snapshot_day, kind, key1, key2, label, figure, recorded_at)
          values (?, 'GROUP', ?, '', null, ?, current_timestamp)""",
          java.sql.Date.valueOf(today.minusDays(daysAgo)), key, daysAgo);
    }
    try {
      List<DailyFigure> daily = kpis.compute().daily();
      assertThat(daily).filteredOn(f -> f.day().equals(today.toString()) && f.kind().equals("CASES")).hasSize(1);
      assertThat(daily).filteredOn(f -> f.key1().equals(key)).extracting(DailyFigure::day)
          .containsExactly(today.minusDays(89).toString(), today.minusDays(10).toString());
      assertThat(dailyHistory.purge()).isGreaterThanOrEqualTo(1);
      assertThat(jdbc.queryForObject("select count(*) from kpi_daily where key1 = ?", Integer.class, key))
          .isEqualTo(3);
    } finally {
      jdbc.update("delete from kpi_daily where key1 = ?", key);
    }
  }

  @Test
  void theCycleTimeWindowLeavesOutTasksCompletedBeforeIt() {
    deploySeedProcess();
    Instant t0 = Instant.now().minus(Duration.ofDays(200)).truncatedTo(ChronoUnit.SECONDS);
    SchemeKpiSnapshot snapshot;
    try {
      at(t0);
      ProcessInstance old = runtimeService.startProcessInstanceByKey(processKey);
      at(t0.plus(Duration.ofHours(30)));
      taskService.complete(task(old, "Task_Review").getId());
      ClockUtil.reset();
      ProcessInstance recent = runtimeService.startProcessInstanceByKey(processKey);
      taskService.complete(task(recent, "Task_Review").getId());
      snapshot = kpis.compute();
    } finally {
      ClockUtil.reset();
    }
    // only the recent one (completed within 90 days, in no time) counts; the 30-hour one is 200 days old
    StageCycleTime review = snapshot.cycleTimes().stream().filter(c -> c.processKey().equals(processKey)).findFirst()
        .orElseThrow();
    assertThat(review.count()).isEqualTo(1);
    assertThat(review.p90Hours()).isEqualByComparingTo("0");
  }

  @Test
  void reductionsIssuedCountInTheCurrentMonthOfTwelve() {
    ZoneId zone = ZoneId.of("Asia/Shanghai");
    List<MonthlyIssuance> before = kpis.compute().reductionsIssued();
    long developerId = organisations.findByCreditCode("91110105MA01ABCD13").orElseThrow().getId();
    String registrationNo = String.format("BJCI-P-2098-%04d", ThreadLocalRandom.current().nextInt(10_000));
    long projectId = ThreadLocalRandom.current().nextLong(2_000_000_000L, 3_000_000_000L);
    TransactionTemplate transaction = new TransactionTemplate(transactionManager);
    transaction.executeWithoutResult(s -> registry.issue(
        new IssueRequest(projectId, projectId, registrationNo, developerId, 2024, 40)));
    transaction.executeWithoutResult(s -> registry.issue(
        new IssueRequest(projectId + 1, projectId, registrationNo, developerId, 2025, 60)));

    List<MonthlyIssuance> after = kpis.compute().reductionsIssued();

    String thisMonth = YearMonth.now(zone).toString();
    assertThat(after).hasSize(12);
    assertThat(after.get(11).month()).isEqualTo(thisMonth);
    assertThat(after.get(0).month()).isEqualTo(YearMonth.now(zone).minusMonths(11).toString());
    assertThat(after.get(11).tco2e() - before.get(11).tco2e()).isEqualTo(100);
    assertThat(after.subList(0, 11)).isEqualTo(before.subList(0, 11));
  }

  @Test
  void projectsAreCountedPerStatusWithTheSuspendedOnesApart() {
    SchemeKpiSnapshot before = kpis.compute();
    Project project = fileClassTwoProject();
    SchemeKpiSnapshot recorded = kpis.compute();
    assertThat(recorded.projectsByStatus().get("RECORDED") - before.projectsByStatus().get("RECORDED")).isEqualTo(1);
    assertThat(recorded.projectsByStatus()).containsKeys("SUBMITTED", "REGISTERED", "SUSPENDED", "CANCELLED");

    jdbc.update("update project set status = 'SUSPENDED' where id = ?", project.getId());
    try {
      SchemeKpiSnapshot suspended = kpis.compute();
      assertThat(suspended.suspendedProjects() - before.suspendedProjects()).isEqualTo(1);
      assertThat(suspended.projectsByStatus().get("SUSPENDED")).isEqualTo(suspended.suspendedProjects());
      assertThat(suspended.projectsByStatus().get("RECORDED")).isEqualTo(before.projectsByStatus().get("RECORDED"));
    } finally {
      jdbc.update("update project set status = 'RECORDED' where id = ?", project.getId());
    }
  }

  @Test
  void nearestRankHoursHaveTwoDecimals() {
    assertThat(SchemeKpis.hours(5_400_000L)).isEqualTo(hours("1.50"));
    assertThat(SchemeKpis.hours(1L)).isEqualTo(hours("0.00"));
    assertThat(SchemeKpis.hours(18_000L)).isEqualTo(hours("0.01"));
  }

  // ------------------------------------------------------------------ support

  private void deploySeedProcess() {
    // the deploy-time check refuses candidate groups that do not exist: the test's own groups are created first
    List.of(reviewGroup, decideGroup).forEach(id -> identityService.saveGroup(identityService.newGroup(id)));
    BpmnModelInstance model = Bpmn.createExecutableProcess(processKey).name("KPI 测试流程")
        .camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Filed")
        .userTask("Task_Review").name("技术评估").camundaCandidateGroups(reviewGroup)
        .userTask("Task_Decide").name("审批决定").camundaCandidateGroups(decideGroup)
        .endEvent("EndEvent_Done")
        .done();
    deployments.add(repositoryService.createDeployment().name("kpi-test-" + suffix)
        .addModelInstance(processKey + ".bpmn", model).deploy().getId());
  }

  private Task task(ProcessInstance pi, String key) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
  }

  private static void at(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  private static BigDecimal hours(String value) {
    return new BigDecimal(value);
  }

  private Project fileClassTwoProject() {
    String name = "KPI测试项目-" + suffix;
    ProjectApplicationRequest request = new ProjectApplicationRequest(name, ProjectClass.CLASS_II, "BJCI-M-PARKING",
        "海淀区", "中关村大街 1 号", "自愿停驶", LocalDate.of(2025, 3, 1), null, null, null, null, null, List.of());
    identityService.setAuthentication("greentravel", List.of(Groups.DEVELOPER));
    try {
      return applications.apply(request, List.of(), null);
    } finally {
      identityService.clearAuthentication();
    }
  }
}
