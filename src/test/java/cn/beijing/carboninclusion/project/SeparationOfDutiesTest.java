package cn.beijing.carboninclusion.project;

import static cn.beijing.carboninclusion.project.ProjectCases.BUREAU_OFFICER;
import static cn.beijing.carboninclusion.project.ProjectCases.SECOND_TECHNICAL_REVIEWER;
import static cn.beijing.carboninclusion.project.ProjectCases.TECHNICAL_REVIEWER;
import static cn.beijing.carboninclusion.project.ProjectCases.aCompleteApplication;
import static cn.beijing.carboninclusion.project.ProjectCases.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.beijing.carboninclusion.decision.ConflictDeclaration;
import cn.beijing.carboninclusion.decision.ConflictDeclarations;
import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
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
 * Separation of duties on the registration's reviewer tasks: the technical reviewer never makes the bureau decision
 * of the same case, a reviewer with a declared conflict of interest never acts on the developer's case, and every
 * refusal stays in the audit trail although the refused act rolls back.
 */
class SeparationOfDutiesTest extends PlatformIntegrationTest {
  static final List<String> TECHCENTER_AND_BUREAU = List.of(Groups.TECHCENTER, Groups.BUREAU);
  static final String SAME_CASE = "同一人员不得办理同一案件的两个环节";

  @Autowired ApplicationContext context;
  @Autowired ProcessEngine processEngine;
  @Autowired IdentityService identityService;
  @Autowired TaskService taskService;
  @Autowired ConflictDeclarations conflictDeclarations;
  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtimeService;

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
  void theTechnicalReviewerCannotClaimTheBureauDecisionOfTheSameCase() {
    ProcessInstance pi = cases.inBureauDecision(aCompleteApplication());
    Project project = cases.projectOf(pi);
    Task decision = task("Task_BureauDecision", pi);

    identityService.createMembership(TECHNICAL_REVIEWER, Groups.BUREAU);
    try {
      assertRefused(() -> cases.as(TECHNICAL_REVIEWER, TECHCENTER_AND_BUREAU,
          () -> taskService.claim(decision.getId(), TECHNICAL_REVIEWER)), SAME_CASE);
    } finally {
      identityService.deleteMembership(TECHNICAL_REVIEWER, Groups.BUREAU);
    }

    assertThat(task("Task_BureauDecision", pi)).isNotAssigned();
    assertThat(cases.auditOf(project)).anySatisfy(entry -> {
      assertThat(entry.getAction()).isEqualTo("REFUSED_CLAIM");
      assertThat(entry.getActor()).isEqualTo(TECHNICAL_REVIEWER);
      assertThat(entry.getReason()).isEqualTo("登记决定：您已办理本案的其他环节，" + SAME_CASE);
    });
    cases.claimAs(BUREAU_OFFICER, decision);
    assertThat(task("Task_BureauDecision", pi)).isAssignedTo(BUREAU_OFFICER);
  }

  @Test
  void theTechnicalReviewerCannotCompleteTheBureauDecisionOfTheSameCase() {
    ProcessInstance pi = cases.inBureauDecision(aCompleteApplication());
    Project project = cases.projectOf(pi);
    Task decision = task("Task_BureauDecision", pi);

    identityService.createMembership(TECHNICAL_REVIEWER, Groups.BUREAU);
    try {
      assertRefused(() -> cases.as(TECHNICAL_REVIEWER, TECHCENTER_AND_BUREAU,
          () -> taskService.complete(decision.getId(), withVariables("bureauDecision", "APPROVE"))), SAME_CASE);
    } finally {
      identityService.deleteMembership(TECHNICAL_REVIEWER, Groups.BUREAU);
    }

    assertThat(pi).isWaitingAt("Task_BureauDecision").hasNotPassed("Task_RegisterProject");
    assertThat(cases.auditOf(project)).anySatisfy(entry -> {
      assertThat(entry.getAction()).isEqualTo("REFUSED_COMPLETE");
      assertThat(entry.getActor()).isEqualTo(TECHNICAL_REVIEWER);
    });
    cases.completeAs(BUREAU_OFFICER, decision,
        withVariables("bureauDecision", "APPROVE", "bureauComment", "准予登记"));
    assertThat(pi).isWaitingAt("Task_RegisterProject");
  }

