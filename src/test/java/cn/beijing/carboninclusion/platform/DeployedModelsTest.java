package cn.beijing.carboninclusion.platform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The models in processes/ and the forms in forms/ are deployed together at start-up; a user task's Camunda
 * Form reaches its reviewers through the engine REST API (as Tasklist fetches it), under authorization; due dates
 * in working days use the Chinese working-day calendar.
 */
class DeployedModelsTest extends PlatformIntegrationTest {
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired WorkingDayCalendar workingDays;
  @Autowired TestRestTemplate http;

  private ProcessInstance instance;

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    if (instance != null) {
      runtimeService.deleteProcessInstance(instance.getId(), "test finished");
    }
  }

  @Test
  void modelsAndFormsAreDeployedTogether() {
    ProcessDefinition registration = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey("ProjectRegistration").latestVersion().singleResult();
    assertThat(registration).isNotNull();
    assertThat(registration.getHistoryTimeToLive()).isPositive();
    Deployment deployment = repositoryService.createDeploymentQuery().deploymentId(registration.getDeploymentId())
        .singleResult();
    List<String> resources = repositoryService.getDeploymentResources(deployment.getId()).stream()
        .map(Resource::getName).toList();
    assertThat(resources).anyMatch(name -> name.endsWith("project-registration.bpmn"))
        .anyMatch(name -> name.endsWith("technical-review.form"))
        .anyMatch(name -> name.endsWith("bureau-decision.form"));
  }

  @Test
  void aReviewerReceivesTheTaskFormThroughTheEngineRestApi() {
    Instant start = Instant.parse("2026-02-12T02:00:00Z"); // Thursday 10:00 in Beijing, before the Spring Festival
    ClockUtil.setCurrentTime(Date.from(start));
    instance = runtimeService.createProcessInstanceByKey("ProjectRegistration")
        .businessKey("form-test")
        .setVariables(Map.of("projectId", -1L, "applicant", "greentravel", "reviewDue", "P20WD",
            "projectName", "表单测试项目"))
        .startBeforeActivity("Task_TechnicalReview")
        .execute();
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_TechnicalReview");
    assertThat(task.getDueDate().toInstant())
        .isEqualTo(workingDays.addWorkingDays(start, 20).truncatedTo(ChronoUnit.SECONDS));

    ResponseEntity<JsonNode> form = http.withBasicAuth("wangfang", "demo")
        .getForEntity("/engine-rest/task/" + task.getId() + "/deployed-form", JsonNode.class);
    assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(form.getBody().get("id").asText()).isEqualTo("form-technical-review");
    assertThat(form.getBody().toString()).contains("reviewDecision").contains("技术评估");

    ResponseEntity<String> developer = http.withBasicAuth("greentravel", "demo")
        .getForEntity("/engine-rest/task/" + task.getId() + "/deployed-form", String.class);
    assertThat(developer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> anonymous = http.getForEntity("/engine-rest/task/" + task.getId() + "/deployed-form",
        String.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }
}
