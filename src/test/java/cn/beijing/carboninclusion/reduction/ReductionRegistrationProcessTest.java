package cn.beijing.carboninclusion.reduction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.beijing.carboninclusion.common.CaseCheck;
import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.TaskInputRejected;
import cn.beijing.carboninclusion.decision.DecisionRefused;
import cn.beijing.carboninclusion.disclosure.DisclosureEntry;
import cn.beijing.carboninclusion.disclosure.DisclosureFeed;
import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Every path of ReductionRegistration, with the domain outcome on the application and in the registry. */
class ReductionRegistrationProcessTest extends PlatformIntegrationTest {
  static final String PROCESS = "ReductionRegistration";

  @Autowired ProcessEngine processEngine;
  @Autowired ApplicationContext context;
  @Autowired ReductionApplicationService service;
  @Autowired ReductionApplications applications;
  @Autowired RuntimeService runtimeService;
  @Autowired CaseChecks checks;
  @Autowired DisclosureFeed feed;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  ProjectCases cases;
  ReductionCases reductions;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    cases = new ProjectCases(context);
    reductions = new ReductionCases(context, cases);
  }

  @AfterEach
  void tearDown() {
    runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS).list().forEach(pi ->
        runtimeService.deleteProcessInstance(pi.getId(), "test finished", true, true));
    cases.cleanUp();
  }

  @Test
  void anApplicationIsReviewedApprovedAndIssuedAsWholeUnits() {
    Project project = cases.aRegisteredProject();
    ReductionApplication application = apply(project, "5.2", 100_000);
    ProcessInstance pi = instanceOf(application);
    assertThat(pi).hasPassed("Task_CheckProjectStanding", "Task_CheckDeadline", "Task_CheckPeriodOverlap",
        "Task_CheckAuditObligations", "Task_RecomputeReduction", "Task_CheckDataQuality");
    assertThat(current(application).getRecomputedTco2e()).isEqualByComparingTo("5.2");
    execute(job("Task_StartReview", pi));
    cases.verify(pi);
    assertThat(pi).isWaitingAt("Task_TechnicalReview");
    assertThat(task("Task_TechnicalReview", pi)).hasCandidateGroup(Groups.TECHCENTER);
    cases.completeAs("wangfang", task("Task_TechnicalReview", pi),
        withVariables("reviewDecision", "APPROVE", "verifiedTco2e", 5.2, "reviewComment", "数据一致"));
    cases.completeAs("zhangwei", task("Task_BureauApproval", pi),
        withVariables("bureauDecision", "APPROVE", "approvedTco2e", 5.2, "bureauComment", "同意登记"));
    execute(job("Task_IssueReductions", pi));

    assertThat(pi).isEnded().hasPassed("EndEvent_Registered");
    ReductionApplication registered = current(application);
    assertThat(registered.getStatus()).isEqualTo(ReductionStatus.REGISTERED);
    assertThat(registered.getIssuedQuantity()).isEqualTo(5);
    assertThat(registered.getApprovedTco2e()).isEqualByComparingTo("5.2");
    assertThat(registered.getFirstSerial()).isNotBlank();
    assertThat(registered.getStatusReason()).contains("签发 5 tCO2e").contains("不足 1 吨的 0.2 tCO2e 不予签发");
    assertThat(feedKinds(application)).containsExactly("REDUCTION_FILED", "REDUCTION_REGISTERED");
    // the issuance's journal entry records the head of the case's SM3 chain of decisions (the bureau's, the last)
    String decisionsHead = jdbc.queryForObject("""
        select hash from case_decision where process_instance_id = ? order by id desc fetch first 1 rows only""",
        String.class, pi.getId());
    String payload = jdbc.queryForObject("""
        select payload from registry_journal where operation = 'ISSUE' and payload like ?""", String.class,
        "%application=" + application.getId() + ";%");
    assertThat(decisionsHead).hasSize(64);
    assertThat(payload).contains(";decisionsSm3=" + decisionsHead + ";");
  }

  @Test
  void aClaimFarFromTheRecomputationIsFlaggedForTheReviewerNotRejected() {
    Project project = cases.aRegisteredProject();
    ReductionApplication application = apply(project, "9", 100_000);
    ProcessInstance pi = instanceOf(application);
    execute(job("Task_StartReview", pi));
    cases.verify(pi);
    assertThat(pi).isWaitingAt("Task_TechnicalReview");
    assertThat(checksOf(application)).anySatisfy(c -> {
      assertThat(c.getCheckName()).isEqualTo("平台复算减排量");
      assertThat(c.getOutcome()).isEqualTo(CaseCheck.Outcome.FLAGGED);
      assertThat(c.getDetail()).contains("超过允许偏差");
    });
  }

  @Test
  void anOverlappingPeriodIsRejected() {
    Project project = cases.aRegisteredProject();
    apply(project, "5.2", 100_000);
    ReductionApplication second = apply(project, LocalDate.of(2025, 6, 1), LocalDate.of(2025, 9, 30), "1",
        20_000);
    rejectedWith(second, "监测期与本项目已有申请重叠");
  }

  @Test
  void aPeriodOutsideTheCreditingPeriodIsRejected() {
    Project project = cases.aRegisteredProject();
    ReductionApplication early = apply(project, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 28), "1",
        20_000);
    rejectedWith(early, "不在项目计入期");
  }

  @Test
  void negativeActivityDataIsRejected() {
    // aggregate activity data (a meter's net generation) under the PV methodology
    Project project = cases.aRegisteredProjectUnder("BJCI-M-PV");
    ReductionApplication bad = reductions.fileAggregate(project, "1", List.of(Map.of("netGenerationMWh", -5)));
    rejectedWith(bad, "为负数");
  }

  @Test
  void anApplicationOfACancelledProjectIsRejected() {
    Project project = cases.aRegisteredProject();
    cancel(project);
    rejectedWith(apply(project, "5.2", 100_000), "项目已注销");
  }

  @Test
  void theTechnicalCenterOrTheBureauMayReject() {
    ReductionApplication byReview = apply(cases.aRegisteredProject(), "5.2", 100_000);
    ProcessInstance first = instanceOf(byReview);
    execute(job("Task_StartReview", first));
    cases.verify(first);
    cases.completeAs("wangfang", task("Task_TechnicalReview", first),
        withVariables("reviewDecision", "REJECT", "verifiedTco2e", 0, "reviewComment", "监测报告不完整"));
    execute(job("Task_RejectApplication", first));
    assertThat(first).isEnded().hasPassed("EndEvent_Rejected").hasNotPassed("Task_BureauApproval");
    assertThat(current(byReview).getStatusReason()).isEqualTo("技术审核不予通过：监测报告不完整");

    ReductionApplication byBureau = apply(cases.aRegisteredProject(), "5.2", 100_000);
    ProcessInstance second = instanceOf(byBureau);
    execute(job("Task_StartReview", second));
    cases.verify(second);
    cases.completeAs("wangfang", task("Task_TechnicalReview", second),
        withVariables("reviewDecision", "APPROVE", "verifiedTco2e", 5.0, "reviewComment", "核减 0.2 吨"));
    cases.completeAs("zhangwei", task("Task_BureauApproval", second),
        withVariables("bureauDecision", "REJECT", "approvedTco2e", 0, "bureauComment", "存在数据质量疑点"));
    execute(job("Task_RejectApplication", second));
    assertThat(second).isEnded().hasPassed("EndEvent_Rejected");
    assertThat(current(byBureau).getStatusReason()).isEqualTo("生态环境局不予登记：存在数据质量疑点");
  }

  @Test
  void quantitiesAboveTheClaimOrTheVerifiedAmountAreRefusedAndTheTaskStaysOpen() {
    ReductionApplication application = apply(cases.aRegisteredProject(), "5.2", 100_000);
    ProcessInstance pi = instanceOf(application);
    execute(job("Task_StartReview", pi));
    cases.verify(pi);
    assertThatThrownBy(() -> cases.completeAs("wangfang", task("Task_TechnicalReview", pi),
        withVariables("reviewDecision", "APPROVE", "verifiedTco2e", 6.0, "reviewComment", "多于申报")))
        .isInstanceOf(DecisionRefused.class).hasMessageContaining("verifiedTco2e");
    assertThat(pi).isWaitingAt("Task_TechnicalReview");
    cases.completeAs("wangfang", task("Task_TechnicalReview", pi),
        withVariables("reviewDecision", "APPROVE", "verifiedTco2e", 5.0, "reviewComment", "核减"));
    assertThatThrownBy(() -> cases.completeAs("zhangwei", task("Task_BureauApproval", pi),
        withVariables("bureauDecision", "APPROVE", "approvedTco2e", 5.1, "bureauComment", "多于核定")))
        .isInstanceOf(DecisionRefused.class).hasMessageContaining("approvedTco2e");
    assertThat(pi).isWaitingAt("Task_BureauApproval");
  }

  @Test
  void aQuantityAboveTheRecomputationIsRefusedWithoutItsReasonAndIssuedWithIt() {
    // 100,000 bus passenger-km recompute to 5.2 t; the limit is 5.2 × 1.05 = 5.46 t
    ReductionApplication application = apply(cases.aRegisteredProject(), "6", 100_000);
    ProcessInstance pi = instanceOf(application);
    assertThat(current(application).getRecomputeLimitTco2e()).isEqualByComparingTo("5.46");
    assertThat(pi).variables().containsEntry("recomputeLimitTco2e", 5.46);
    // the reviewer reads the limit in the checks' summary too
    assertThat(checksOf(application)).anySatisfy(c -> assertThat(c.getDetail())
        .contains("核定或登记减排量高于复算上限 5.46 tCO2e（复算量加允许偏差 5%）的，须说明理由并公开"));
    execute(job("Task_StartReview", pi));
    cases.verify(pi);

    long decisionsBefore = decisionsOf(pi);
    assertThatThrownBy(() -> cases.completeAs("wangfang", task("Task_TechnicalReview", pi),
        withVariables("reviewDecision", "APPROVE", "verifiedTco2e", 6.0, "reviewComment", "按申报量核定")))
        .isInstanceOf(DecisionRefused.class).hasMessageContaining("excessReason");
    assertThat(pi).isWaitingAt("Task_TechnicalReview");
    assertThat(decisionsOf(pi)).isEqualTo(decisionsBefore);
    // within the limit no reason is asked, and one given for a hidden field is refused
    assertThatThrownBy(() -> cases.completeAs("wangfang", task("Task_TechnicalReview", pi),
        withVariables("reviewDecision", "APPROVE", "verifiedTco2e", 5.4, "reviewComment", "核定",
            "excessReason", "无需说明")))
        .isInstanceOf(DecisionRefused.class).hasMessageContaining("excessReason");
    cases.completeAs("wangfang", task("Task_TechnicalReview", pi),
        withVariables("reviewDecision", "APPROVE", "verifiedTco2e", 6.0, "reviewComment", "按申报量核定",
            "excessReason", "部分出行记录因平台采集故障未上传，已核对运营方原始日志"));

    assertThatThrownBy(() -> cases.completeAs("zhangwei", task("Task_BureauApproval", pi),
        withVariables("bureauDecision", "APPROVE", "approvedTco2e", 6.0, "bureauComment", "同意登记")))
        .isInstanceOf(DecisionRefused.class).hasMessageContaining("bureauExcessReason");
    assertThat(pi).isWaitingAt("Task_BureauApproval");
    cases.completeAs("zhangwei", task("Task_BureauApproval", pi),
        withVariables("bureauDecision", "APPROVE", "approvedTco2e", 6.0, "bureauComment", "同意登记",
            "bureauExcessReason", "采信技术中心核对的原始日志"));
    execute(job("Task_IssueReductions", pi));

    assertThat(pi).isEnded().hasPassed("EndEvent_Registered");
    ReductionApplication registered = current(application);
    assertThat(registered.getIssuedQuantity()).isEqualTo(6);
    assertThat(registered.isAboveRecomputation()).isTrue();
    assertThat(registered.getExcessReason()).isEqualTo(
        "技术中心：部分出行记录因平台采集故障未上传，已核对运营方原始日志；生态环境局：采信技术中心核对的原始日志");
    assertThat(feed.about(ReductionLifecycle.CASE_TYPE, application.getId())).anySatisfy(e -> {
      assertThat(e.getKind()).isEqualTo("REDUCTION_REGISTERED");
      assertThat(e.getBody()).contains("登记量高于平台复算 5.2 tCO2e 加允许偏差 5%（上限 5.46 tCO2e）")
          .contains("采信技术中心核对的原始日志");
    });
    // the reasons are kept with the decisions that gave them
    assertThat(jdbc.queryForList("select decision_values from case_decision where process_instance_id = ?",
        String.class, pi.getId())).anyMatch(v -> v.contains("excessReason"))
        .anyMatch(v -> v.contains("bureauExcessReason"));
  }

  @Test
  void theIssuanceRefusesAQuantityAboveTheRecomputationWithoutItsReasonWhateverLedToIt() {
    ReductionApplication application = apply(cases.aRegisteredProject(), "6", 100_000);
    ProcessInstance pi = instanceOf(application);
    execute(job("Task_StartReview", pi));
    cases.verify(pi);
    // the door and the task listener read the limit from the case; written behind the engine, both let the
    // decisions through without their reasons — the issuance compares with the limit the recomputation stored
    jdbc.update("update act_ru_variable set double_ = 1000 where proc_inst_id_ = ? and name_ = 'recomputeLimitTco2e'",
        pi.getId());
    cases.completeAs("wangfang", task("Task_TechnicalReview", pi),
        withVariables("reviewDecision", "APPROVE", "verifiedTco2e", 6.0, "reviewComment", "按申报量核定"));
    cases.completeAs("zhangwei", task("Task_BureauApproval", pi),
        withVariables("bureauDecision", "APPROVE", "approvedTco2e", 6.0, "bureauComment", "同意登记"));

    assertThatThrownBy(() -> execute(job("Task_IssueReductions", pi)))
        .hasMessageContaining("高于平台复算 5.2 tCO2e 加允许偏差 5%（上限 5.46 tCO2e）").hasMessageContaining("excessReason");
    ReductionApplication refused = current(application);
    assertThat(refused.getStatus()).isNotEqualTo(ReductionStatus.REGISTERED);
    assertThat(refused.getIssuedQuantity()).isNull();
    assertThat(refused.isAboveRecomputation()).isFalse();
    assertThat(jdbc.queryForObject("select count(*) from registry_journal where operation = 'ISSUE' and payload like ?",
        Long.class, "%application=" + application.getId() + ";%")).isZero();
    assertThat(pi).isWaitingAt("Task_IssueReductions");
  }

  @Test
  void aTripLevelMethodologyRefusesAggregateActivities() {
    Project project = cases.aRegisteredProject();
    long before = applications.count();
    Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> cases.as("greentravel",
        Groups.DEVELOPER, () -> service.apply(project.getId(), new ReductionApplicationRequest(LocalDate.of(2025, 4, 1),
            LocalDate.of(2025, 6, 30), new BigDecimal("5.2"), "监测报告", List.of(Map.of("mode", "bus",
            "distanceKm", 100_000)), false, cases.demoVerifierId()))));
    assertThat(refused).isInstanceOf(cn.beijing.carboninclusion.common.InvalidInputException.class);
    assertThat(((cn.beijing.carboninclusion.common.InvalidInputException) refused).fieldErrors())
        .containsKey("activities");
    assertThat(applications.count()).isEqualTo(before);
  }

  @Test
  void anApplicationFiledAroundTheApiUnderATripLevelMethodologyIsRejectedByTheRecomputation() {
    // a row with aggregates under the travel methodology (as filed before the rule), started as the platform starts it
    Project project = cases.aRegisteredProject();
    ReductionApplication draft = cases.as("greentravel", Groups.DEVELOPER, () -> service.apply(project.getId(),
        new ReductionApplicationRequest(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 6, 30), new BigDecimal("5.2"),
            "监测报告", null, false, cases.demoVerifierId())));
    jdbc.update("update reduction_application set activities = ? where id = ?",
        "[{\"mode\":\"bus\",\"distanceKm\":100000}]", draft.getId());
    Map<String, Object> variables = new java.util.HashMap<>(Map.of("applicationId", draft.getId(), "projectId",
        project.getId(), "developerId", project.getDeveloperId(), "claimedTco2e", 5.2, "checkSummary", "",
        "projectSuspended", false, "changePending", false, "reviewDue", "P20WD", "decisionDue", "P15WD"));
    ProcessInstance pi = runtimeService.startProcessInstanceByKey(PROCESS, String.valueOf(project.getId()), variables);
    assertThat(pi).hasPassed("Task_RecomputeReduction", "BoundaryEvent_HardCheckFailed")
        .hasNotPassed("Task_CheckDataQuality");
    execute(job("Task_RejectApplication", pi));
    assertThat(pi).isEnded().hasPassed("EndEvent_Rejected");
    assertThat(current(draft).getStatusReason()).contains("按逐笔行程计算，须上传活动记录文件，不接受汇总活动数据");
  }

  @Test
  void aSuspensionDuringReviewHoldsTheApplicationUntilTheProjectIsRestored() {
    Project project = cases.aRegisteredProject();
    ReductionApplication application = apply(project, "5.2", 100_000);
    ProcessInstance pi = instanceOf(application);
    execute(job("Task_StartReview", pi));
    cases.verify(pi);
    correlate("Message_ProjectSuspended", project);
    assertThat(pi).isWaitingAt("Gateway_AwaitProjectDecision").hasPassed("Task_HoldApplication");
    assertThat(current(application).getStatus()).isEqualTo(ReductionStatus.ON_HOLD);

    correlate("Message_ProjectRestored", project);
    assertThat(pi).hasPassed("Task_ResumeApplication");
    execute(job("Task_StartReview", pi));
    cases.verify(pi);
    assertThat(pi).isWaitingAt("Task_TechnicalReview");
    assertThat(current(application).getStatus()).isEqualTo(ReductionStatus.UNDER_REVIEW);
  }

  @Test
  void anApplicationFiledWhileTheProjectIsSuspendedWaitsAndEndsIfTheProjectIsCancelled() {
    Project project = cases.aRegisteredProject();
    setSuspended(project);
    ReductionApplication application = apply(project, "5.2", 100_000);
    ProcessInstance pi = instanceOf(application);
    assertThat(pi).isWaitingAt("Gateway_AwaitProjectDecision").hasNotPassed("Task_StartReview");
    assertThat(current(application).getStatus()).isEqualTo(ReductionStatus.ON_HOLD);

    correlate("Message_ProjectCancelled", project);
    assertThat(pi).isEnded().hasPassed("Task_EndForCancelledProject", "EndEvent_ProjectCancelled");
    assertThat(current(application).getStatus()).isEqualTo(ReductionStatus.TERMINATED);
  }

  @Test
  void cancellingTheProjectEndsItsApplicationsUnderReview() {
    Project project = cases.aRegisteredProject();
    ReductionApplication application = apply(project, "5.2", 100_000);
    ProcessInstance pi = instanceOf(application);
    execute(job("Task_StartReview", pi));
    cases.verify(pi);
    cancel(project);
    assertThat(pi).isEnded().hasPassed("EndEvent_ProjectCancelled");
    assertThat(current(application).getStatus()).isEqualTo(ReductionStatus.TERMINATED);
    assertThat(current(application).getIssuedQuantity()).isNull();
  }

  // ---- helpers -----------------------------------------------------------------------------------------------

  /** An application of the travel project whose uploaded trips are bus trips of {@code km} passenger-km in all. */
  private ReductionApplication apply(Project project, String claimed, int km) {
    return reductions.fileTrips(project, claimed, km);
  }

  private ReductionApplication apply(Project project, LocalDate start, LocalDate end, String claimed, int km) {
    return reductions.fileTrips(project, start, end, claimed, km);
  }

  private long decisionsOf(ProcessInstance pi) {
    return jdbc.queryForObject("select count(*) from case_decision where process_instance_id = ?", Long.class,
        pi.getId());
  }

  private ProcessInstance instanceOf(ReductionApplication application) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS)
        .variableValueEquals("applicationId", application.getId()).singleResult();
  }

  private ReductionApplication current(ReductionApplication application) {
    return applications.findById(application.getId()).orElseThrow();
  }

  private List<CaseCheck> checksOf(ReductionApplication application) {
    return checks.of(ReductionLifecycle.CASE_TYPE, application.getId());
  }

  private List<String> feedKinds(ReductionApplication application) {
    return feed.about(ReductionLifecycle.CASE_TYPE, application.getId()).stream().map(DisclosureEntry::getKind)
        .toList();
  }

  private void rejectedWith(ReductionApplication application, String reason) {
    ProcessInstance pi = instanceOf(application);
    assertThat(pi).hasPassed("BoundaryEvent_HardCheckFailed");
    execute(job("Task_RejectApplication", pi));
    assertThat(pi).isEnded().hasPassed("EndEvent_Rejected").hasNotPassed("Task_TechnicalReview");
    assertThat(current(application).getStatus()).isEqualTo(ReductionStatus.REJECTED);
    assertThat(current(application).getStatusReason()).startsWith("自动核查未通过").contains(reason);
  }

  private void correlate(String message, Project project) {
    runtimeService.createMessageCorrelation(message).processInstanceBusinessKey(String.valueOf(project.getId()))
        .correlateAllWithResult();
  }

  /** Suspension itself is the rectification process's act (a later issue); here the status is set directly. */
  private void setSuspended(Project project) {
    context.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
        .update("update project set status = 'SUSPENDED' where id = ?", project.getId());
  }

  private void cancel(Project project) {
    cases.requestCancellation(project, "开发方申请注销");
    ProcessInstance cancellation = cases.cancellationOf(project);
    cases.completeAs("lina", task("Task_ConfirmCancellation", cancellation),
        withVariables("cancellationDecision", "CONFIRM", "cancellationComment", "同意注销"));
    execute(job("Task_CancelProject", cancellation));
  }
}
