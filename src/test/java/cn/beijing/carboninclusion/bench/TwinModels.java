package cn.beijing.carboninclusion.bench;

import cn.beijing.carboninclusion.decision.TaskDoor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The benchmark twin of a process model ({@code bench/cases.sh}, docs/benchmarks.md): the same BPMN with every piece of
 * the platform's code taken out, so that driving it measures the engine's own cost over the same interface.
 *
 * <ul>
 *   <li>each process id (its key) becomes {@code <id>_Twin}, and so does each call activity's {@code calledElement};
 *       element ids, names and the diagram (DI) stay, so the twin draws and walks like the original;</li>
 *   <li>every {@code camunda:delegateExpression}, {@code camunda:class}, {@code camunda:expression} (and its
 *       {@code resultVariable}), external task {@code type}/{@code topic} and connector of a service, send,
 *       business-rule or script task or a message event is replaced by the no-op expression {@link #NO_OP};</li>
 *   <li>every execution and task listener is removed;</li>
 *   <li>input/output mappings stay only when they copy a variable ({@code ${name}}), are empty, or read the current
 *       user ({@code ${currentUser()}}): anything else could call a bean and is removed;</li>
 *   <li>user tasks keep candidate groups, assignees, due dates and form references (the task door checks the same
 *       forms); timers, gateways, conditions, async flags and messages stay. A message keeps its name: the deployment
 *       check refuses a message no code correlates, and the platform correlates by a numeric business key, which a
 *       twin instance never has;</li>
 *   <li>a form bound ({@code validate.max = "=claimedTco2e"}) that reads a case fact — a name the task door lets no
 *       client write ({@link TaskDoor#IDENTITY}) — is fed to the task from the start variable {@code twin_<name>} by an
 *       input parameter, since the twin has no platform to set the fact when it starts.</li>
 * </ul>
 *
 * Run as a program it writes the twin of every {@code *.bpmn} of a folder: {@code TwinModels <processes> <forms> <out>}.
 */
public final class TwinModels {
  /** The suffix of a twin's process keys. */
  public static final String SUFFIX = "_Twin";
  /** What a twin's service task evaluates: nothing of the platform, no variable, no bean. */
  public static final String NO_OP = "${execution.getId() != null}";
  /** The start variable that carries a case fact into a twin ({@code twin_claimedTco2e}). */
  public static final String FACT_PREFIX = "twin_";

  static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  private static final Set<String> CODE_ATTRIBUTES = Set.of("delegateExpression", "class", "expression",
      "resultVariable", "type", "topic", "decisionRef", "decisionRefBinding", "decisionRefVersion", "mapDecisionResult",
      "resource");
  private static final Set<String> CODE_ELEMENTS = Set.of("serviceTask", "sendTask", "businessRuleTask", "scriptTask",
      "messageEventDefinition", "intermediateThrowEvent", "endEvent");
  private static final Pattern PLAIN = Pattern.compile("^\\s*(|\\$\\{\\s*[A-Za-z_][A-Za-z0-9_]*\\s*}|\\$\\{\\s*"
      + "currentUser\\(\\)\\s*})\\s*$");
  private static final Pattern BOUND = Pattern.compile("^=\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*$");

  private final Map<String, Set<String>> factBoundsByForm;

  /** @param factBoundsByForm for each form id, the case facts its bounds read (see {@link #factBounds(Path)}) */
  public TwinModels(Map<String, Set<String>> factBoundsByForm) {
    this.factBoundsByForm = factBoundsByForm;
  }

  public static void main(String[] args) throws IOException {
    Path processes = Path.of(args[0]);
    Path out = Path.of(args[2]);
    TwinModels twins = new TwinModels(factBounds(Path.of(args[1])));
    Files.createDirectories(out);
    List<Path> models;
    try (Stream<Path> files = Files.list(processes)) {
      models = files.filter(p -> p.getFileName().toString().endsWith(".bpmn")).sorted().toList();
    }
    for (Path model : models) {
      BpmnModelInstance twin;
      try (InputStream in = Files.newInputStream(model)) {
        twin = twins.twin(Bpmn.readModelFromStream(in));
      }
      Bpmn.validateModel(twin);
      Path target = out.resolve(model.getFileName().toString().replace(".bpmn", "-twin.bpmn"));
      Bpmn.writeModelToFile(target.toFile(), twin);
      System.out.println("twin: " + target);
    }
  }

  /** For each form of the folder, the case facts ({@link TaskDoor#IDENTITY}) its {@code =variable} bounds read. */
  public static Map<String, Set<String>> factBounds(Path forms) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, Set<String>> bounds = new LinkedHashMap<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(forms)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".form")).sorted().toList();
    }
    for (Path file : files) {
      JsonNode form = json.readTree(file.toFile());
      Set<String> facts = new LinkedHashSet<>();
      collectBounds(form.path("components"), facts);
      if (!facts.isEmpty()) {
        bounds.put(form.path("id").asText(), facts);
      }
    }
    return bounds;
  }

  private static void collectBounds(JsonNode components, Set<String> facts) {
    for (JsonNode component : components) {
      for (String side : List.of("min", "max")) {
        var bound = BOUND.matcher(component.path("validate").path(side).asText(""));
        if (bound.matches() && TaskDoor.IDENTITY.contains(bound.group(1))) {
          facts.add(bound.group(1));
        }
      }
      collectBounds(component.path("components"), facts);
    }
  }

  /** Turns {@code model} into its twin (in place) and returns it. */
  public BpmnModelInstance twin(BpmnModelInstance model) {
    for (Process process : model.getModelElementsByType(Process.class)) {
      process.setId(process.getId() + SUFFIX);
      if (process.getName() != null) {
        process.setName(process.getName() + "（基准孪生）");
      }
    }
    for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
      if (call.getCalledElement() != null && !call.getCalledElement().contains("${")) {
        call.setCalledElement(call.getCalledElement() + SUFFIX);
      }
    }
    replaceCode(model.getDocument().getRootElement());
    removeAll(model, CamundaExecutionListener.class);
    removeAll(model, CamundaTaskListener.class);
    for (CamundaInputParameter parameter : List.copyOf(model.getModelElementsByType(CamundaInputParameter.class))) {
      keepOnlyPlain(parameter);
    }
    for (CamundaOutputParameter parameter : List.copyOf(model.getModelElementsByType(CamundaOutputParameter.class))) {
      keepOnlyPlain(parameter);
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      Set<String> facts = task.getCamundaFormRef() == null ? Set.of()
          : factBoundsByForm.getOrDefault(task.getCamundaFormRef(), Set.of());
      for (String fact : facts) {
        feedFact(model, task, fact);
      }
    }
    return model;
  }

  /** Replaces the code a flow node or event definition calls with {@link #NO_OP}; connectors go too. */
  private static void replaceCode(DomElement element) {
    if (CODE_ELEMENTS.contains(element.getLocalName())) {
      boolean hadCode = false;
      for (String attribute : CODE_ATTRIBUTES) {
        if (element.hasAttribute(CAMUNDA, attribute)) {
          element.removeAttribute(CAMUNDA, attribute);
          hadCode = true;
        }
      }
      boolean script = false;
      for (DomElement child : element.getChildElements()) {
        if ("script".equals(child.getLocalName())) {
          element.removeChild(child);
          script = true;
        }
      }
      if ("scriptTask".equals(element.getLocalName())) {
        // a script task must have a script: an empty-result one that touches nothing
        if (script || element.hasAttribute("scriptFormat")) {
          element.setAttribute("scriptFormat", "juel");
          DomElement noOp = element.getDocument().createElement(element.getNamespaceURI(), "script");
          noOp.setTextContent(NO_OP);
          element.appendChild(noOp);
        }
      } else if (hadCode || List.of("serviceTask", "sendTask", "businessRuleTask").contains(element.getLocalName())) {
        element.setAttribute(CAMUNDA, "expression", NO_OP);
      }
    }
    for (DomElement child : element.getChildElements()) {
      if ("extensionElements".equals(child.getLocalName())) {
        for (DomElement extension : child.getChildElements()) {
          if ("connector".equals(extension.getLocalName())) {
            child.removeChild(extension);
          }
        }
      }
      replaceCode(child);
    }
  }

  private static <T extends ModelElementInstance> void removeAll(BpmnModelInstance model, Class<T> type) {
    for (T element : List.copyOf(model.getModelElementsByType(type))) {
      element.getParentElement().removeChildElement(element);
    }
  }

  private static void keepOnlyPlain(ModelElementInstance parameter) {
    boolean nested = !parameter.getDomElement().getChildElements().isEmpty();
    if (nested || !PLAIN.matcher(parameter.getTextContent()).matches()) {
      parameter.getParentElement().removeChildElement(parameter);
    }
  }

  private static void feedFact(BpmnModelInstance model, UserTask task, String fact) {
    ExtensionElements extensions = task.getExtensionElements();
    if (extensions == null) {
      extensions = model.newInstance(ExtensionElements.class);
      task.setExtensionElements(extensions);
    }
    CamundaInputOutput io = extensions.getElementsQuery().filterByType(CamundaInputOutput.class).list().stream()
        .findFirst().orElse(null);
    if (io == null) {
      io = extensions.addExtensionElement(CamundaInputOutput.class);
    }
    for (Iterator<CamundaInputParameter> it = new ArrayList<>(io.getCamundaInputParameters()).iterator(); it.hasNext(); ) {
      CamundaInputParameter existing = it.next();
      if (fact.equals(existing.getCamundaName())) {
        io.getCamundaInputParameters().remove(existing);
      }
    }
    CamundaInputParameter input = model.newInstance(CamundaInputParameter.class);
    input.setCamundaName(fact);
    input.setTextContent("${" + FACT_PREFIX + fact + "}");
    io.getCamundaInputParameters().add(input);
  }

  /** The ids of the processes a model holds (the keys a deployment of it gets). */
  static List<String> processIds(BpmnModelInstance model) {
    return model.getModelElementsByType(Process.class).stream().map(BaseElement::getId).toList();
  }
}
