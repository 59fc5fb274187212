package cn.beijing.carboninclusion.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.junit.jupiter.api.Test;

/**
 * The benchmark twins of every model in {@code processes/} ({@link TwinModels}): every piece of the platform's code is
 * gone, the keys are renamed, and everything the engine walks — user tasks with their groups and forms, timers,
 * conditions, async flags — and the diagram stay as they were.
 */
class TwinModelsTest {
  private static final Path PROCESSES = Path.of("processes");

  @Test
  void everyTwinCallsNoCodeOfThePlatformAndKeepsWhatTheEngineWalks() throws Exception {
    TwinModels twins = new TwinModels(TwinModels.factBounds(Path.of("forms")));
    List<Path> models;
    try (Stream<Path> files = Files.list(PROCESSES)) {
      models = files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
    }
    assertThat(models).hasSizeGreaterThanOrEqualTo(9);
    for (Path file : models) {
      BpmnModelInstance original = read(file);
      BpmnModelInstance twin = twins.twin(read(file));
      Bpmn.validateModel(twin);
      // round trip: what the benchmark deploys is the written XML
      twin = Bpmn.readModelFromStream(new java.io.ByteArrayInputStream(Bpmn.convertToString(twin)
          .getBytes(java.nio.charset.StandardCharsets.UTF_8)));

      assertThat(TwinModels.processIds(twin)).as(file + ": keys")
          .containsExactlyElementsOf(TwinModels.processIds(original).stream().map(id -> id + "_Twin").toList());

      // no code of the platform: no delegate, class, bean expression, decision, listener or bean-calling mapping
      List<String> code = new ArrayList<>();
      collectCode(twin.getDocument().getRootElement(), code);
      assertThat(code).as(file + ": code left in the twin").isEmpty();
      assertThat(twin.getModelElementsByType(CamundaExecutionListener.class)).as(file + ": listeners").isEmpty();
      assertThat(twin.getModelElementsByType(CamundaTaskListener.class)).as(file + ": task listeners").isEmpty();
      for (var parameter : twin.getModelElementsByType(CamundaInputParameter.class)) {
        assertThat(parameter.getTextContent().trim()).as(file + ": input " + parameter.getCamundaName())
            .matches("|\\$\\{[A-Za-z_][A-Za-z0-9_]*}|\\$\\{currentUser\\(\\)}");
      }
      for (var parameter : twin.getModelElementsByType(CamundaOutputParameter.class)) {
        assertThat(parameter.getTextContent().trim()).as(file + ": output " + parameter.getCamundaName())
            .matches("|\\$\\{[A-Za-z_][A-Za-z0-9_]*}|\\$\\{currentUser\\(\\)}");
      }

      // the same flow: every flow node and flow with the same id, type, async flags and conditions
      Map<String, FlowNode> before = byId(original.getModelElementsByType(FlowNode.class));
      Map<String, FlowNode> after = byId(twin.getModelElementsByType(FlowNode.class));
      assertThat(after.keySet()).as(file + ": flow nodes").isEqualTo(before.keySet());
      before.forEach((id, node) -> {
        FlowNode copy = after.get(id);
        assertThat(copy.getElementType()).isEqualTo(node.getElementType());
        for (String flag : List.of("asyncBefore", "asyncAfter", "async", "exclusive")) {
          assertThat(copy.getAttributeValueNs(TwinModels.CAMUNDA, flag)).as(id + " " + flag)
              .isEqualTo(node.getAttributeValueNs(TwinModels.CAMUNDA, flag));
        }
        assertThat(copy.getName()).isEqualTo(node.getName());
      });
      Map<String, SequenceFlow> flowsBefore = byId(original.getModelElementsByType(SequenceFlow.class));
      Map<String, SequenceFlow> flowsAfter = byId(twin.getModelElementsByType(SequenceFlow.class));
      assertThat(flowsAfter.keySet()).isEqualTo(flowsBefore.keySet());
      flowsBefore.forEach((id, flow) -> assertThat(text(flowsAfter.get(id).getConditionExpression()))
          .as(id + " condition").isEqualTo(text(flow.getConditionExpression())));
      assertThat(timers(twin)).as(file + ": timers").isEqualTo(timers(original));

      // user tasks: the same people, forms and due dates
      Map<String, UserTask> tasksBefore = byId(original.getModelElementsByType(UserTask.class));
      byId(twin.getModelElementsByType(UserTask.class)).forEach((id, task) -> {
        UserTask was = tasksBefore.get(id);
        assertThat(task.getCamundaCandidateGroups()).as(id).isEqualTo(was.getCamundaCandidateGroups());
        assertThat(task.getCamundaCandidateUsers()).as(id).isEqualTo(was.getCamundaCandidateUsers());
        assertThat(task.getCamundaAssignee()).as(id).isEqualTo(was.getCamundaAssignee());
        assertThat(task.getCamundaFormRef()).as(id).isEqualTo(was.getCamundaFormRef());
        assertThat(task.getCamundaFormRefBinding()).as(id).isEqualTo(was.getCamundaFormRefBinding());
        assertThat(task.getCamundaDueDate()).as(id).isEqualTo(was.getCamundaDueDate());
      });

      // the diagram stays, pointing at the renamed process and the same elements
      assertThat(twin.getModelElementsByType(BpmnShape.class)).hasSameSizeAs(
          original.getModelElementsByType(BpmnShape.class));
      assertThat(twin.getModelElementsByType(BpmnEdge.class)).hasSameSizeAs(
          original.getModelElementsByType(BpmnEdge.class));
      for (BpmnShape shape : twin.getModelElementsByType(BpmnShape.class)) {
        assertThat(shape.getBpmnElement()).as(file + ": shape " + shape.getId()).isNotNull();
      }
      for (BpmnPlane plane : twin.getModelElementsByType(BpmnPlane.class)) {
        assertThat(plane.getBpmnElement()).isNotNull();
        if (plane.getBpmnElement() instanceof Process process) {
          assertThat(process.getId()).endsWith("_Twin");
        }
      }
    }
  }

