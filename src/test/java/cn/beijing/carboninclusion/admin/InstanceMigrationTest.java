package cn.beijing.carboninclusion.admin;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Running cases stay on their version; an administrator migrates them to the next one with a plan that maps the
 * renamed task, after seeing the unmapped activity in the plan without the mapping; the cases complete on v2.
 */
class InstanceMigrationTest extends PlatformIntegrationTest {
  static final String KEY = "Process_MigrationExample";

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine processEngine;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;

  @AfterEach
  void removeDeployments() {
    repositoryService.createDeploymentQuery().deploymentName("migration-test").list()
        .forEach(d -> repositoryService.deleteDeployment(d.getId(), true));
  }

  @Test
  void casesStartedOnV1MoveToV2WithTheRenamedTaskMappedAndCompleteThere() {
    deploy("Task_Review", "审核");
    ProcessInstance first = runtimeService.startProcessInstanceByKey(KEY);
    ProcessInstance second = runtimeService.startProcessInstanceByKey(KEY);
    deploy("Task_TechnicalReview", "技术审核");
    // a new case starts on v2; the running ones stay on v1
    ProcessInstance onV2 = runtimeService.startProcessInstanceByKey(KEY);
    assertThat(version(onV2)).isEqualTo(2);
    assertThat(version(first)).isEqualTo(1);

    Map<String, Object> unmappedRequest = Map.of("processKey", KEY, "fromVersion", 1, "toVersion", 2);
    assertThat(post("zhangwei", "/api/admin/migrations/plan", unmappedRequest).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    JsonNode unmapped = post("admin", "/api/admin/migrations/plan", unmappedRequest).getBody();
    assertThat(unmapped.get("executable").asBoolean()).isFalse();
    assertThat(unmapped.get("cases").asLong()).isEqualTo(2);
    assertThat(unmapped.get("unmappedActivitiesWithCases").get("Task_Review").asLong()).isEqualTo(2);
    assertThat(unmapped.get("problems").toString()).contains("Task_Review");
    assertThat(post("admin", "/api/admin/migrations", unmappedRequest).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
    assertThat(version(first)).isEqualTo(1);

    Map<String, Object> mapped = Map.of("processKey", KEY, "fromVersion", 1, "toVersion", 2,
        "mappings", Map.of("Task_Review", "Task_TechnicalReview"));
    JsonNode plan = post("admin", "/api/admin/migrations/plan", mapped).getBody();
    assertThat(plan.get("executable").asBoolean()).isTrue();
    assertThat(plan.get("instructions").toString()).contains("\"source\":\"Task_Review\"",
        "\"target\":\"Task_TechnicalReview\"");

    ResponseEntity<JsonNode> started = post("admin", "/api/admin/migrations", mapped);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    runBatch(started.getBody().get("batchId").asText());

    for (ProcessInstance instance : List.of(first, second)) {
      assertThat(version(instance)).isEqualTo(2);
      Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
      assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_TechnicalReview");
      // the engine migrates the task, not its attributes: it keeps the name it was created with (documented)
      assertThat(task.getName()).isEqualTo("审核");
      taskService.complete(task.getId());
      assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
    }
  }

  @Test
  void badRequestsNameTheField() {
    deploy("Task_Review", "审核");
    ResponseEntity<JsonNode> noKey = post("admin", "/api/admin/migrations/plan", Map.of("fromVersion", 1));
    assertThat(noKey.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noKey.getBody().get("errors").has("processKey")).isTrue();
    ResponseEntity<JsonNode> noVersion = post("admin", "/api/admin/migrations/plan",
        Map.of("processKey", KEY, "fromVersion", 1, "toVersion", 7));
    assertThat(noVersion.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noVersion.getBody().get("errors").has("toVersion")).isTrue();
    assertThat(post("admin", "/api/admin/migrations/plan", Map.of("processKey", "NoSuchProcess")).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  private void runBatch(String batchId) {
    Batch batch = managementService.createBatchQuery().batchId(batchId).singleResult();
    for (String definition : List.of(batch.getSeedJobDefinitionId(), batch.getBatchJobDefinitionId(),
        batch.getMonitorJobDefinitionId())) {
      for (Job job : managementService.createJobQuery().jobDefinitionId(definition).list()) {
        managementService.executeJob(job.getId());
      }
    }
  }

  private int version(ProcessInstance instance) {
    String definitionId = runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId())
        .singleResult().getProcessDefinitionId();
    return repositoryService.getProcessDefinition(definitionId).getVersion();
  }

  private void deploy(String taskId, String taskName) {
    repositoryService.createDeployment().name("migration-test").addString("migration-example.bpmn", """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Migration"
            targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="%s" name="迁移示例" isExecutable="true" camunda:historyTimeToLive="P30D">
            <bpmn:startEvent id="StartEvent_1" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="%s" />
            <bpmn:userTask id="%s" name="%s" camunda:candidateGroups="techcenter" />
            <bpmn:sequenceFlow id="Flow_2" sourceRef="%s" targetRef="EndEvent_1" />
            <bpmn:endEvent id="EndEvent_1" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(KEY, taskId, taskId, taskName, taskId)).deploy();
  }

  private ResponseEntity<JsonNode> post(String user, String url, Object body) {
    return http.withBasicAuth(user, "demo").postForEntity(url, body, JsonNode.class);
  }
}
