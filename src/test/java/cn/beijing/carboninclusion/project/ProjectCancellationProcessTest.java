package cn.beijing.carboninclusion.project;

import static cn.beijing.carboninclusion.project.ProjectCases.BUREAU_OFFICER;
import static cn.beijing.carboninclusion.project.ProjectCases.SECOND_BUREAU_OFFICER;
import static cn.beijing.carboninclusion.project.ProjectCases.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.beijing.carboninclusion.common.AuditEntry;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The paths of ProjectCancellation (项目注销): requested by the developer or ordered by the bureau, confirmed by the bureau. */
class ProjectCancellationProcessTest extends PlatformIntegrationTest {
  @Autowired ApplicationContext context;
  @Autowired ProcessEngine processEngine;

  private ProjectCases cases;

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
  void aConfirmedDeveloperRequestCancelsTheProject() {
    Project project = cases.aRegisteredProject();

    cases.requestCancellation(project, "场地不再运营");
    ProcessInstance pi = cases.cancellationOf(project);
    assertThat(pi).isWaitingAt("Task_ConfirmCancellation");
    assertThat(pi).variables().containsEntry("requestKind", "DEVELOPER_REQUEST")
        .containsEntry("requestedBy", ProjectCases.DEVELOPER)
        .containsEntry("registrationNo", project.getRegistrationNo());
    Task confirmation = task("Task_ConfirmCancellation", pi);
    assertThat(confirmation).hasCandidateGroup("bureau");
    assertThat(cases.formOf(confirmation)).isEqualTo("form-confirm-cancellation");

    cases.completeAs(BUREAU_OFFICER, confirmation,
        withVariables("cancellationDecision", "CONFIRM", "cancellationComment", "同意注销"));
    assertThat(pi).isWaitingAt("Task_CancelProject");
    execute(job("Task_CancelProject", pi));

    assertThat(pi).hasPassed("Task_CancelProject", "EndEvent_Cancelled").isEnded();
    Project cancelled = cases.current(project);
    assertThat(cancelled.getStatus()).isEqualTo(ProjectStatus.CANCELLED);
    assertThat(cancelled.getStatusReason()).isEqualTo("开发方申请注销：场地不再运营。确认意见：同意注销");
    assertThat(cases.feedKindsAbout(project)).endsWith("PROJECT_CANCELLED");
    assertThat(cases.noticeSubjectsAbout(project)).anyMatch(s -> s.endsWith("状态变更为：已注销"));
  }

  @Test
  void aRefusedCancellationLeavesTheProjectRegistered() {
    Project project = cases.aRegisteredProject();
    cases.requestCancellation(project, "想转入其他机制");
    ProcessInstance pi = cases.cancellationOf(project);

    cases.completeAs(BUREAU_OFFICER, task("Task_ConfirmCancellation", pi),
        withVariables("cancellationDecision", "REFUSE", "cancellationComment", "仍在计入期内，不予注销"));
    assertThat(pi).isWaitingAt("Task_RecordCancellationRefused");
    execute(job("Task_RecordCancellationRefused", pi));

    assertThat(pi).hasPassed("EndEvent_CancellationRefused").hasNotPassed("Task_CancelProject").isEnded();
    Project stillRegistered = cases.current(project);
    assertThat(stillRegistered.getStatus()).isEqualTo(ProjectStatus.REGISTERED);
    assertThat(stillRegistered.getRegistrationNo()).isEqualTo(project.getRegistrationNo());
    assertThat(cases.feedKindsAbout(project)).doesNotContain("PROJECT_CANCELLED");
    assertThat(cases.auditOf(project)).extracting(AuditEntry::getAction).contains("CANCELLATION_REFUSED");
    assertThat(cases.noticesAbout(project)).anySatisfy(notice -> {
      assertThat(notice.getSubject()).endsWith("注销申请不予批准");
      assertThat(notice.getBody()).contains("仍在计入期内，不予注销");
    });
  }

  @Test
  void whoeverOrdersACancellationDoesNotConfirmIt() {
    Project project = cases.aRegisteredProject();
    cases.orderCancellation(BUREAU_OFFICER, project, "虚报减排量");
    ProcessInstance pi = cases.cancellationOf(project);
    assertThat(pi).variables().containsEntry("requestKind", "BUREAU_ORDER").containsEntry("requestedBy", BUREAU_OFFICER);

    Task confirmation = task("Task_ConfirmCancellation", pi);
    assertRefused(() -> cases.completeAs(BUREAU_OFFICER, confirmation,
        withVariables("cancellationDecision", "CONFIRM", "cancellationComment", "同意")), "提出人不得自行确认");
    assertThat(pi).isWaitingAt("Task_ConfirmCancellation");
    assertThat(cases.auditOf(project)).anySatisfy(entry -> {
      assertThat(entry.getAction()).isEqualTo("REFUSED_COMPLETE");
      assertThat(entry.getActor()).isEqualTo(BUREAU_OFFICER);
    });

    cases.completeAs(SECOND_BUREAU_OFFICER, confirmation,
        withVariables("cancellationDecision", "CONFIRM", "cancellationComment", "核实属实，注销"));
    execute(job("Task_CancelProject", pi));

    assertThat(pi).hasPassed("EndEvent_Cancelled").isEnded();
    Project cancelled = cases.current(project);
    assertThat(cancelled.getStatus()).isEqualTo(ProjectStatus.CANCELLED);
    assertThat(cancelled.getStatusReason()).isEqualTo("生态环境局责令注销：虚报减排量。确认意见：核实属实，注销");
    assertThat(cases.feedKindsAbout(project)).endsWith("PROJECT_CANCELLED");
  }
}
