package cn.beijing.carboninclusion.admin;

import cn.beijing.carboninclusion.common.ProcessStarts;
import cn.beijing.carboninclusion.common.SchemeRulesDecision;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.springframework.beans.factory.BeanFactory;

/**
 * Holds a deployment made by a person — Camunda Modeler's deploy button or any call of {@code POST
 * /engine-rest/deployment/create} — as a change proposal (issue 20, item 1): its process definitions are deployed
 * <em>suspended</em> (no case starts on them; {@link ProcessStarts} starts on the newest active version), its rule
 * table is not read ({@link ModelChanges} tells the rule book), and a 变更审批 case ({@code ModelChange}) asks the
 * bureau for a second person's decision, with the diff of the model's elements or of the rule values. Runs after the
 * engine's deployers, in the deployment's transaction. The platform's own deployment at start-up (no authenticated
 * user) is the released code and is not held.
 */
class ModelChangeHold implements Deployer {
  static final String PROCESS = "ModelChange";
  private static final int MAX_DIFF = 50_000;

  private final BeanFactory beans;

  ModelChangeHold(BeanFactory beans) {
    this.beans = beans;
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    CommandContext context = Context.getCommandContext();
    String user = context.getAuthenticatedUserId();
    if (!deployment.isNew() || user == null || deployment.getResources() == null) {
      return;
    }
    List<String> governed = deployment.getResources().keySet().stream().filter(ModelChangeHold::governed).sorted()
        .toList();
    if (governed.isEmpty()) {
      return; // a form alone changes no task: every task's form is bound to its model's deployment
    }
    // the forms deployed with the model apply with it: the approver sees that they come too
    List<String> resources = deployment.getResources().keySet().stream()
        .filter(r -> governed(r) || r.endsWith(".form")).sorted().toList();
    if (deployment.getDeployedProcessDefinitions() != null) {
      for (ProcessDefinition definition : deployment.getDeployedProcessDefinitions()) {
        ((ProcessDefinitionEntity) definition).setSuspensionState(SuspensionState.SUSPENDED.getStateCode());
      }
    }
    context.runWithoutAuthorization(() -> {
      RepositoryService repository = context.getProcessEngineConfiguration().getRepositoryService();
      String diff = diff(deployment, repository);
      ModelChanges changes = beans.getBean(ModelChanges.class);
      long id = changes.propose(deployment.getId(), deployment.getName(), String.join(", ", resources), user,
          beans.getBean(Clock.class).instant(), diff);
      Map<String, Object> variables = new HashMap<>();
      variables.put("deploymentName", deployment.getName() == null ? deployment.getId() : deployment.getName());
      variables.put("changedResources", String.join(", ", resources));
      variables.put("proposer", user);
      variables.put("changeDiff", diff);
      context.getProcessEngineConfiguration().getRuntimeService().startProcessInstanceById(
          beans.getBean(ProcessStarts.class).latestActive(PROCESS), String.valueOf(id), variables);
      return null;
    });
  }

  static boolean governed(String resource) {
    return resource.endsWith(".bpmn") || resource.endsWith(".bpmn20.xml") || resource.endsWith(".dmn")
        || resource.endsWith(".dmn11.xml");
  }

