package cn.beijing.carboninclusion.decision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The door over real HTTP on {@code /engine-rest}, the API Camunda Modeler, scripts and any client use: refusals are
 * 4xx problems naming the field, an administrator's intervention needs a reason and is audited, and a publicity timer
 * executed by hand ends nothing, and an effect without its decisions is refused and stands as an incident at once.
 */
class EngineRestDoorTest extends PlatformIntegrationTest {
  @Autowired TestRestTemplate http;
  @Autowired ApplicationContext context;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired JdbcTemplate jdbc;

  ProjectCases cases;
  Project project;
  ProcessInstance registration;

  @BeforeEach
  void aProjectInPublicity() {
    cases = new ProjectCases(context);
    project = cases.aProjectInPublicity();
    registration = runtimeService.createProcessInstanceQuery().processDefinitionKey("ProjectRegistration")
        .processInstanceBusinessKey(String.valueOf(project.getId())).singleResult();
  }

  @AfterEach
  void cleanUp() {
    runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(project.getId())).list()
        .forEach(pi -> runtimeService.deleteProcessInstance(pi.getId(), "test finished", true, true));
    cases.cleanUp();
  }

  @Test
  void aReviewersBadSubmissionIsA400ProblemNamingTheFieldAndChangesNothing() {
    ProcessInstance another = cases.registrationOf(cases.fileAs("greentravel", cases.aCompleteApplication()));
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute(
        org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job("Task_StartReview", another));
    Task review = taskService.createTaskQuery().processInstanceId(another.getId()).singleResult();
    Map<String, Object> before = runtimeService.getVariables(another.getId());

    ResponseEntity<JsonNode> inflated = http.withBasicAuth("wangfang", "demo").postForEntity(
        "/engine-rest/task/" + review.getId() + "/submit-form", Map.of("variables", Map.of(
            "reviewDecision", Map.of("value", "APPROVE"), "reviewComment", Map.of("value", "通过"),
            "projectId", Map.of("value", project.getId()))), JsonNode.class);
    assertThat(inflated.getStatusCode().value()).isEqualTo(400);
    assertThat(inflated.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    assertThat(inflated.getBody().get("errors").has("projectId")).isTrue();
    assertThat(inflated.getBody().get("status").asInt()).isEqualTo(400);

    ResponseEntity<JsonNode> write = http.withBasicAuth("wangfang", "demo").exchange(
        "/engine-rest/task/" + review.getId() + "/variables/reviewDecision", HttpMethod.PUT,
        new HttpEntity<>(Map.of("value", "APPROVE")), JsonNode.class);
    assertThat(write.getStatusCode().value()).as("a candidate may not write task variables: %s", write.getBody())
        .isEqualTo(403);

    ResponseEntity<JsonNode> error = http.withBasicAuth("wangfang", "demo").postForEntity(
        "/engine-rest/task/" + review.getId() + "/bpmnError", Map.of("errorCode", "Error_Skip"), JsonNode.class);
    assertThat(error.getStatusCode().value()).isEqualTo(400);
    assertThat(error.getBody().get("errors").has("errorCode")).isTrue();

    ResponseEntity<JsonNode> handOver = http.withBasicAuth("wangfang", "demo").postForEntity(
        "/engine-rest/task/" + review.getId() + "/delegate", Map.of("userId", "greentravel"), JsonNode.class);
    assertThat(handOver.getStatusCode().value()).as("no hand-over to the developer").isEqualTo(403);

    ResponseEntity<JsonNode> condition = http.withBasicAuth("admin", "demo").postForEntity("/engine-rest/condition",
        Map.of("variables", Map.of("x", Map.of("value", 1))), JsonNode.class);
    assertThat(condition.getStatusCode().value()).as("nothing starts on a condition: %s", condition.getBody())
        .isEqualTo(400);
    assertThat(condition.getBody().get("errors").has("variables")).isTrue();

    assertThat(runtimeService.getVariables(another.getId())).isEqualTo(before);
    assertThat(taskService.createTaskQuery().taskId(review.getId()).singleResult().getAssignee()).isNull();
  }

  @Test
  void anAdministratorsInterventionNeedsAReasonAndIsAudited() {
    String url = "/engine-rest/process-instance/" + registration.getId() + "/variables/projectSuspendedNote";
    ResponseEntity<JsonNode> noReason = http.withBasicAuth("admin", "demo").exchange(url, HttpMethod.PUT,
        new HttpEntity<>(Map.of("value", "x")), JsonNode.class);
    assertThat(noReason.getStatusCode().value()).isEqualTo(400);
    assertThat(noReason.getBody().get("errors").has("reason")).isTrue();

    HttpHeaders headers = new HttpHeaders();
    headers.set(InterventionReason.HEADER, URLEncoder.encode("核对数据后补记说明", StandardCharsets.UTF_8));
    ResponseEntity<String> withReason = http.withBasicAuth("admin", "demo").exchange(url, HttpMethod.PUT,
        new HttpEntity<>(Map.of("value", "x"), headers), String.class);
    assertThat(withReason.getStatusCode().value()).isEqualTo(204);
    assertThat(jdbc.queryForList("select reason from audit_entry where case_id = ? and action = 'ENGINE_INTERVENTION'",
        String.class, project.getId())).anyMatch(r -> r.contains("核对数据后补记说明") && r.contains("projectSuspendedNote"));

    ResponseEntity<JsonNode> identity = http.withBasicAuth("admin", "demo").exchange(
        "/engine-rest/process-instance/" + registration.getId() + "/variables/projectId", HttpMethod.PUT,
        new HttpEntity<>(Map.of("value", 1, "type", "Long"), headers), JsonNode.class);
    assertThat(identity.getStatusCode().value()).as("identity is fixed at the start").isEqualTo(400);
    assertThat(identity.getBody().get("errors").has("projectId")).isTrue();

    ResponseEntity<JsonNode> decision = http.withBasicAuth("admin", "demo").postForEntity(
        "/engine-rest/process-instance/" + registration.getId() + "/modification", new HttpEntity<>(Map.of(
            "annotation", "补登记", "instructions", List.of(Map.of("type", "startBeforeActivity",
                "activityId", "Task_RegisterProject", "variables", Map.of("bureauDecision",
                    Map.of("value", "APPROVE")))))), JsonNode.class);
    assertThat(decision.getStatusCode().value()).as("decisions enter only through a form").isEqualTo(400);
    assertThat(decision.getBody().get("errors").has("bureauDecision")).isTrue();
  }

  @Test
  void aPublicityTimerExecutedByHandEndsNothingAndRegistrationWithoutDecisionsIsRefused() {
    HttpHeaders headers = new HttpHeaders();
    headers.set(InterventionReason.HEADER, "test");
    Job timer = managementService.createJobQuery().processInstanceId(registration.getId()).timers().singleResult();
    ResponseEntity<String> fired = http.withBasicAuth("admin", "demo").postForEntity(
        "/engine-rest/job/" + timer.getId() + "/execute", new HttpEntity<>(null, headers), String.class);
    assertThat(fired.getStatusCode().value()).isEqualTo(204);
    Job close = managementService.createJobQuery().processInstanceId(registration.getId()).activityId(
        "Task_ClosePublicity").singleResult();
    ResponseEntity<JsonNode> closing = http.withBasicAuth("admin", "demo").postForEntity(
        "/engine-rest/job/" + close.getId() + "/execute", new HttpEntity<>(null, headers), JsonNode.class);
    // Camunda's job resource answers every engine failure of a job it executes with 404 and the message
    assertThat(closing.getStatusCode().value()).isBetween(400, 499);
    assertThat(closing.getBody().get("message").asText()).contains("尚未届满");
    assertThat(cases.current(project).getPublicityClosedOn()).isNull();

    // straight to the registration, past the bureau: refused in the domain, whatever the route
    ResponseEntity<String> modified = http.withBasicAuth("admin", "demo").postForEntity(
        "/engine-rest/process-instance/" + registration.getId() + "/modification", new HttpEntity<>(Map.of(
            "annotation", "跳过审批", "instructions", List.of(Map.of("type", "startBeforeActivity",
                "activityId", "Task_RegisterProject")))), String.class);
    assertThat(modified.getStatusCode().value()).isEqualTo(204);
    Job register = managementService.createJobQuery().processInstanceId(registration.getId())
        .activityId("Task_RegisterProject").singleResult();
    ResponseEntity<JsonNode> registering = http.withBasicAuth("admin", "demo").postForEntity(
        "/engine-rest/job/" + register.getId() + "/execute", new HttpEntity<>(null, headers), JsonNode.class);
    assertThat(registering.getStatusCode().value()).isBetween(400, 499);
    assertThat(registering.getBody().get("message").asText()).contains("Task_BureauDecision");
    assertThat(cases.current(project).getRegistrationNo()).isNull();
    // a refused effect is not retried: the incident stands in Cockpit at once, with the refusal as its message
    assertThat(managementService.createJobQuery().jobId(register.getId()).singleResult().getRetries()).isZero();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(registration.getId())
        .activityId("Task_RegisterProject").singleResult().getIncidentMessage()).contains("Task_BureauDecision");
  }
}
