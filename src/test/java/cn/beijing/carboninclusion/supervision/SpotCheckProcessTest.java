package cn.beijing.carboninclusion.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.TaskInputRejected;
import cn.beijing.carboninclusion.decision.DecisionRefused;
import cn.beijing.carboninclusion.disclosure.DisclosureEntry;
import cn.beijing.carboninclusion.disclosure.DisclosureFeed;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.project.ProjectStatus;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every path of SpotCheck (双随机、一公开) on PostgreSQL: all conforming; a finding on a project orders its
 * rectification; a finding on an agency bars it, published; the yearly timer draws for its year and ends at once in a
 * year already drawn; a second start of a year is refused. Each draw is recomputed from its recorded seed and
 * population. The tests choose their seed phrases so that the draw picks their own project or agency (by recomputing
 * the draw, as anyone can) — which is also why a phrase chosen before the population is fixed is no safeguard, see
 * docs/processes/supervision.md.
 */
class SpotCheckProcessTest extends PlatformIntegrationTest {
  private static final List<Integer> YEARS = List.of(2061, 2062, 2063, 2064, 2065);

  @Autowired ProcessEngine processEngine;
  @Autowired ApplicationContext context;
  @Autowired SpotChecks spotChecks;
  @Autowired SpotCheckItems items;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired DisclosureFeed feed;
  @Autowired Bars bars;
  @Autowired ServiceAgencies agencies;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactionManager;