  @Test
  void aReviewerWithADeclaredConflictCannotClaimTheTechnicalReview() {
    Project project = cases.file(aCompleteApplication());
    ProcessInstance pi = cases.registrationOf(project);
    execute(job("Task_StartReview", pi));
    Task review = task("Task_TechnicalReview", pi);

    ConflictDeclaration conflict = conflictDeclarations.saveAndFlush(new ConflictDeclaration(SECOND_TECHNICAL_REVIEWER,
        cases.developerIdOf(ProjectCases.DEVELOPER), "配偶在该开发方任职", Instant.now()));
    try {
      assertRefused(() -> cases.claimAs(SECOND_TECHNICAL_REVIEWER, review), "利益冲突");
    } finally {
      conflictDeclarations.delete(conflict);
    }

    assertThat(task("Task_TechnicalReview", pi)).isNotAssigned();
    assertThat(cases.auditOf(project)).anySatisfy(entry -> {
      assertThat(entry.getAction()).isEqualTo("REFUSED_CLAIM");
      assertThat(entry.getActor()).isEqualTo(SECOND_TECHNICAL_REVIEWER);
      assertThat(entry.getReason()).isEqualTo("技术评估：您已申报与该项目开发方存在利益冲突");
    });
    cases.claimAs(TECHNICAL_REVIEWER, review);
    assertThat(task("Task_TechnicalReview", pi)).isAssignedTo(TECHNICAL_REVIEWER);
  }

  /**
   * The conflict check asks the project's row, not the {@code developerId} the case started with: after a transfer
   * the project belongs to its new developer, and a reviewer conflicted with that one is refused.
   */
  @Test
  void theConflictCheckReadsTheDeveloperFromTheProjectRow() {
    Project project = cases.file(aCompleteApplication());
    ProcessInstance pi = cases.registrationOf(project);
    execute(job("Task_StartReview", pi));
    Task review = task("Task_TechnicalReview", pi);
    Long original = cases.developerIdOf(ProjectCases.DEVELOPER);
    Long newDeveloper = jdbc.queryForObject(
        "select id from developer_organisation where id <> ? order by id limit 1", Long.class, original);
    jdbc.update("update project set developer_id = ? where id = ?", newDeveloper, project.getId());

    ConflictDeclaration conflict = conflictDeclarations.saveAndFlush(new ConflictDeclaration(SECOND_TECHNICAL_REVIEWER,
        newDeveloper, "曾在受让方任职", Instant.now()));
    try {
      assertThat(runtimeService.getVariable(pi.getId(), "developerId")).isEqualTo(original);
      assertRefused(() -> cases.claimAs(SECOND_TECHNICAL_REVIEWER, review), "利益冲突");
    } finally {
      conflictDeclarations.delete(conflict);
      jdbc.update("update project set developer_id = ? where id = ?", original, project.getId());
    }
    assertThat(task("Task_TechnicalReview", pi)).isNotAssigned();
  }

  /**
   * SeparationOfDuties promises that a refusal "surfaces as an authorization failure, which Tasklist and the REST
   * API show as such (403)". Tasklist claims through the engine REST API, as here.
   */
  @Test
  void aRefusedClaimReachesTasklistAsForbidden() {
    ProcessInstance pi = cases.inBureauDecision(aCompleteApplication());
    Task decision = task("Task_BureauDecision", pi);

    identityService.createMembership(TECHNICAL_REVIEWER, Groups.BUREAU);
    ResponseEntity<String> claim;
    try {
      claim = http.withBasicAuth(TECHNICAL_REVIEWER, "demo").postForEntity(
          "/engine-rest/task/" + decision.getId() + "/claim", Map.of("userId", TECHNICAL_REVIEWER), String.class);
    } finally {
      identityService.deleteMembership(TECHNICAL_REVIEWER, Groups.BUREAU);
    }

    assertThat(task("Task_BureauDecision", pi)).isNotAssigned();
    assertThat(claim.getStatusCode()).as(claim.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(claim.getBody()).contains(SAME_CASE);
  }
}
