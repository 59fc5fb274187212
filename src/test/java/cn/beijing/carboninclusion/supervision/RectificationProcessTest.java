package cn.beijing.carboninclusion.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.disclosure.DisclosureEntry;
import cn.beijing.carboninclusion.disclosure.DisclosureFeed;
import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.project.ProjectStatus;
import cn.beijing.carboninclusion.reduction.ReductionApplication;
import cn.beijing.carboninclusion.reduction.ReductionCases;
import cn.beijing.carboninclusion.reduction.ReductionApplicationRequest;
import cn.beijing.carboninclusion.reduction.ReductionApplicationService;
import cn.beijing.carboninclusion.reduction.ReductionApplications;
import cn.beijing.carboninclusion.reduction.ReductionStatus;
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

/**
 * Every path of Rectification on PostgreSQL, and its message contract with ReductionRegistration: a suspension
 * holds the project's application under review, a restoration resumes it, a cancellation ends it.
 */
class RectificationProcessTest extends PlatformIntegrationTest {
  @Autowired ProcessEngine processEngine;
  @Autowired ApplicationContext context;
  @Autowired Rectifications rectifications;
  @Autowired ReductionApplicationService reductions;
  @Autowired ReductionApplications reductionApplications;
  @Autowired RuntimeService runtimeService;
  @Autowired DisclosureFeed feed;

