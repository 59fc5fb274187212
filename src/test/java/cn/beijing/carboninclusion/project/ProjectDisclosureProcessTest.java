package cn.beijing.carboninclusion.project;

import static cn.beijing.carboninclusion.project.ProjectCases.TECHNICAL_REVIEWER;
import static cn.beijing.carboninclusion.project.ProjectCases.aClassTwoProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.common.AuditEntry;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
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

/** The paths of ProjectDisclosure (二类项目信息公开): a recorded Class II project asks for its information to be published. */
class ProjectDisclosureProcessTest extends PlatformIntegrationTest {
  @Autowired ApplicationContext context;
  @Autowired ProcessEngine processEngine;
  @Autowired WorkingDayCalendar workingDays;

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
  void aCompleteDisclosureIsPublished() {
    Instant requestedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ClockUtil.setCurrentTime(Date.from(requestedAt));
    Project project = cases.file(aClassTwoProject());
    assertThat(cases.current(project).getStatus()).isEqualTo(ProjectStatus.RECORDED);
    assertThat(cases.runningInstancesOf(project, ProjectCases.REGISTRATION)).isZero();

    cases.requestDisclosure(project);
    ProcessInstance pi = cases.disclosureOf(project);
    assertThat(pi).isWaitingAt("Task_CheckDisclosure");
    Task check = task("Task_CheckDisclosure", pi);
    assertThat(check).hasCandidateGroup("techcenter").hasDueDate(Date.from(workingDays.addWorkingDays(requestedAt, 10)));
    assertThat(cases.formOf(check)).isEqualTo("form-disclosure-check");

    cases.completeAs(TECHNICAL_REVIEWER, check,
        withVariables("disclosureDecision", "PUBLISH", "disclosureComment", "信息完整"));
    assertThat(pi).isWaitingAt("Task_PublishDisclosure");
    execute(job("Task_PublishDisclosure", pi));

    assertThat(pi).hasPassed("Task_PublishDisclosure", "EndEvent_Disclosed").hasNotPassed("Task_ReturnDisclosure")
        .isEnded();
    Project disclosed = cases.current(project);
    assertThat(disclosed.getStatus()).isEqualTo(ProjectStatus.DISCLOSED);
    assertThat(disclosed.getRegistrationNo()).isNull();
    assertThat(disclosed.getStatusReason()).isEqualTo("项目信息已公开。信息完整");
    assertThat(cases.feedAbout(project)).singleElement().satisfies(entry -> {
      assertThat(entry.getKind()).isEqualTo("CLASS_II_DISCLOSED");
      assertThat(entry.getTitle()).isEqualTo("二类项目信息公开：" + project.getName());
      assertThat(entry.getBody()).contains("项目名称：" + project.getName()).contains("收益管理方案：");
    });
    assertThat(cases.noticeSubjectsAbout(project)).anyMatch(s -> s.endsWith("状态变更为：已公开"));
  }

  @Test
  void anIncompleteDisclosureIsReturnedAndTheProjectStaysRecorded() {
    Project project = cases.file(aClassTwoProject());
    cases.requestDisclosure(project);
    ProcessInstance pi = cases.disclosureOf(project);

    cases.completeAs(TECHNICAL_REVIEWER, task("Task_CheckDisclosure", pi),
        withVariables("disclosureDecision", "RETURN", "disclosureComment", "缺少项目地址"));
    assertThat(pi).isWaitingAt("Task_ReturnDisclosure");
    execute(job("Task_ReturnDisclosure", pi));

    assertThat(pi).hasPassed("Task_ReturnDisclosure", "EndEvent_DisclosureReturned")
        .hasNotPassed("Task_PublishDisclosure").isEnded();
    assertThat(cases.current(project).getStatus()).isEqualTo(ProjectStatus.RECORDED);
    assertThat(cases.feedAbout(project)).isEmpty();
    assertThat(cases.auditOf(project)).extracting(AuditEntry::getAction).contains("DISCLOSURE_RETURNED");
    assertThat(cases.noticesAbout(project)).anySatisfy(notice -> {
      assertThat(notice.getSubject()).endsWith("信息公开申请被退回");
      assertThat(notice.getBody()).contains("缺少项目地址");
    });
  }
}