  @Test
  void aCaseFactAFormBoundReadsIsFedFromAStartVariable() throws Exception {
    assertThat(TwinModels.factBounds(Path.of("forms"))).containsEntry("form-reduction-review",
        Set.of("claimedTco2e"));
    BpmnModelInstance twin = new TwinModels(TwinModels.factBounds(Path.of("forms")))
        .twin(read(PROCESSES.resolve("reduction-registration.bpmn")));
    UserTask review = twin.getModelElementById("Task_TechnicalReview");
    assertThat(review.getExtensionElements().getElementsQuery().filterByType(
        org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput.class).singleResult()
        .getCamundaInputParameters()).anySatisfy(p -> {
          assertThat(p.getCamundaName()).isEqualTo("claimedTco2e");
          assertThat(p.getTextContent()).isEqualTo("${twin_claimedTco2e}");
        });
    // the original's own mappings (the review's local decision variables) stay
    assertThat(twin.getModelElementsByType(CamundaOutputParameter.class)).extracting(
        CamundaOutputParameter::getCamundaName).contains("reviewDecision", "verifiedTco2e", "reviewComment");
  }

  private static BpmnModelInstance read(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return Bpmn.readModelFromStream(in);
    }
  }

  /** Every attribute of the twin that names code: what the platform would run. */
  private static void collectCode(DomElement element, List<String> found) {
    for (String attribute : List.of("delegateExpression", "class", "decisionRef", "type", "topic",
        "resultVariable")) {
      if (element.hasAttribute(TwinModels.CAMUNDA, attribute)) {
        found.add(element.getAttribute("id") + " camunda:" + attribute);
      }
    }
    String expression = element.getAttribute(TwinModels.CAMUNDA, "expression");
    if (expression != null && !expression.equals(TwinModels.NO_OP)) {
      found.add(element.getAttribute("id") + " camunda:expression " + expression);
    }
    if (List.of("connector", "script", "executionListener", "taskListener").contains(element.getLocalName())) {
      found.add(element.getLocalName());
    }
    for (DomElement child : element.getChildElements()) {
      collectCode(child, found);
    }
  }

  private static <T extends BaseElement> Map<String, T> byId(java.util.Collection<T> elements) {
    return elements.stream().collect(Collectors.toMap(BaseElement::getId, Function.identity()));
  }

  private static String text(ConditionExpression condition) {
    return condition == null ? null : condition.getTextContent();
  }

  private static List<String> timers(BpmnModelInstance model) {
    return model.getModelElementsByType(TimerEventDefinition.class).stream()
        .map(t -> t.getParentElement().getAttributeValue("id") + "="
            + (t.getTimeDuration() != null ? t.getTimeDuration().getTextContent()
            : t.getTimeDate() != null ? t.getTimeDate().getTextContent()
            : t.getTimeCycle() != null ? t.getTimeCycle().getTextContent() : ""))
        .sorted().toList();
  }
}
