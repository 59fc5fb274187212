package cn.beijing.carboninclusion.admin;

import cn.beijing.carboninclusion.common.ProcessMessages;
import cn.beijing.carboninclusion.common.SchemeRulesDecision;
import cn.beijing.carboninclusion.decision.FormContract;
import cn.beijing.carboninclusion.identity.Groups;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.springframework.beans.factory.BeanFactory;

/**
 * Refuses a new deployment — at start-up, from Camunda Modeler or through the REST API — whose models reference what
 * does not exist, naming each element: a delegate bean or class, a Camunda Form that is not in the same deployment
 * (or is bound other than to it: {@code camunda:formRefBinding="deployment"}, {@link #FORM_BINDING}), a candidate group (neither one the platform creates at start, {@link Groups#ALL}, nor one an
 * administrator created), a message no code correlates ({@link ProcessMessages}); an executable
 * process or decision without {@code historyTimeToLive}; and a {@code SchemeRules} decision (scheme-rules.dmn) lacking
 * a row for a rule the platform reads or holding a value that does not parse ({@link SchemeRulesDecision}); a process
 * that drops or reorders a step the measures require ({@link StatutorySkeleton}). Running
 * cases are never affected: deployments already in the database are not checked again when the engine re-reads them.
 */
public class ModelReferenceCheck implements Deployer {
  static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  static final String CAMUNDA_DMN = "http://camunda.org/schema/1.0/dmn";
  private static final Pattern SIMPLE_BEAN = Pattern.compile("^[$#]\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}$");
  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{");

  private final BeanFactory beans;
  private final ObjectMapper json = new ObjectMapper();

  public ModelReferenceCheck(BeanFactory beans) {
    this.beans = beans;
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return;
    }
    Set<String> formsInDeployment = formIds(deployment);
    List<String> problems = new ArrayList<>();
    for (ResourceEntity resource : deployment.getResources().values()) {
      String name = resource.getName();
      if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
        BpmnModelInstance[] model = new BpmnModelInstance[1];
        DomElement root = parse(name, () -> {
          model[0] = Bpmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()));
          return model[0].getDocument().getRootElement();
        }, problems);
        if (root != null) {
          visitBpmn(name, root, formsInDeployment, problems);
          for (Process process : model[0].getModelElementsByType(Process.class)) {
            problems.addAll(StatutorySkeleton.problems(name, model[0], process));
          }
        }
      } else if (name.endsWith(".form")) {
        try {
          FormContract.parse(json.readTree(resource.getBytes())).unsupported().forEach(what ->
              problems.add(name + "：服务器无法校验的表单特性 (a form feature the server cannot enforce)：" + what));
        } catch (IOException | RuntimeException e) {
          problems.add(name + "：表单无法解析 (form does not parse)：" + e.getMessage());
        }
      } else if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
        DomElement root = parse(name, () -> Dmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()))
            .getDocument().getRootElement(), problems);
        if (root != null) {
          visitDmn(name, root, problems);
          problems.addAll(SchemeRulesDecision.problems(name, resource.getBytes()));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new NotValidException("部署被拒绝 (deployment refused)：\n" + String.join("\n", problems));
    }
  }

  /** A model that is not well-formed XML (or not BPMN/DMN) is refused as the client's error (400), not a 500. */
  private static DomElement parse(String name, java.util.function.Supplier<DomElement> read, List<String> problems) {
    try {
      return read.get();
    } catch (org.camunda.bpm.model.xml.ModelException e) {
      problems.add(name + "：模型无法解析 (the model does not parse)：" + e.getMessage());
      return null;
    }
  }

  /** The one binding of a task's form the platform accepts: the form deployed with the model. */
  static final String FORM_BINDING = "deployment";

  private void visitBpmn(String resource, DomElement element, Set<String> forms, List<String> problems) {
    String id = element.getAttribute("id");
    String where = resource + " " + (id == null ? "<" + element.getLocalName() + ">" : id);
    if ("process".equals(element.getLocalName()) && "true".equals(element.getAttribute("isExecutable"))
        && blank(element.getAttribute(CAMUNDA, "historyTimeToLive"))) {
      problems.add(where + "：可执行流程缺少 historyTimeToLive（历史数据保留时间）");
    }
    String delegate = element.getAttribute(CAMUNDA, "delegateExpression");
    if (delegate != null) {
      Matcher bean = SIMPLE_BEAN.matcher(delegate.trim());
      if (bean.matches() && !beans.containsBean(bean.group(1))) {
        problems.add(where + "：引用的 bean「" + bean.group(1) + "」不存在 (delegateExpression " + delegate + ")");
      }
    }
    String className = element.getAttribute(CAMUNDA, "class");
    if (className != null && !classExists(className.trim())) {
      problems.add(where + "：引用的类「" + className + "」不存在 (camunda:class)");
    }
    String formRef = element.getAttribute(CAMUNDA, "formRef");
    if (formRef != null) {
      // A task's form is its door (what it may write, within which rules): it comes with its model, in the same
      // deployment, so a form deployed alone changes nothing and a changed form applies only with the model it was
      // approved with (issue 20). Bound to "latest", a form deployed alone from Camunda Modeler would apply at once.
      if (!FORM_BINDING.equals(element.getAttribute(CAMUNDA, "formRefBinding"))) {
        problems.add(where + "：表单须与流程一同部署 (camunda:formRefBinding=\"" + FORM_BINDING + "\"，现为 "
            + element.getAttribute(CAMUNDA, "formRefBinding") + ")");
      } else if (!forms.contains(formRef)) {
        problems.add(where + "：引用的表单「" + formRef + "」不在本次部署中，须与流程一同部署 (camunda:formRef)");
      }
    }
    String groups = element.getAttribute(CAMUNDA, "candidateGroups");
    if (groups != null && !EXPRESSION.matcher(groups).find()) {
      for (String group : groups.split(",")) {
        if (!group.isBlank() && !Groups.ALL.contains(group.trim())
            && Context.getCommandContext().getReadOnlyIdentityProvider().findGroupById(group.trim()) == null) {
          problems.add(where + "：候选组「" + group.trim() + "」不存在 (camunda:candidateGroups)");
        }
      }
    }
    if ("message".equals(element.getLocalName()) && element.getAttribute("name") != null
        && !ProcessMessages.ALL.contains(element.getAttribute("name"))) {
      problems.add(where + "：消息「" + element.getAttribute("name") + "」没有任何程序发送 (known: "
          + String.join(", ", ProcessMessages.ALL.stream().sorted().toList()) + ")");
    }
    for (DomElement child : element.getChildElements()) {
      visitBpmn(resource, child, forms, problems);
    }
  }

  private void visitDmn(String resource, DomElement element, List<String> problems) {
    if ("decision".equals(element.getLocalName())
        && blank(element.getAttribute(CAMUNDA_DMN, "historyTimeToLive"))) {
      problems.add(resource + " " + element.getAttribute("id") + "：决策缺少 historyTimeToLive（历史数据保留时间）");
    }
    for (DomElement child : element.getChildElements()) {
      visitDmn(resource, child, problems);
    }
  }

  private Set<String> formIds(DeploymentEntity deployment) {
    Set<String> ids = new HashSet<>();
    for (ResourceEntity resource : deployment.getResources().values()) {
      if (resource.getName().endsWith(".form")) {
        try {
          JsonNode id = json.readTree(resource.getBytes()).get("id");
          if (id != null) {
            ids.add(id.asText());
          }
        } catch (IOException e) {
          throw new NotValidException("部署被拒绝：表单 " + resource.getName() + " 不是有效的 JSON：" + e.getMessage());
        }
      }
    }
    return ids;
  }

  private static boolean classExists(String name) {
    try {
      Class.forName(name, false, Thread.currentThread().getContextClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
