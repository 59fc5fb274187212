package cn.beijing.carboninclusion.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import cn.beijing.carboninclusion.support.ShippedForms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.exception.NotValidException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The statutory skeleton (issue 20, item 2): a model of a process the measures govern deploys only if it keeps every
 * required step, reachable, in the required order; each refusal names the step. The shipped models are the positive
 * case (and are redeployed here unchanged).
 */
class StatutorySkeletonTest extends PlatformIntegrationTest {
  @Autowired RepositoryService repositoryService;

  @AfterEach
  void removeTestDeployments() {
    repositoryService.createDeploymentQuery().deploymentName("skeleton-test").list()
        .forEach(d -> repositoryService.deleteDeployment(d.getId(), true));
  }

  @Test
  void everyShippedModelKeepsItsSkeletonAndRedeploys() throws IOException {
    for (String model : new String[] {"project-registration", "reduction-registration", "rectification",
        "methodology-formulation", "methodology-evaluation", "project-cancellation"}) {
      deploy(shipped(model));
    }
    assertThat(repositoryService.createDeploymentQuery().deploymentName("skeleton-test").count()).isEqualTo(6);
  }

  @Test
  void aRegistrationModelWithoutPublicityIsRefusedNamingTheSteps() throws IOException {
    // the technical review's approval leads straight to the bureau's decision: no publicity, no objections
    String xml = shipped("project-registration");
    String withoutPublicity = xml.replace("targetRef=\"Task_StartPublicity\"", "targetRef=\"Gateway_JoinBureauDecision\"");
    assertThat(withoutPublicity).isNotEqualTo(xml);

    assertRefused(withoutPublicity, "开始公示", "公示期满", "公示结束");
  }

  @Test
  void aPublicityTimerThatIgnoresTheRuleIsRefused() throws IOException {
    String xml = shipped("project-registration").replace(">${publicityDuration}<", ">P1D<");

    assertRefused(xml, "公示期满（按规则的工作日数计时）", "缺少法定步骤");
  }

  @Test
  void aPathAroundTheTechnicalReviewIsRefusedAsAReorderNamingIt() throws IOException {
    // a shortcut: the reviews's start leads straight to the publicity as well (a second outgoing flow)
    String xml = shipped("project-registration").replace("</bpmn:process>",
        "<bpmn:sequenceFlow id=\"SequenceFlow_Shortcut\" sourceRef=\"Task_StartReview\" "
            + "targetRef=\"Task_StartPublicity\" /></bpmn:process>");

    assertRefused(xml, "「技术评估（技术支撑单位）」必须在「开始公示」之前", "Task_StartPublicity");
  }

  @Test
  void theBureausDecisionGivenToAnotherGroupIsNoLongerTheStatutoryStep() throws IOException {
    String xml = shipped("project-registration").replace(
        "camunda:formRef=\"form-bureau-decision\" camunda:formRefBinding=\"deployment\" camunda:candidateGroups=\"bureau\"",
        "camunda:formRef=\"form-bureau-decision\" camunda:formRefBinding=\"deployment\" camunda:candidateGroups=\"techcenter\"");
    assertThat(xml).contains("candidateGroups=\"techcenter\"");

    assertRefused(xml, "登记决定（生态环境局）");
  }

  @Test
  void anIssuanceThatDoesNotWaitForTheVerificationIsRefused() throws IOException {
    // the verifier's task moved behind the technical review: engagement → review → verification → outcome
    String xml = shipped("reduction-registration");
    String reordered = xml
        .replace("sourceRef=\"Task_EngageVerifier\" targetRef=\"Task_Verification\"",
            "sourceRef=\"Task_EngageVerifier\" targetRef=\"Task_TechnicalReview\"")
        .replace("sourceRef=\"Task_Verification\" targetRef=\"Task_TechnicalReview\"",
            "sourceRef=\"Task_Verification\" targetRef=\"Gateway_ReviewOutcome\"")
        .replace("sourceRef=\"Task_TechnicalReview\" targetRef=\"Gateway_ReviewOutcome\"",
            "sourceRef=\"Task_TechnicalReview\" targetRef=\"Task_Verification\"");
    assertThat(reordered).isNotEqualTo(xml);

    assertRefused(reordered, "「核查机构核查」必须在「减排量技术审核（技术支撑单位）」之前");
  }

  @Test
  void aProcessTheMeasuresDoNotGovernIsNotHeldToASkeleton() {
    deploy("""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Other"
            targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="Process_Other" isExecutable="true" camunda:historyTimeToLive="P30D">
            <bpmn:startEvent id="StartEvent_1" />
          </bpmn:process>
        </bpmn:definitions>""");
  }

  private static String shipped(String name) throws IOException {
    return Files.readString(Path.of("processes", name + ".bpmn"), StandardCharsets.UTF_8);
  }

  private void assertRefused(String xml, String... named) {
    long before = repositoryService.createDeploymentQuery().count();
    assertThatThrownBy(() -> deploy(xml)).isInstanceOf(NotValidException.class)
        .hasMessageContaining("部署被拒绝").hasMessageContainingAll(named);
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
  }

  private void deploy(String xml) {
    var deployment = repositoryService.createDeployment().name("skeleton-test").addString("skeleton-test.bpmn", xml);
    ShippedForms.all().forEach(deployment::addString);
    deployment.deploy();
  }
}
