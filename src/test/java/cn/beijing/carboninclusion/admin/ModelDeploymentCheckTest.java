package cn.beijing.carboninclusion.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.beijing.carboninclusion.support.ModelerDeployment;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import cn.beijing.carboninclusion.support.ShippedForms;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Deploy-time validation on every path: a model referencing a missing bean, class, form, group or message, or
 * lacking historyTimeToLive, is refused with a message naming the element; a sound one deploys; only
 * administrators deploy through the engine REST API (Camunda Modeler's deploy button).
 */
class ModelDeploymentCheckTest extends PlatformIntegrationTest {
  @Autowired RepositoryService repositoryService;
  @Autowired org.camunda.bpm.engine.RuntimeService runtimeService;
  @Autowired TestRestTemplate http;

  @AfterEach
  void removeTestDeployments() {
    runtimeService.createProcessInstanceQuery().processDefinitionKey("ModelChange").list()
        .forEach(pi -> runtimeService.deleteProcessInstance(pi.getId(), "test finished", true, true));
    repositoryService.createDeploymentQuery().deploymentName("model-check-test").list()
        .forEach(d -> repositoryService.deleteDeployment(d.getId(), true));
  }

  @Test
  void aMissingDelegateBeanIsRefusedNamingTheElement() {
    assertRefused(model("ttl=\"P30D\"", "<bpmn:serviceTask id=\"Task_Check\" name=\"核查\" "
        + "camunda:delegateExpression=\"${noSuchCheck}\" />"), "Task_Check", "noSuchCheck");
  }

  @Test
  void aMissingTaskListenerBeanOrClassIsRefused() {
    assertRefused(model("ttl=\"P30D\"", "<bpmn:userTask id=\"Task_Review\" name=\"审核\" camunda:candidateGroups=\"techcenter\">"
        + "<bpmn:extensionElements><camunda:taskListener event=\"complete\" delegateExpression=\"${noSuchListener}\" />"
        + "<camunda:executionListener event=\"start\" class=\"cn.example.NoSuchListener\" />"
        + "</bpmn:extensionElements></bpmn:userTask>"), "noSuchListener", "cn.example.NoSuchListener");
  }

  @Test
  void aFormThatIsNotDeployedWithTheModelIsRefused() {
    assertRefused(model("ttl=\"P30D\"", "<bpmn:userTask id=\"Task_Review\" name=\"审核\" camunda:candidateGroups=\"techcenter\" "
        + "camunda:formRef=\"form-no-such-form\" camunda:formRefBinding=\"deployment\" />"), "Task_Review",
        "form-no-such-form");
    // deployed before is not enough: the form must come with the model
    assertRefused(model("ttl=\"P30D\"", "<bpmn:userTask id=\"Task_Review\" name=\"审核\" camunda:candidateGroups=\"techcenter\" "
        + "camunda:formRef=\"form-technical-review\" camunda:formRefBinding=\"deployment\" />"), "Task_Review",
        "form-technical-review", "不在本次部署中");
  }

  @Test
  void aFormBoundToTheLatestVersionIsRefused() {
    // bound to "latest", a form deployed alone from the Modeler would apply at once to every running case
    for (String binding : new String[] {"formRefBinding=\"latest\"", "formRefBinding=\"version\" camunda:formRefVersion=\"1\"", ""}) {
      assertRefused(model("ttl=\"P30D\"", "<bpmn:userTask id=\"Task_Review\" name=\"审核\" camunda:candidateGroups=\"techcenter\" "
          + "camunda:formRef=\"form-technical-review\" " + (binding.isEmpty() ? "" : "camunda:" + binding) + " />"),
          "Task_Review", "formRefBinding");
    }
  }

  @Test
  void anUnknownCandidateGroupIsRefused() {
    assertRefused(model("ttl=\"P30D\"", "<bpmn:userTask id=\"Task_Review\" name=\"审核\" "
        + "camunda:candidateGroups=\"techcenter, auditors\" />"), "Task_Review", "auditors");
  }

  @Test
  void aMessageNoCodeCorrelatesIsRefused() {
    String xml = model("ttl=\"P30D\"", "<bpmn:receiveTask id=\"Task_Wait\" name=\"等待\" messageRef=\"Message_Typo\" />")
        .replace("</bpmn:definitions>",
            "<bpmn:message id=\"Message_Typo\" name=\"Message_ProjectSuspendd\" /></bpmn:definitions>");
    assertRefused(xml, "Message_Typo", "Message_ProjectSuspendd");
  }

  @Test
  void aProcessWithoutHistoryTimeToLiveIsRefused() {
    assertRefused(model("", "<bpmn:userTask id=\"Task_Review\" name=\"审核\" camunda:candidateGroups=\"bureau\" />"),
        "Process_ModelCheck", "historyTimeToLive");
  }

  @Test
  void aSoundModelUsingDeployedFormsBeansAndMessagesDeploys() {
    String xml = model("ttl=\"P30D\"", "<bpmn:userTask id=\"Task_Review\" name=\"审核\" camunda:candidateGroups=\"techcenter\" "
        + "camunda:formRef=\"form-technical-review\" camunda:formRefBinding=\"deployment\">"
        + "<bpmn:extensionElements><camunda:taskListener event=\"complete\" delegateExpression=\"${separationOfDuties}\" />"
        + "</bpmn:extensionElements></bpmn:userTask>")
        .replace("</bpmn:definitions>",
            "<bpmn:message id=\"Message_Known\" name=\"Message_ProjectSuspended\" /></bpmn:definitions>");
    Deployment deployment = repositoryService.createDeployment().name("model-check-test").addString("model-check.bpmn", xml)
        .addString("technical-review.form", ShippedForms.read("technical-review")).deploy();
    assertThat(repositoryService.createProcessDefinitionQuery().deploymentId(deployment.getId()).count())
        .isEqualTo(1);
  }

  @Test
  void modelerDeploysAsAdministratorOnlyAndSeesTheRefusal() {
    String sound = model("ttl=\"P30D\"", "<bpmn:userTask id=\"Task_Review\" name=\"审核\" camunda:candidateGroups=\"bureau\" />");
    assertThat(restDeploy(null, sound).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    for (String user : new String[] {"zhangwei", "wangfang", "greentravel"}) {
      assertThat(restDeploy(user, sound).getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
    }
    ResponseEntity<JsonNode> broken = restDeploy("admin", model("ttl=\"P30D\"",
        "<bpmn:serviceTask id=\"Task_Check\" name=\"核查\" camunda:delegateExpression=\"${noSuchCheck}\" />"));
    assertThat(broken.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(broken.getBody().get("message").asText()).contains("Task_Check", "noSuchCheck");
    ResponseEntity<JsonNode> deployed = restDeploy("admin", sound);
    assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(deployed.getBody().get("deployedProcessDefinitions")).hasSize(1);
    // deployed as a proposal: suspended until a second person approves it (ModelChangeTest)
    assertThat(deployed.getBody().get("deployedProcessDefinitions").elements().next().get("suspended").asBoolean())
        .isTrue();
  }

  // ---- helpers -----------------------------------------------------------------------------------------------

  @Test
  void aModelThatIsNotWellFormedXmlIsA400NotA500() {
    // found by the authorization matrix: a broken file from Modeler was answered 500 (ModelParseException)
    assertRefused("<bpmn:definitions", "模型无法解析");
    long before = repositoryService.createDeploymentQuery().count();
    ResponseEntity<JsonNode> answer = restDeploy("admin", "<bpmn:definitions");
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody().get("message").asText()).contains("部署被拒绝", "模型无法解析");
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
  }

  private void assertRefused(String xml, String... named) {
    long before = repositoryService.createDeploymentQuery().count();
    assertThatThrownBy(() -> deploy(xml)).isInstanceOf(NotValidException.class)
        .hasMessageContaining("部署被拒绝").hasMessageContainingAll(named);
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
  }

  private Deployment deploy(String xml) {
    return repositoryService.createDeployment().name("model-check-test").addString("model-check.bpmn", xml).deploy();
  }

  private ResponseEntity<JsonNode> restDeploy(String user, String xml) {
    return ModelerDeployment.deploy(http, user, "model-check-test", "model-check.bpmn", xml);
  }

  static String model(String ttl, String element) {
    String ttlAttribute = ttl.isEmpty() ? "" : " camunda:historyTimeToLive=\"P30D\"";
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_ModelCheck"
            targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="Process_ModelCheck" name="部署校验测试" isExecutable="true"%s>
            <bpmn:startEvent id="StartEvent_1" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="%s" />
            %s
            <bpmn:sequenceFlow id="Flow_2" sourceRef="%s" targetRef="EndEvent_1" />
            <bpmn:endEvent id="EndEvent_1" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(ttlAttribute, idOf(element), element, idOf(element));
  }

  private static String idOf(String element) {
    int start = element.indexOf("id=\"") + 4;
    return element.substring(start, element.indexOf('"', start));
  }
}