  private ProjectCases cases;
  private final List<Long> projects = new ArrayList<>();

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    cases = new ProjectCases(context);
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    identityService.clearAuthentication();
    for (Integer year : YEARS) {
      runtimeService.createProcessInstanceQuery().processDefinitionKey(SpotChecks.PROCESS)
          .processInstanceBusinessKey(String.valueOf(year)).list()
          .forEach(pi -> runtimeService.deleteProcessInstance(pi.getId(), "test finished", true, true));
    }
    for (Long project : projects) {
      runtimeService.createProcessInstanceQuery().processDefinitionKey("Rectification")
          .processInstanceBusinessKey(String.valueOf(project)).list()
          .forEach(pi -> runtimeService.deleteProcessInstance(pi.getId(), "test finished", true, true));
    }
    String years = YEARS.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow();
    jdbc.update("delete from spot_check_population where draw_id in (select id from spot_check_draw where draw_year in ("
        + years + "))");
    jdbc.update("delete from spot_check_item where draw_id in (select id from spot_check_draw where draw_year in ("
        + years + "))");
    jdbc.update("delete from spot_check_draw where draw_year in (" + years + ")");
    cases.cleanUp();
  }

  @Test
  void whenEverySubjectConformsTheResultsArePublishedAndTheDrawRecomputes() {
    Project project = aRegisteredProject();
    ServiceAgency agency = anAgency();
    ProcessInstance pi = start(2061, 1, 1, phraseDrawing(2061, project.getId(), agency.getId()));

    assertThat(pi).hasPassed("Task_DrawSample", "Task_PublishDraw").isWaitingAt("Task_Inspect");
    SpotCheckDraw draw = spotChecks.ofYear(2061);
    List<SpotCheckItem> drawn = spotChecks.itemsOf(draw);
    assertThat(drawn).extracting(SpotCheckItem::getSubjectId).containsExactly(project.getId(), agency.getId());
    assertRecomputable(draw, drawn);
    // the draw is published at once: seed and population digest for anyone to recompute
    assertThat(feed.about(SpotChecks.CASE_TYPE, draw.getId())).extracting(DisclosureEntry::getKind)
        .containsExactly("SPOT_CHECK_DRAWN");
    assertThat(feed.about(SpotChecks.CASE_TYPE, draw.getId()).get(0).getBody()).contains(draw.getSeed())
        .contains(draw.getPopulationDigest());
    // 双随机: the project's inspector is none of the people who decided on its registration
    SpotCheckItem projectItem = drawn.get(0);
    assertThat(projectItem.getInspector()).isNotNull().isNotIn("wangfang", "zhangwei");
    assertThat(inspections(pi)).hasSize(2).allSatisfy(task -> assertThat(task.getDueDate()).isNotNull())
        .extracting(Task::getAssignee).containsExactlyInAnyOrderElementsOf(
            drawn.stream().map(SpotCheckItem::getInspector).toList());

    for (Task task : inspections(pi)) {
      inspect(task, Map.of("inspectionConclusion", "CONFORMING"));
    }
    execute(job("Task_PublishResults", pi));

    assertThat(pi).isEnded().hasPassed("EndEvent_SpotCheckCompleted").hasNotPassed("Task_StartRectification",
        "Task_BarAgency");
    assertThat(spotChecks.itemsOf(draw)).extracting(SpotCheckItem::getOutcome)
        .containsOnly(SpotCheckItem.Outcome.CONFORMING);
    assertThat(spotChecks.ofYear(2061).getCompletedAt()).isNotNull();
    assertThat(feed.about(SpotChecks.CASE_TYPE, draw.getId())).extracting(DisclosureEntry::getKind)
        .containsExactly("SPOT_CHECK_DRAWN", "SPOT_CHECK_RESULTS");
    assertThat(cases.current(project.getId()).getStatus()).isEqualTo(ProjectStatus.REGISTERED);
  }

  @Test
  void aFindingOnAProjectOrdersItsRectification() {
    Project project = aRegisteredProject();
    ProcessInstance pi = start(2062, 1, 0, phraseDrawing(2062, project.getId(), null));
    Task task = inspections(pi).get(0);

    // the form is the contract: a finding needs its description; a bar is no action for a project
    assertThatThrownBy(() -> inspect(task, Map.of("inspectionConclusion", "FINDING", "proposedAction", "RECTIFY")))
        .isInstanceOf(DecisionRefused.class).hasMessageContaining("findingDescription");
    assertThatThrownBy(() -> inspect(task, Map.of("inspectionConclusion", "CONFORMING", "proposedAction", "NONE")))
        .isInstanceOf(DecisionRefused.class).hasMessageContaining("proposedAction");
    assertInputRejected(() -> inspect(task, Map.of("inspectionConclusion", "FINDING", "findingDescription", "收益返还台账缺失",
        "proposedAction", "BAR")));
    assertThat(pi).isWaitingAt("Task_Inspect");

    inspect(task, Map.of("inspectionConclusion", "FINDING", "findingDescription", "现场核查发现收益返还台账缺失，与组织实施方案不符",
        "proposedAction", "RECTIFY"));
    execute(job("Task_StartRectification", pi));

    ProcessInstance rectification = runtimeService.createProcessInstanceQuery().processDefinitionKey("Rectification")
        .processInstanceBusinessKey(String.valueOf(project.getId())).singleResult();
    assertThat(rectification).isNotNull().isWaitingAt("Task_SubmitRectificationReport");
    assertThat(runtimeService.getVariable(rectification.getId(), "finding").toString())
        .contains("双随机抽查").contains("收益返还台账缺失");
    assertThat(runtimeService.getVariable(rectification.getId(), "findingKind")).isEqualTo("双随机抽查发现问题");
    assertThat(cases.current(project.getId()).getStatus()).isEqualTo(ProjectStatus.SUSPENDED);
    SpotCheckItem item = spotChecks.itemsOf(spotChecks.ofYear(2062)).get(0);
    assertThat(item.getOutcome()).isEqualTo(SpotCheckItem.Outcome.RECTIFICATION_STARTED);
    assertThat(item.getFinding()).contains("收益返还台账缺失");

    execute(job("Task_PublishResults", pi));
    assertThat(pi).isEnded().hasPassed("Task_StartRectification", "EndEvent_SpotCheckCompleted");
  }

  @Test
  void aFindingOnAnAgencyBarsItForTheRulesYearsAndPublishesTheBar() {
    ServiceAgency agency = anAgency();
    ProcessInstance pi = start(2063, 0, 1, phraseDrawing(2063, null, agency.getId()));
    Task task = inspections(pi).get(0);
    assertInputRejected(() -> inspect(task, Map.of("inspectionConclusion", "FINDING", "findingDescription", "核查报告抽样记录不实",
        "proposedAction", "RECTIFY")));

    inspect(task, Map.of("inspectionConclusion", "FINDING", "findingDescription", "核查报告抽样记录与原始凭证不符",
        "proposedAction", "BAR"));
    execute(job("Task_BarAgency", pi));

    assertThat(bars.agencyBarred(agency.getId())).isTrue();
    Bar bar = bars.agencyBar(agency.getId()).orElseThrow();
    assertThat(bar.getReason()).contains("双随机抽查").contains("原始凭证不符");
    assertThat(bar.getBarredUntil()).isEqualTo(bar.getBarredFrom().plusYears(3));
    assertThat(bar.getBarredBy()).isEqualTo(task.getAssignee());
    assertThat(feed.about(Bars.CASE_TYPE, bar.getId())).extracting(DisclosureEntry::getKind)
        .containsExactly("AGENCY_BARRED");
    assertThat(spotChecks.itemsOf(spotChecks.ofYear(2063)).get(0).getOutcome())
        .isEqualTo(SpotCheckItem.Outcome.BARRED);

    execute(job("Task_PublishResults", pi));
    assertThat(pi).isEnded().hasPassed("Task_BarAgency", "EndEvent_SpotCheckCompleted");
    assertThat(feed.about(SpotChecks.CASE_TYPE, spotChecks.ofYear(2063).getId()).get(1).getBody())
        .contains("服务机构已禁入");
  }

  @Test
  void theYearlyTimerDrawsForItsYearByTheRulesAndASecondStartOfAYearIsRefused() {
    Project project = aRegisteredProject();
    // the bureau drew 2064 by hand: a second start is refused, and the timer of that year draws nothing
    start(2064, 1, 0, phraseDrawing(2064, project.getId(), null));
    assertThatThrownBy(() -> spotChecks.start(new SpotChecks.Order(2064, 1, 0, null), "lina"))
        .isInstanceOf(ConflictException.class).hasMessageContaining("2064");
    long alreadyDrawn = historyService.createHistoricActivityInstanceQuery().activityId("EndEvent_AlreadyDrawn")
        .count();
    fireYearlyTimer("2064-03-02T01:00:00Z");
    assertThat(historyService.createHistoricActivityInstanceQuery().activityId("EndEvent_AlreadyDrawn").count())
        .isEqualTo(alreadyDrawn + 1);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(SpotChecks.PROCESS)
        .processInstanceBusinessKey("2064").count()).isOne();

    // in 2065 the timer draws by the rules, with a random phrase it records, as the system
    fireYearlyTimer("2065-03-02T01:00:00Z");
    SpotCheckDraw draw = spotChecks.ofYear(2065);
    assertThat(draw.getDrawnBy()).isEqualTo("system");
    assertThat(draw.getSeedPhrase()).matches("[0-9a-f]{64}");
    assertThat(draw.getSeed()).isEqualTo(SpotCheckSampling.seed(2065, draw.getSeedPhrase()));
    assertThat(draw.getProjectSample()).isEqualTo(SpotCheckSampling.sampleSize(draw.getProjectPopulation(),
        new java.math.BigDecimal("0.10"), 3));
    assertThat(draw.getAgencySample()).isEqualTo(SpotCheckSampling.sampleSize(draw.getAgencyPopulation(),
        new java.math.BigDecimal("0.20"), 1));
    assertRecomputable(draw, spotChecks.itemsOf(draw));
    ProcessInstance timed = runtimeService.createProcessInstanceQuery().processDefinitionKey(SpotChecks.PROCESS)
        .processInstanceBusinessKey("2065").singleResult();
    assertThat(timed).isWaitingAt("Task_Inspect");
    // a subject without an eligible drawn inspector goes to the bureau's group; everyone else to the one drawn
    Map<Long, String> inspectors = new HashMap<>();
    spotChecks.itemsOf(draw).forEach(item -> inspectors.put(item.getId(), item.getInspector()));
    List<Task> tasks = inspections(timed);
    assertThat(tasks).hasSize(inspectors.size());
    for (Task task : tasks) {
      Long itemId = ((Number) taskService.getVariable(task.getId(), "spotCheckItemId")).longValue();
      assertThat(task.getAssignee()).isEqualTo(inspectors.get(itemId));
      if (task.getAssignee() == null) {
        assertThat(taskService.getIdentityLinksForTask(task.getId())).anyMatch(l -> "bureau".equals(l.getGroupId()));
      }
    }
    // one yearly timer remains, for the next year
    assertThat(managementService.createJobQuery().processDefinitionKey(SpotChecks.PROCESS).timers().count())
        .isOne();
  }

  // ---- helpers -----------------------------------------------------------------------------------------------

  private Project aRegisteredProject() {
    Project project = cases.aRegisteredProject();
    projects.add(project.getId());
    return project;
  }

  private ServiceAgency anAgency() {
    return new TransactionTemplate(transactionManager).execute(s -> agencies.record(ProjectCases.aCreditCode(),
        "抽查测试核查机构-" + java.util.UUID.randomUUID(), AgencyKind.VERIFIER));
  }

  private ProcessInstance start(int year, int projectCount, int agencyCount, String phrase) {
    spotChecks.start(new SpotChecks.Order(year, projectCount, agencyCount, phrase), "zhangwei");
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(SpotChecks.PROCESS)
        .processInstanceBusinessKey(String.valueOf(year)).singleResult();
  }

  /**
   * A seed phrase whose draw of one project (and one agency) from today's population picks exactly these: the draw
   * recomputed as anyone can.
   */
  private String phraseDrawing(int year, Long projectId, Long agencyId) {
    List<Long> projectPopulation = jdbc.queryForList("select id from project where project_class = 'CLASS_I'"
        + " and status = 'REGISTERED' order by id", Long.class);
    Set<Long> barred = bars.barredIds(Bar.SubjectKind.AGENCY);
    List<Long> agencyPopulation = jdbc.queryForList("select id from service_agency order by id", Long.class).stream()
        .filter(id -> !barred.contains(id)).toList();
    for (int i = 0; i < 1_000_000; i++) {
      String phrase = "测试口令-" + i;
      String seed = SpotCheckSampling.seed(year, phrase);
      if (projectId != null && !SpotCheckSampling.draw(seed, SpotCheckSubjectKind.PROJECT, projectPopulation, 1)
          .equals(List.of(projectId))) {
        continue;
      }
      if (agencyId != null && !SpotCheckSampling.draw(seed, SpotCheckSubjectKind.AGENCY, agencyPopulation, 1)
          .equals(List.of(agencyId))) {
        continue;
      }
      return phrase;
    }
    throw new AssertionError("no phrase draws " + projectId + " and " + agencyId);
  }

  /** The recorded items are the draw recomputed from the recorded seed and population; the digest matches. */
  private void assertRecomputable(SpotCheckDraw draw, List<SpotCheckItem> drawn) {
    List<Long> projectPopulation = spotChecks.population(draw, SpotCheckSubjectKind.PROJECT);
    List<Long> agencyPopulation = spotChecks.population(draw, SpotCheckSubjectKind.AGENCY);
    assertThat(projectPopulation).hasSize(draw.getProjectPopulation());
    assertThat(agencyPopulation).hasSize(draw.getAgencyPopulation());
    assertThat(SpotCheckSampling.populationDigest(projectPopulation, agencyPopulation))
        .isEqualTo(draw.getPopulationDigest());
    List<Long> expected = new ArrayList<>(SpotCheckSampling.draw(draw.getSeed(), SpotCheckSubjectKind.PROJECT,
        projectPopulation, draw.getProjectSample()));
    expected.addAll(SpotCheckSampling.draw(draw.getSeed(), SpotCheckSubjectKind.AGENCY, agencyPopulation,
        draw.getAgencySample()));
    assertThat(drawn).extracting(SpotCheckItem::getSubjectId).containsExactlyElementsOf(expected);
  }

  private List<Task> inspections(ProcessInstance pi) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_Inspect")
        .orderByTaskId().asc().list();
  }

  /** Completes the inspection as its drawn inspector (authenticated with that person's groups). */
  private void inspect(Task task, Map<String, Object> values) {
    String inspector = task.getAssignee();
    assertThat(inspector).as("the drawn inspector of " + task.getId()).isNotNull();
    List<String> groups = identityService.createGroupQuery().groupMember(inspector).list().stream()
        .map(Group::getId).toList();
    identityService.setAuthentication(inspector, groups);
    try {
      taskService.complete(task.getId(), new HashMap<>(values));
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** The task listener refused the input (400, the task stays open), whether or not the engine wrapped it. */
  private static void assertInputRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable act) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(act);
    Throwable cause = thrown;
    while (cause != null && !(cause instanceof TaskInputRejected)) {
      cause = cause.getCause();
    }
    assertThat(cause).as("a TaskInputRejected in " + thrown).isNotNull();
    assertThat(cause.getMessage()).contains("proposedAction");
  }

  private void fireYearlyTimer(String at) {
    ClockUtil.setCurrentTime(Date.from(Instant.parse(at)));
    try {
      Job timer = managementService.createJobQuery().processDefinitionKey(SpotChecks.PROCESS).timers()
          .singleResult();
      assertThat(timer).as("the yearly timer of SpotCheck").isNotNull();
      managementService.executeJob(timer.getId());
    } finally {
      ClockUtil.reset();
    }
  }
}
