package cn.beijing.carboninclusion.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.common.ProcessStarts;
import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.support.ModelerDeployment;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import cn.beijing.carboninclusion.support.ShippedForms;
import cn.beijing.carboninclusion.support.SchemeRulesXml;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
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
 * Four eyes and effective dates (issue 20, item 1): a deployment from Camunda Modeler (the REST call) is a proposal —
 * its process definitions suspended, its rule table not read — until a bureau member other than the deployer
 * approves it, and it applies from the date the approval names; rejection deletes it.
 */
class ModelChangeTest extends PlatformIntegrationTest {
  static final String NAME = "model-change-test";

  @Autowired ApplicationContext context;
  @Autowired ProcessEngine processEngine;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired SchemeRuleBook ruleBook;
  @Autowired ProcessStarts starts;
  @Autowired WorkingDayCalendar workingDays;
  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;

  private ProjectCases cases;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    cases = new ProjectCases(context);
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    identityService.deleteMembership("zhangwei", "camunda-admin");
    runtimeService.createProcessInstanceQuery().processDefinitionKey("ModelChange").list()
        .forEach(pi -> runtimeService.deleteProcessInstance(pi.getId(), "test finished", true, true));
    repositoryService.createDeploymentQuery().deploymentName(NAME).list()
        .forEach(d -> repositoryService.deleteDeployment(d.getId(), true));
  }

  @Test
  void aRuleChangeAppliesOnlyAfterASecondPersonsApprovalAndOnlyFromItsDate() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ClockUtil.setCurrentTime(Date.from(now));
    LocalDate today = LocalDate.ofInstant(now, workingDays.zone());
    int shipped = ruleBook.current().version();
    assertThat(ruleBook.current().days(SchemeRule.PUBLICITY_WORKING_DAYS)).isEqualTo(20);

    String deploymentId = restDeploy("admin", "scheme-rules.dmn", SchemeRulesXml.withValues(SchemeRulesXml.shipped(),
        Map.of("publicityWorkingDays", "10", "technicalReviewWorkingDays", "10", "supplementWorkingDays", "5")));

    // held: the rule book still reads the shipped table; the proposal shows the diff of the values
    assertThat(ruleBook.current().version()).isEqualTo(shipped);
    Map<String, Object> change = jdbc.queryForMap("select * from model_change where deployment_id = ?", deploymentId);
    assertThat(change.get("status")).isEqualTo("PROPOSED");
    assertThat(change.get("proposed_by")).isEqualTo("admin");
    assertThat((String) change.get("diff")).contains("publicityWorkingDays：20 → 10")
        .contains("technicalReviewWorkingDays：20 → 10").doesNotContain("revenueReturnMin");
    ProcessInstance approval = approvalOf(change);
    assertThat(task("Task_ApproveModelChange", approval)).hasCandidateGroup(Groups.BUREAU);
    assertThat(approval).variables().containsEntry("proposer", "admin");

    // lina approves from tomorrow: nothing changes today, the new value applies from 0:00 tomorrow
    cases.completeAs("lina", task("Task_ApproveModelChange", approval), withVariables("changeDecision", "APPROVE",
        "changeEffectiveFrom", today.plusDays(1).toString(), "changeComment", "公示期调整，经局务会议研究同意"));
    // an application filed today, before the effective date: its review time limit is read at filing (its rule's
    // statutory moment, docs/admin-rules.md) and stays the old one
    var filedBefore = cases.file(ProjectCases.aCompleteApplication());
    execute(job("Task_ActivateChange", approval));
    assertThat(approval).isEnded().hasPassed("EndEvent_ChangeApproved");
    assertThat(jdbc.queryForObject("select status from model_change where deployment_id = ?", String.class,
        deploymentId)).isEqualTo("APPROVED");
    assertThat(ruleBook.current().version()).isEqualTo(shipped);
    ClockUtil.setCurrentTime(Date.from(today.plusDays(1).atStartOfDay(workingDays.zone()).toInstant().minusSeconds(1)));
    assertThat(ruleBook.current().days(SchemeRule.PUBLICITY_WORKING_DAYS)).isEqualTo(20);
    ClockUtil.setCurrentTime(Date.from(today.plusDays(1).atStartOfDay(workingDays.zone()).toInstant()));
    assertThat(ruleBook.current().version()).isEqualTo(shipped + 1);
    assertThat(ruleBook.current().days(SchemeRule.PUBLICITY_WORKING_DAYS)).isEqualTo(10);
    var filedAfter = cases.file(ProjectCases.aCompleteApplication());
    assertThat(cases.registrationOf(filedAfter)).variables().containsEntry("reviewDue", "P10WD");
    assertThat(cases.registrationOf(filedBefore)).variables().containsEntry("reviewDue", "P20WD");
    // the supplement time limit is read at each request, as it stood when the application was filed
    for (var filed : List.of(filedBefore, filedAfter)) {
      ProcessInstance registration = cases.registrationOf(filed);
      execute(job("Task_StartReview", registration));
      cases.completeAs("wangfang", task("Task_TechnicalReview", registration),
          withVariables("reviewDecision", "SUPPLEMENT", "reviewComment", "请补充监测计划"));
      execute(job("Task_RequestSupplement", registration));
    }
    assertThat(cases.registrationOf(filedBefore)).isWaitingAt("Task_SubmitSupplement").variables()
        .containsEntry("supplementDue", "P10WD");
    assertThat(cases.registrationOf(filedAfter)).isWaitingAt("Task_SubmitSupplement").variables()
        .containsEntry("supplementDue", "P5WD");
    cases.cleanUp();
  }

  @Test
  void theDeployerCannotApproveTheirOwnChangeWhateverTheirGroups() {
    identityService.createMembership("zhangwei", "camunda-admin");
    String deploymentId = restDeploy("zhangwei", "scheme-rules.dmn",
        SchemeRulesXml.withValues(SchemeRulesXml.shipped(), Map.of("publicityWorkingDays", "15")));
    ProcessInstance approval = approvalOf(jdbc.queryForMap("select * from model_change where deployment_id = ?",
        deploymentId));

    Throwable refused = catchThrowable(() -> cases.as("zhangwei", Groups.BUREAU, () -> taskService.complete(
        task("Task_ApproveModelChange", approval).getId(), withVariables("changeDecision", "APPROVE",
            "changeEffectiveFrom", LocalDate.now(workingDays.zone()).toString(), "changeComment", "自己批准"))));
    Throwable cause = refused;
    while (cause != null && !(cause instanceof AuthorizationException)) {
      cause = cause.getCause();
    }
    assertThat(cause).isInstanceOf(AuthorizationException.class).hasMessageContaining("部署者本人不得审批");
    assertThat(approval).isWaitingAt("Task_ApproveModelChange");

    // a date in the past is refused too, naming the field
    Throwable past = catchThrowable(() -> cases.completeAs("lina", task("Task_ApproveModelChange", approval),
        withVariables("changeDecision", "APPROVE", "changeEffectiveFrom",
            LocalDate.now(workingDays.zone()).minusDays(1).toString(), "changeComment", "同意")));
    assertThat(past).hasMessageContaining("changeEffectiveFrom");
    assertThat(approval).isWaitingAt("Task_ApproveModelChange");
  }

  @Test
  void aModelIsHeldSuspendedCasesStartOnTheVersionInForceAndRejectionDeletesIt() throws Exception {
    String shippedId = starts.latestActive("ProjectCancellation");
    String changed = Files.readString(Path.of("processes/project-cancellation.bpmn"), StandardCharsets.UTF_8)
        .replace("name=\"注销确认\"", "name=\"注销确认（复核）\"");

    String rejectedId = restDeploy("admin", "project-cancellation.bpmn", changed);
    ProcessDefinition held = repositoryService.createProcessDefinitionQuery().deploymentId(rejectedId).singleResult();
    assertThat(held.isSuspended()).isTrue();
    assertThat(starts.latestActive("ProjectCancellation")).isEqualTo(shippedId);
    Map<String, Object> change = jdbc.queryForMap("select * from model_change where deployment_id = ?", rejectedId);
    assertThat((String) change.get("resources")).isEqualTo("confirm-cancellation.form, project-cancellation.bpmn");
    assertThat((String) change.get("diff")).contains("修改 Task_ConfirmCancellation「注销确认（复核）」 (userTask)")
        .doesNotContain("Task_CancelProject");
    ProcessInstance refusal = approvalOf(change);
    cases.completeAs("lina", task("Task_ApproveModelChange", refusal), withVariables("changeDecision", "REJECT",
        "changeComment", "名称不规范"));
    execute(job("Task_WithdrawChange", refusal));
    assertThat(refusal).isEnded().hasPassed("EndEvent_ChangeRejected");
    assertThat(repositoryService.createDeploymentQuery().deploymentId(rejectedId).count()).isZero();
    assertThat(jdbc.queryForObject("select status from model_change where deployment_id = ?", String.class,
        rejectedId)).isEqualTo("REJECTED");

    // approved from today: active at once, new cases start on it
    String approvedId = restDeploy("admin", "project-cancellation.bpmn", changed);
    ProcessInstance approval = approvalOf(jdbc.queryForMap("select * from model_change where deployment_id = ?",
        approvedId));
    cases.completeAs("zhangwei", task("Task_ApproveModelChange", approval), withVariables("changeDecision", "APPROVE",
        "changeEffectiveFrom", LocalDate.now(workingDays.zone()).toString(), "changeComment", "同意"));
    execute(job("Task_ActivateChange", approval));
    ProcessDefinition approved = repositoryService.createProcessDefinitionQuery().deploymentId(approvedId)
        .singleResult();
    assertThat(approved.isSuspended()).isFalse();
    assertThat(starts.latestActive("ProjectCancellation")).isEqualTo(approved.getId());
  }

  @Test
  void aFormDeployedAloneChangesNoTaskRunningOrNew() throws Exception {
    // a case is open at 变更审批 when an administrator deploys a relaxed version of its form alone, from the Modeler
    ProcessInstance open = approvalOf(jdbc.queryForMap("select * from model_change where deployment_id = ?",
        restDeploy("admin", "scheme-rules.dmn", SchemeRulesXml.withValues(SchemeRulesXml.shipped(),
            Map.of("publicityWorkingDays", "18")))));
    String shipped = ShippedForms.read("model-change-approval");
    String relaxed = shipped.replace("\"required\": true", "\"required\": false").replace("部署名称", "已改写的表单");
    assertThat(relaxed).isNotEqualTo(shipped);
    ResponseEntity<JsonNode> formAlone = ModelerDeployment.deploy(http, "admin", NAME,
        Map.of("model-change-approval.form", relaxed));
    assertThat(formAlone.getStatusCode()).as(String.valueOf(formAlone.getBody())).isEqualTo(HttpStatus.OK);

    // the open task and a task of a case started afterwards both still serve the form deployed with their model
    ProcessInstance later = approvalOf(jdbc.queryForMap("select * from model_change where deployment_id = ?",
        restDeploy("admin", "scheme-rules.dmn", SchemeRulesXml.withValues(SchemeRulesXml.shipped(),
            Map.of("publicityWorkingDays", "17")))));
    for (ProcessInstance pi : List.of(open, later)) {
      try (var served = processEngine.getFormService().getDeployedTaskForm(task("Task_ApproveModelChange", pi)
          .getId())) {
        assertThat(new String(served.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(shipped)
            .doesNotContain("已改写的表单");
      }
    }
  }

  private ProcessInstance approvalOf(Map<String, Object> change) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("ModelChange")
        .processInstanceBusinessKey(String.valueOf(change.get("id"))).singleResult();
  }

  /** As the Modeler deploys: a process model with its forms attached (each task's form is bound to the deployment). */
  private String restDeploy(String user, String resource, String xml) {
    Map<String, String> resources = new TreeMap<>(Map.of(resource, xml));
    if (resource.endsWith(".bpmn")) {
      resources.put("confirm-cancellation.form", ShippedForms.read("confirm-cancellation"));
    }
    ResponseEntity<JsonNode> response = ModelerDeployment.deploy(http, user, NAME, resources);
    assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
    return response.getBody().get("id").asText();
  }
}