  /** What changes, against the newest version deployed before: elements added, removed, changed; rule values. */
  static String diff(DeploymentEntity deployment, RepositoryService repository) {
    StringBuilder out = new StringBuilder();
    for (ResourceEntity resource : new TreeMap<>(deployment.getResources()).values()) {
      String name = resource.getName();
      if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
        BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()));
        for (Process process : model.getModelElementsByType(Process.class)) {
          ProcessDefinition previous = repository.createProcessDefinitionQuery().processDefinitionKey(process.getId())
              .withoutTenantId().orderByProcessDefinitionVersion().desc().list().stream()
              .filter(d -> !d.getDeploymentId().equals(deployment.getId())).findFirst().orElse(null);
          if (previous == null) {
            out.append(name).append("：新流程 ").append(process.getId()).append("（此前未部署）\n");
            continue;
          }
          out.append(name).append("：流程 ").append(process.getId()).append("，对比现行第 ")
              .append(previous.getVersion()).append(" 版\n");
          Map<String, String> before = elements(repository.getBpmnModelInstance(previous.getId())
              .getModelElementById(process.getId()));
          Map<String, String> after = elements(process);
          int changes = compare(before, after, out);
          if (changes == 0) {
            out.append("  （流程元素无变化，仅图形或文字说明不同）\n");
          }
        }
      } else if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
        Map<String, String> after = SchemeRulesDecision.values(resource.getBytes());
        if (after.isEmpty()) {
          out.append(name).append("：决策表（非规则参数）\n");
          continue;
        }
        DecisionDefinition previous = repository.createDecisionDefinitionQuery()
            .decisionDefinitionKey(SchemeRulesDecision.KEY).withoutTenantId().orderByDecisionDefinitionVersion().desc()
            .list().stream().filter(d -> !d.getDeploymentId().equals(deployment.getId())).findFirst().orElse(null);
        Map<String, String> before = previous == null ? Map.of()
            : SchemeRulesDecision.values(bytes(repository, previous.getDeploymentId(), previous.getResourceName()));
        out.append(name).append("：规则参数 ").append(SchemeRulesDecision.KEY)
            .append(previous == null ? "（此前未部署）" : "，对比第 " + previous.getVersion() + " 版").append('\n');
        int changed = 0;
        for (Map.Entry<String, String> rule : after.entrySet()) {
          String old = before.get(rule.getKey());
          if (!Objects.equals(old, rule.getValue())) {
            out.append("  修改 ").append(rule.getKey()).append("：").append(old == null ? "（无）" : old).append(" → ")
                .append(rule.getValue()).append('\n');
            changed++;
          }
        }
        if (changed == 0) {
          out.append("  （规则取值无变化）\n");
        }
      } else {
        out.append(name).append("：随附资源\n");
      }
      if (out.length() > MAX_DIFF) {
        return out.substring(0, MAX_DIFF) + "\n…（差异过长，已截断）";
      }
    }
    return out.toString();
  }

  private static int compare(Map<String, String> before, Map<String, String> after, StringBuilder out) {
    int changes = 0;
    for (String id : after.keySet()) {
      if (!before.containsKey(id)) {
        out.append("  新增 ").append(label(id, after.get(id))).append('\n');
        changes++;
      } else if (!before.get(id).equals(after.get(id))) {
        out.append("  修改 ").append(label(id, after.get(id))).append('\n');
        changes++;
      }
    }
    for (String id : before.keySet()) {
      if (!after.containsKey(id)) {
        out.append("  删除 ").append(label(id, before.get(id))).append('\n');
        changes++;
      }
    }
    return changes;
  }

  private static String label(String id, String signature) {
    String[] parts = signature.split("\\|", 3);
    return id + (parts.length > 1 && !parts[1].isEmpty() ? "「" + parts[1] + "」" : "") + " (" + parts[0] + ")";
  }

  /** Every flow element of a process (nested ones included) by id: type|name|what it does. */
  private static Map<String, String> elements(org.camunda.bpm.model.xml.instance.ModelElementInstance process) {
    Map<String, String> elements = new LinkedHashMap<>();
    collect(process, elements);
    return elements;
  }

  private static void collect(org.camunda.bpm.model.xml.instance.ModelElementInstance scope,
      Map<String, String> elements) {
    for (FlowElement element : scope.getChildElementsByType(FlowElement.class)) {
      DomElement dom = element.getDomElement();
      elements.put(element.getId(), dom.getLocalName() + "|" + (element.getName() == null ? "" : element.getName())
          + "|" + signature(dom));
      collect(element, elements);
    }
  }

  /** The element's attributes and its non-flow children (conditions, timers, listeners, I/O), flow children left out. */
  private static String signature(DomElement dom) {
    StringBuilder s = new StringBuilder();
    new TreeMap<>(attributes(dom)).forEach((k, v) -> s.append(k).append('=').append(v).append(';'));
    for (DomElement child : dom.getChildElements()) {
      String local = child.getLocalName();
      if (List.of("incoming", "outgoing", "documentation").contains(local) || isFlowElement(child)) {
        continue;
      }
      s.append('<').append(local).append(' ').append(signature(child)).append(child.getTextContent().strip())
          .append('>');
    }
    return s.toString();
  }

  private static boolean isFlowElement(DomElement dom) {
    return dom.getModelElementInstance() instanceof FlowElement
        || "sequenceFlow".equals(dom.getLocalName());
  }

  /** The attributes the model declares for the element's type and its base types (Camunda's extensions included). */
  private static Map<String, String> attributes(DomElement dom) {
    Map<String, String> attributes = new LinkedHashMap<>();
    org.camunda.bpm.model.xml.instance.ModelElementInstance element = dom.getModelElementInstance();
    if (element == null) {
      return attributes;
    }
    for (org.camunda.bpm.model.xml.type.ModelElementType type = element.getElementType(); type != null;
        type = type.getBaseType()) {
      for (org.camunda.bpm.model.xml.type.attribute.Attribute<?> attribute : type.getAttributes()) {
        Object value = attribute.getValue(element);
        if (value != null) {
          attributes.put(attribute.getAttributeName(), String.valueOf(value));
        }
      }
    }
    return attributes;
  }

  private static byte[] bytes(RepositoryService repository, String deploymentId, String resource) {
    try (InputStream in = repository.getResourceAsStream(deploymentId, resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