  ProjectCases cases;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    cases = new ProjectCases(context);
  }

  @AfterEach
  void tearDown() {
    for (String key : List.of("Rectification", "ReductionRegistration")) {
      runtimeService.createProcessInstanceQuery().processDefinitionKey(key).list().forEach(pi ->
          runtimeService.deleteProcessInstance(pi.getId(), "test finished", true, true));
    }
    cases.cleanUp();
  }

  @Test
  void aPassedRectificationRestoresTheProjectAndResumesItsApplications() {
    Project project = cases.aRegisteredProject();
    ProcessInstance reduction = anApplicationUnderReview(project);
    ProcessInstance pi = suspend(project);
    assertThat(pi).hasPassed("Task_SuspendProject").isWaitingAt("Task_SubmitRectificationReport");
    assertThat(cases.current(project.getId()).getStatus()).isEqualTo(ProjectStatus.SUSPENDED);
    assertThat(reduction).isWaitingAt("Gateway_AwaitProjectDecision").hasPassed("Task_HoldApplication");

    report(project);
    verifyAndDecide(pi, "RESTORE");
    execute(job("Task_RestoreProject", pi));

    assertThat(pi).isEnded().hasPassed("EndEvent_Restored");
    assertThat(cases.current(project.getId()).getStatus()).isEqualTo(ProjectStatus.REGISTERED);
    assertThat(reduction).hasPassed("Task_ResumeApplication");
    execute(job("Task_StartReview", reduction));
    cases.verify(reduction);
    assertThat(reduction).isWaitingAt("Task_TechnicalReview");
    assertThat(feedKinds(project)).contains("PROJECT_SUSPENDED", "PROJECT_RESTORED");
  }

  @Test
  void aFailedRectificationGetsAnotherRoundAndThenPasses() {
    Project project = cases.aRegisteredProject();
    ProcessInstance pi = suspend(project);
    report(project);
    verifyAndDecide(pi, "ANOTHER_ROUND");
    execute(job("Task_StartNextRound", pi));
    assertThat(pi).isWaitingAt("Task_SubmitRectificationReport").variables().containsEntry("rectificationRound", 2);
    report(project);
    verifyAndDecide(pi, "RESTORE");
    execute(job("Task_RestoreProject", pi));
    assertThat(pi).isEnded().hasPassed("EndEvent_Restored");
  }

  @Test
  void runningOutOfRoundsCancelsTheProjectAndEndsItsApplications() {
    Project project = cases.aRegisteredProject();
    ProcessInstance reduction = anApplicationUnderReview(project);
    ProcessInstance pi = suspend(project);
    for (int round = 1; round <= 3; round++) {
      report(project);
      verifyAndDecide(pi, "ANOTHER_ROUND");
      if (round < 3) {
        execute(job("Task_StartNextRound", pi));
      }
    }
    execute(job("Task_CancelProject", pi));
    assertThat(pi).isEnded().hasPassed("EndEvent_Cancelled");
    assertThat(cases.current(project.getId()).getStatus()).isEqualTo(ProjectStatus.CANCELLED);
    assertThat(cases.current(project.getId()).getStatusReason()).contains("整改轮次已达上限");
    assertThat(reduction).isEnded().hasPassed("EndEvent_ProjectCancelled");
  }

  @Test
  void anOverdueReportIsEscalatedAndTheBureauMayExtend() {
    Project project = cases.aRegisteredProject();
    ProcessInstance pi = suspend(project);
    execute(job("Timer_RectificationOverdue", pi));
    execute(job("Task_EscalateOverdue", pi));
    assertThat(pi).isWaitingAt("Task_DecideOverdue");
    cases.completeAs("zhangwei", task("Task_DecideOverdue", pi),
        withVariables("overdueDecision", "EXTEND", "overdueComment", "延期 30 个工作日"));
    execute(job("Task_ExtendRectification", pi));
    assertThat(pi).isWaitingAt("Task_SubmitRectificationReport");
  }

  @Test
  void anOverdueReportMayCostTheProjectItsRegistration() {
    Project project = cases.aRegisteredProject();
    ProcessInstance pi = suspend(project);
    execute(job("Timer_RectificationOverdue", pi));
    execute(job("Task_EscalateOverdue", pi));
    cases.completeAs("zhangwei", task("Task_DecideOverdue", pi),
        withVariables("overdueDecision", "CANCEL", "overdueComment", "逾期且无正当理由"));
    execute(job("Task_CancelProject", pi));
    assertThat(pi).isEnded().hasPassed("EndEvent_Cancelled");
    assertThat(cases.current(project.getId()).getStatus()).isEqualTo(ProjectStatus.CANCELLED);
    assertThat(cases.current(project.getId()).getStatusReason()).contains("逾期未提交整改报告");
  }

  @Test
  void onlyARegisteredProjectIsSuspendedAndOnlyOnce() {
    Project project = cases.aRegisteredProject();
    suspend(project);
    assertThatThrownBy(() -> suspend(project)).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> cases.as("greentravel", Groups.DEVELOPER,
        () -> rectifications.report(project.getId() + 100_000, "报告", "证明")))
        .isInstanceOf(RuntimeException.class);
  }

  // ---- helpers -----------------------------------------------------------------------------------------------

  private ProcessInstance suspend(Project project) {
    cases.as("zhangwei", Groups.BUREAU, () -> rectifications.suspend(project.getId(), FindingKind.PLAN_DEPARTURE,
        "收益分配与组织实施方案不符"));
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("Rectification")
        .processInstanceBusinessKey(String.valueOf(project.getId())).singleResult();
  }

  private void report(Project project) {
    cases.as("greentravel", Groups.DEVELOPER, () -> rectifications.report(project.getId(),
        "已按组织实施方案调整收益分配", "调整后的分配记录与银行回单"));
  }

  private void verifyAndDecide(ProcessInstance pi, String decision) {
    cases.completeAs("wangfang", task("Task_VerifyRectification", pi), withVariables("verificationResult",
        "RESTORE".equals(decision) ? "PASS" : "FAIL", "verificationComment", "核查意见"));
    cases.completeAs("lina", task("Task_RectificationDecision", pi),
        withVariables("rectificationDecision", decision, "decisionComment", "决定意见"));
  }

  private ProcessInstance anApplicationUnderReview(Project project) {
    ReductionApplication application = new ReductionCases(context, cases).fileTrips(project, "5.2", 100_000);
    ProcessInstance reduction = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey("ReductionRegistration").variableValueEquals("applicationId", application.getId())
        .singleResult();
    execute(job("Task_StartReview", reduction));
    cases.verify(reduction);
    assertThat(reduction).isWaitingAt("Task_TechnicalReview");
    assertThat(reductionApplications.findById(application.getId()).orElseThrow().getStatus())
        .isEqualTo(ReductionStatus.UNDER_REVIEW);
    return reduction;
  }

  private List<String> feedKinds(Project project) {
    return feed.about("PROJECT", project.getId()).stream().map(DisclosureEntry::getKind).toList();
  }
}
