package cn.beijing.carboninclusion.methodology;

import static cn.beijing.carboninclusion.methodology.MethodologyCases.BUREAU_OFFICER;
import static cn.beijing.carboninclusion.methodology.MethodologyCases.EVALUATION;
import static cn.beijing.carboninclusion.methodology.MethodologyCases.TECHNICAL_REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.common.CaseCheck;
import cn.beijing.carboninclusion.common.CaseCheck.Outcome;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.disclosure.DisclosureEntry;
import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectStatus;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The paths of MethodologyEvaluation (方法学动态评估), each on a methodology freshly published through
 * MethodologyFormulation (so no test shares an evaluation instance with another): the yearly cycle, the bureau's
 * request, and the four decisions — keep, change level, revise, retire.
 */
class MethodologyEvaluationProcessTest extends PlatformIntegrationTest {
  @Autowired ApplicationContext context;
  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired WorkingDayCalendar workingDays;
  @Autowired MethodologyEvaluations evaluations;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  private MethodologyCases cases;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    cases = new MethodologyCases(context);
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    cases.cleanUp();
  }

  // ---- (a) the yearly cycle; keep ------------------------------------------------------------------------------

  @Test
  void theCycleTimerStartsAnEvaluationThatKeepsTheMethodology() {
    Instant publishedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ClockUtil.setCurrentTime(Date.from(publishedAt));
    Methodology methodology = cases.anEffectiveMethodology(1);
    ProcessInstance pi = cases.evaluationOf(methodology);
    assertThat(pi).hasPassed("StartEvent_EvaluationCycleStarted").hasNotPassed("Task_CollectUsage");
    assertAwaitingEvaluation(pi, publishedAt);

    Job cycleEnds = job("Timer_EvaluationDue", pi);
    Instant dueAt = cycleEnds.getDuedate().toInstant();
    ClockUtil.setCurrentTime(Date.from(dueAt));
    execute(cycleEnds);

    assertThat(pi).hasPassedInOrder("Timer_EvaluationDue", "Task_CollectUsage", "Task_StartEvaluation")
        .hasNotPassed("Event_EvaluationRequested").isWaitingAt("Task_AssessMethodology");
    Methodology underEvaluation = cases.current(methodology);
    assertThat(underEvaluation.getStatus()).isEqualTo(MethodologyStatus.UNDER_EVALUATION);
    assertThat(underEvaluation.getStatusReason()).isEqualTo("开展动态评估；评估期间方法学继续适用");
    assertThat(underEvaluation.isEffectiveOn(LocalDate.ofInstant(dueAt, workingDays.zone()))).isTrue();
    assertThat(pi).variables().containsEntry("usageSummary", "采用本方法学的项目共 0 个（无）；已登记减排量 0 tCO2e。");
    Task assessment = task("Task_AssessMethodology", pi);
    assertThat(assessment).hasCandidateGroup(Groups.TECHCENTER)
        .hasDueDate(Date.from(workingDays.addWorkingDays(dueAt, 20)));

    cases.completeAs(TECHNICAL_REVIEWER, assessment,
        withVariables("assessmentProposal", "KEEP", "assessmentComment", "应用情况正常，参数无需调整"));
    Task decision = task("Task_EvaluationDecision", pi);
    assertThat(decision).hasCandidateGroup(Groups.BUREAU).hasDueDate(Date.from(workingDays.addWorkingDays(dueAt, 15)));
    cases.completeAs(BUREAU_OFFICER, decision,
        withVariables("evaluationDecision", "KEEP", "evaluationComment", "方法学运行正常"));
    assertThat(pi).isWaitingAt("Task_KeepMethodology");
    execute(job("Task_KeepMethodology", pi));

    assertThat(pi).hasPassed("Task_KeepMethodology")
        .hasNotPassed("Task_ChangeLevel", "Task_StartRevision", "Task_RetireMethodology").isNotEnded();
    assertAwaitingEvaluation(pi, dueAt);
    Methodology kept = cases.current(methodology);
    assertThat(kept.getStatus()).isEqualTo(MethodologyStatus.EFFECTIVE);
    assertThat(kept.getLevel()).isEqualTo(1);
    assertThat(kept.getEffectiveFrom()).isEqualTo(LocalDate.ofInstant(publishedAt, workingDays.zone()));
    assertThat(kept.getEffectiveTo()).isNull();
    assertThat(kept.getStatusReason()).isEqualTo("动态评估结论：继续有效。方法学运行正常");
    assertThat(lastFeedEntryAbout(kept)).satisfies(entry -> {
      assertThat(entry.getTitle()).isEqualTo("方法学评估结论：" + MethodologyLifecycle.label(kept));
      assertThat(entry.getBody()).isEqualTo("继续有效。方法学运行正常");
    });
  }

  // ---- (b) the bureau's request; change of level -----------------------------------------------------------------

  @Test
  void anEvaluationRequestedByTheBureauMovesTheMethodologyToLevelTwo() {
    Instant requestedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ClockUtil.setCurrentTime(Date.from(requestedAt.minus(60, ChronoUnit.DAYS)));
    Methodology methodology = cases.anEffectiveMethodology(1);
    ClockUtil.setCurrentTime(Date.from(requestedAt));
    ProcessInstance pi = cases.evaluationOf(methodology);

    evaluations.request(methodology.getId());
    assertThat(pi).hasPassedInOrder("Event_EvaluationRequested", "Task_CollectUsage", "Task_StartEvaluation")
        .hasNotPassed("Timer_EvaluationDue").isWaitingAt("Task_AssessMethodology");
    assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).timers().count()).isZero();
    assertThat(cases.current(methodology).getStatus()).isEqualTo(MethodologyStatus.UNDER_EVALUATION);
    assertThatThrownBy(() -> evaluations.request(methodology.getId())).isInstanceOf(ConflictException.class)
        .hasMessageContaining("正在评估中");

    cases.completeAs(TECHNICAL_REVIEWER, task("Task_AssessMethodology", pi),
        withVariables("assessmentProposal", "RELEVEL", "assessmentComment", "实际减排量难以核证，建议调整为二级"));
    LocalDate today = LocalDate.ofInstant(requestedAt, workingDays.zone());
    Task decision = task("Task_EvaluationDecision", pi);
    // what the form cannot check: the dates are real, not in the past, in order; a choice for the projects is made
    assertThatThrownBy(() -> cases.completeAs(BUREAU_OFFICER, decision, withVariables("evaluationDecision", "RELEVEL",
        "evaluationComment", "调整为二级", "newVersionFrom", today.minusDays(1).toString(), "existingProjects",
        "CONTINUE"))).hasMessageContaining("newVersionFrom");
    assertThatThrownBy(() -> cases.completeAs(BUREAU_OFFICER, decision, withVariables("evaluationDecision", "RELEVEL",
        "evaluationComment", "调整为二级", "newVersionFrom", today.toString(), "existingProjects", "CLASS_TWO",
        "issuanceStopsOn", today.minusDays(1).toString()))).hasMessageContaining("issuanceStopsOn");
    assertThatThrownBy(() -> cases.completeAs(BUREAU_OFFICER, decision, withVariables("evaluationDecision", "RELEVEL",
        "evaluationComment", "调整为二级", "newVersionFrom", today.toString()))).hasMessageContaining("existingProjects");
    assertThat(pi).isWaitingAt("Task_EvaluationDecision");
    cases.completeAs(BUREAU_OFFICER, decision, withVariables("evaluationDecision", "RELEVEL", "evaluationComment",
        "调整为二级，用于公众参与", "newVersionFrom", today.toString(), "existingProjects", "CONTINUE"));
    assertThat(pi).isWaitingAt("Task_ChangeLevel");
    execute(job("Task_ChangeLevel", pi));

    // version 2 at level 2 from the decided date; version 1 unchanged in level, in force until the day before
    assertThat(pi).hasPassed("Task_ChangeLevel", "EndEvent_Relevelled").hasNotPassed("Task_KeepMethodology").isEnded();
    List<Methodology> versions = cases.versionsOf(methodology.getCode());
    assertThat(versions).hasSize(2);
    Methodology second = versions.get(0);
    Methodology first = cases.current(methodology);
    assertThat(second.getVersion()).isEqualTo(methodology.getVersion() + 1);
    assertThat(second.getLevel()).isEqualTo(2);
    assertThat(second.getStatus()).isEqualTo(MethodologyStatus.EFFECTIVE);
    assertThat(second.getEffectiveFrom()).isEqualTo(today);
    assertThat(second.getPreviousVersionId()).isEqualTo(methodology.getId());
    assertThat(second.getFormula()).isEqualTo(methodology.getFormula());
    assertThat(first.getLevel()).isEqualTo(1);
    assertThat(first.getStatus()).isEqualTo(MethodologyStatus.REVISED);
    assertThat(first.getEffectiveTo()).isEqualTo(today.minusDays(1));
    assertThat(first.getExistingProjects()).isEqualTo("CONTINUE");
    assertThat(first.getStatusReason()).isEqualTo("动态评估结论：调整为二级方法学，自 " + today + " 起由第2版替代，本版施行至 "
        + today.minusDays(1) + "。本版下已登记的项目在当前计入期内继续适用。调整为二级，用于公众参与");
    assertThat(lastFeedEntryAbout(second)).satisfies(entry -> {
      assertThat(entry.getTitle()).isEqualTo("方法学级别调整：" + MethodologyLifecycle.label(first) + " → 第2版（二级）");
      assertThat(entry.getBody()).contains("自 " + today + " 起施行第2版（二级方法学）");
    });
    // the new version has its own evaluation cycle
    assertAwaitingEvaluation(cases.evaluationOf(second), requestedAt);
    // a Class I project cannot register under the level-2 version
    Project project = cases.applyForProjectUnder(methodology.getCode());
    assertThat(project.getMethodologyId()).isEqualTo(second.getId());
    ProcessInstance registration = cases.registrationOf(project);
    assertThat(registration).hasPassed("BoundaryEvent_HardCheckFailed").isWaitingAt("Task_RejectApplication");
  }

  @Test
  void projectsMovedToClassTwoByARelevelHaveNoReductionsIssuedFromTheDecidedDate() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ClockUtil.setCurrentTime(Date.from(now.minus(120, ChronoUnit.DAYS)));
    Methodology methodology = cases.anEffectiveMethodology(1);
    cn.beijing.carboninclusion.project.ProjectCases projects = new cn.beijing.carboninclusion.project.ProjectCases(context);
    cn.beijing.carboninclusion.reduction.ReductionCases reductions =
        new cn.beijing.carboninclusion.reduction.ReductionCases(context, projects);
    Project registered = projects.aRegisteredProjectUnder(methodology.getCode());
    ClockUtil.setCurrentTime(Date.from(now));
    LocalDate today = LocalDate.ofInstant(now, workingDays.zone());
    // an application decided before the evaluation decision: it waits for its issuance
    var decided = reductions.fileTrips(registered, "5.2", 100_000);
    ProcessInstance beforeDecision = reductionOf(decided.getId());
    execute(job("Task_StartReview", beforeDecision));
    projects.verify(beforeDecision);
    projects.completeAs("wangfang", task("Task_TechnicalReview", beforeDecision),
        withVariables("reviewDecision", "APPROVE", "verifiedTco2e", 5.2, "reviewComment", "数据一致"));
    projects.completeAs("zhangwei", task("Task_BureauApproval", beforeDecision),
        withVariables("bureauDecision", "APPROVE", "approvedTco2e", 5.2, "bureauComment", "同意登记"));
    assertThat(beforeDecision).isWaitingAt("Task_IssueReductions");

    ProcessInstance pi = cases.evaluationOf(methodology);
    evaluations.request(methodology.getId());
    cases.completeAs(TECHNICAL_REVIEWER, task("Task_AssessMethodology", pi),
        withVariables("assessmentProposal", "RELEVEL", "assessmentComment", "难以核证"));
    cases.completeAs(BUREAU_OFFICER, task("Task_EvaluationDecision", pi), withVariables("evaluationDecision", "RELEVEL",
        "evaluationComment", "调整为二级", "newVersionFrom", today.toString(), "existingProjects", "CLASS_TWO",
        "issuanceStopsOn", today.toString()));
    execute(job("Task_ChangeLevel", pi));

    Methodology first = cases.current(methodology);
    assertThat(first.getExistingProjects()).isEqualTo("CLASS_TWO");
    assertThat(first.getIssuanceStopsOn()).isEqualTo(today);
    assertThat(first.stopsIssuanceOn(today)).isTrue();
    assertThat(first.stopsIssuanceOn(today.minusDays(1))).isFalse();
    // the issuance reads the decision itself, whatever the case's checks said when they ran
    assertThatThrownBy(() -> execute(job("Task_IssueReductions", beforeDecision)))
        .hasMessageContaining("自 " + today + " 起不再签发减排量");
    assertThat(beforeDecision).isWaitingAt("Task_IssueReductions");
    assertThat(jdbc.queryForObject("select count(*) from registry_journal where operation = 'ISSUE' and payload like ?",
        Long.class, "%application=" + decided.getId() + ";%")).isZero();
    // the project's next application is refused by the automatic checks, naming the decision
    var next = reductions.fileTrips(registered, LocalDate.of(2025, 7, 1), LocalDate.of(2025, 9, 30), "5.2", 100_000);
    ProcessInstance reduction = reductionOf(next.getId());
    assertThat(reduction).hasPassed("BoundaryEvent_HardCheckFailed").hasNotPassed("Task_TechnicalReview");
    assertThat(reduction).variables().containsEntry("hardCheckErrorCode", "Error_OutsideDeadline");
    assertThat((String) runtimeService.getVariable(reduction.getId(), "hardCheckErrorMessage"))
        .contains("自 " + today + " 起不再签发减排量");
    runtimeService.deleteProcessInstance(beforeDecision.getId(), "test finished", true, true);
    runtimeService.deleteProcessInstance(reduction.getId(), "test finished", true, true);
    projects.cleanUp();
  }

  // ---- (c) revision --------------------------------------------------------------------------------------------

  @Test
  void aRevisionStaysEffectiveUntilItsNewVersionIsPublishedAndThenEndsItsCycle() {
    Instant publishedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ClockUtil.setCurrentTime(Date.from(publishedAt));
    Methodology first = cases.anEffectiveMethodology(1);
    ProcessInstance firstEvaluation = cases.evaluationOf(first);

    Instant revisedAt = publishedAt.plus(30, ChronoUnit.DAYS);
    ClockUtil.setCurrentTime(Date.from(revisedAt));
    evaluations.request(first.getId());
    cases.completeAs(TECHNICAL_REVIEWER, task("Task_AssessMethodology", firstEvaluation),
        withVariables("assessmentProposal", "REVISE", "assessmentComment", "排放因子已过时"));
    cases.completeAs(BUREAU_OFFICER, task("Task_EvaluationDecision", firstEvaluation),
        withVariables("evaluationDecision", "REVISE", "evaluationComment", "排放因子需按最新数据更新"));
    assertThat(firstEvaluation).isWaitingAt("Task_StartRevision");
    execute(job("Task_StartRevision", firstEvaluation));

    assertThat(firstEvaluation).hasPassed("Task_StartRevision").isNotEnded();
    assertAwaitingEvaluation(firstEvaluation, revisedAt);
    Methodology stillEffective = cases.current(first);
    assertThat(stillEffective.getStatus()).isEqualTo(MethodologyStatus.EFFECTIVE);
    assertThat(stillEffective.getEffectiveTo()).isNull();
    assertThat(stillEffective.getStatusReason()).isEqualTo("动态评估结论：修订；新版本施行前本版本继续有效。排放因子需按最新数据更新");
    List<Methodology> versions = cases.versionsOf(first.getCode());
    assertThat(versions).extracting(Methodology::getVersion).containsExactly(2, 1);
    Methodology second = versions.get(0);
    cases.track(second);
    assertThat(second.getStatus()).isEqualTo(MethodologyStatus.DRAFT);
    assertThat(second.getPreviousVersionId()).isEqualTo(first.getId());
    assertThat(second.getLevel()).isEqualTo(1);
    assertThat(second.getFormula()).isEqualTo(first.getFormula());
    assertThat(second.getProposerDeveloperId()).isEqualTo(first.getProposerDeveloperId());
    assertThat(lastFeedEntryAbout(first)).satisfies(entry -> {
      assertThat(entry.getTitle()).isEqualTo("方法学启动修订：" + MethodologyLifecycle.label(first));
      assertThat(entry.getBody()).isEqualTo("第2版进入制定程序，施行前本版本继续有效。排放因子需按最新数据更新");
    });
    ProcessInstance secondFormulation = cases.formulationOf(second);
    assertThat(secondFormulation).hasPassed("EndEvent_ChecksPassed").isWaitingAt("Task_StartReview");
    assertThat(secondFormulation).variables().containsEntry("proposerName", "北京市生态环境局（动态评估后修订）")
        .containsEntry("methodologyName", first.getName() + "（第2版）");
    assertThat(cases.checksOf(second)).extracting(CaseCheck::getCheckName, CaseCheck::getOutcome).containsExactly(
        tuple(MethodologyRules.COMPLETENESS, Outcome.PASSED), tuple(MethodologyRules.OVERLAP, Outcome.PASSED),
        tuple(MethodologyRules.FORMULA, Outcome.PASSED));
    assertThat(cases.checksOf(second).get(1).getDetail()).isEqualTo("为现行方法学的修订版本");

    Instant secondPublishedAt = revisedAt.plus(40, ChronoUnit.DAYS);
    ClockUtil.setCurrentTime(Date.from(secondPublishedAt));
    LocalDate publicationDay = LocalDate.ofInstant(secondPublishedAt, workingDays.zone());
    cases.approve(second, 1);

    assertThat(secondFormulation).hasPassed("Task_PublishMethodology", "EndEvent_Published").isEnded();
    Methodology published = cases.current(second);
    assertThat(published.getStatus()).isEqualTo(MethodologyStatus.EFFECTIVE);
    assertThat(published.getEffectiveFrom()).isEqualTo(publicationDay);
    Methodology revised = cases.current(first);
    assertThat(revised.getStatus()).isEqualTo(MethodologyStatus.REVISED);
    assertThat(revised.getEffectiveFrom()).isEqualTo(LocalDate.ofInstant(publishedAt, workingDays.zone()));
    assertThat(revised.getEffectiveTo()).isEqualTo(publicationDay.minusDays(1));
    assertThat(revised.getStatusReason()).isEqualTo("已由第2版替代；已登记项目在当前计入期内可继续适用");
    assertThat(firstEvaluation).hasPassed("Event_MethodologySuperseded", "EndEvent_Superseded")
        .hasNotPassed("EndEvent_Retired").isEnded();
    assertThat(cases.runningInstancesOf(first, EVALUATION)).isZero();
    assertAwaitingEvaluation(cases.evaluationOf(published), secondPublishedAt);
  }

  // ---- (d) retirement --------------------------------------------------------------------------------------------

  @Test
  void aRetiredMethodologyEndsItsCycleAndNoNewProjectRegistersUnderIt() {
    Instant retiredAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ClockUtil.setCurrentTime(Date.from(retiredAt));
    LocalDate today = LocalDate.ofInstant(retiredAt, workingDays.zone());
    Methodology methodology = cases.anEffectiveMethodology(1);
    ProcessInstance pi = cases.evaluationOf(methodology);

    evaluations.request(methodology.getId());
    cases.completeAs(TECHNICAL_REVIEWER, task("Task_AssessMethodology", pi),
        withVariables("assessmentProposal", "RETIRE", "assessmentComment", "已无项目采用"));
    cases.completeAs(BUREAU_OFFICER, task("Task_EvaluationDecision", pi),
        withVariables("evaluationDecision", "RETIRE", "evaluationComment", "已有更完善的方法学替代", "existingProjects",
            "CONTINUE"));
    assertThat(pi).isWaitingAt("Task_RetireMethodology");
    execute(job("Task_RetireMethodology", pi));

    assertThat(pi).hasPassed("Task_RetireMethodology", "EndEvent_Retired").hasNotPassed("EndEvent_Superseded")
        .isEnded();
    Methodology retired = cases.current(methodology);
    assertThat(retired.getStatus()).isEqualTo(MethodologyStatus.RETIRED);
    assertThat(retired.getEffectiveTo()).isEqualTo(today);
    assertThat(retired.getStatusReason())
        .isEqualTo("动态评估结论：废止。不再受理新项目登记；本版下已登记的项目在当前计入期内继续适用。已有更完善的方法学替代");
    assertThat(lastFeedEntryAbout(retired)).satisfies(entry -> {
      assertThat(entry.getTitle()).isEqualTo("方法学废止：" + MethodologyLifecycle.label(retired));
      assertThat(entry.getBody()).isEqualTo("本版下已登记的项目在当前计入期内继续适用。已有更完善的方法学替代");
    });
    assertThatThrownBy(() -> evaluations.request(methodology.getId())).isInstanceOf(ConflictException.class);

    Project project = cases.applyForProjectUnder(methodology.getCode());
    assertThat(project.getMethodologyId()).isEqualTo(methodology.getId());
    ProcessInstance registration = cases.registrationOf(project);
    assertThat(registration).hasPassed("BoundaryEvent_HardCheckFailed").isWaitingAt("Task_RejectApplication");
    assertThat(registration).variables().containsEntry("hardCheckErrorCode", "Error_MethodologyNotEffective");
    execute(job("Task_RejectApplication", registration));

    assertThat(registration).hasPassed("EndEvent_Rejected").hasNotPassed("Task_StartReview").isEnded();
    Project rejected = cases.current(project);
    assertThat(rejected.getStatus()).isEqualTo(ProjectStatus.REJECTED);
    assertThat(rejected.getStatusReason()).isEqualTo("自动核查未通过：方法学" + MethodologyLifecycle.label(retired)
        + "当前不处于有效状态（已废止），不能据以登记");
  }

  // ---- helpers ---------------------------------------------------------------------------------------------------

  /**
   * The instance waits at 等待评估 for whichever comes first: the cycle timer, one cycle after {@code cycleStart},
   * the bureau's request, or the new version.
   */
  private void assertAwaitingEvaluation(ProcessInstance pi, Instant cycleStart) {
    assertThat(pi).isWaitingAt("Gateway_AwaitEvaluation");
    assertThat(runtimeService.createEventSubscriptionQuery().processInstanceId(pi.getId()).eventType("message").list())
        .extracting(EventSubscription::getEventName)
        .containsExactlyInAnyOrder("Message_EvaluationRequested", "Message_MethodologySuperseded");
    assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).list()).singleElement()
        .satisfies(timer -> {
          assertThat(timer.getDuedate())
              .isEqualTo(Date.from(cycleStart.atZone(ZoneId.systemDefault()).plusYears(1).toInstant()));
          assertThat(job("Timer_EvaluationDue", pi).getId()).isEqualTo(timer.getId());
        });
  }

  private ProcessInstance reductionOf(Long applicationId) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("ReductionRegistration")
        .variableValueEquals("applicationId", applicationId).singleResult();
  }

  private DisclosureEntry lastFeedEntryAbout(Methodology methodology) {
    List<DisclosureEntry> entries = cases.feedAbout(methodology);
    assertThat(entries).isNotEmpty().extracting(DisclosureEntry::getKind).containsOnly("METHODOLOGY");
    return entries.get(entries.size() - 1);
  }
}
