package cn.beijing.carboninclusion.decision;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.repository.Deployment;
import org.springframework.stereotype.Component;

/**
 * The {@link FormContract} of a task, read from the form the engine serves for it (the one Tasklist renders, after
 * the task's {@code formRef} binding), and the keys of every deployed form. Parsed contracts are cached by content.
 */
@Component
public class FormContracts {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, FormContract> byContent = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> keysByDeployment = new ConcurrentHashMap<>();

  /** The contract of a task, inside an engine command; {@link FormContract#NONE} when the task has no Camunda Form. */
  FormContract of(CommandContext context, TaskEntity task) {
    if (task.getTaskDefinition() == null || task.getTaskDefinition().getFormDefinition() == null
        || task.getTaskDefinition().getFormDefinition().getCamundaFormDefinitionKey() == null) {
      return FormContract.NONE;
    }
    String content = context.runWithoutAuthorization(() -> {
      try (InputStream form = context.getProcessEngineConfiguration().getFormService()
          .getDeployedTaskForm(task.getId())) {
        return new String(form.readAllBytes(), StandardCharsets.UTF_8);
      }
    });
    return parse(content);
  }

  public FormContract parse(String content) {
    return byContent.computeIfAbsent(content, c -> {
      try {
        return FormContract.parse(JSON.readTree(c));
      } catch (IOException e) {
        throw new IllegalStateException("deployed form is not JSON", e);
      }
    });
  }

  /** Every key of every deployed form: the names only a validated task completion may write. */
  Set<String> allFormKeys(CommandContext context) {
    Set<String> keys = new HashSet<>();
    RepositoryService repository = context.getProcessEngineConfiguration().getRepositoryService();
    context.runWithoutAuthorization(() -> {
      for (Deployment deployment : repository.createDeploymentQuery().list()) {
        keys.addAll(keysByDeployment.computeIfAbsent(deployment.getId(), id -> formKeys(repository, id)));
      }
      return null;
    });
    return Collections.unmodifiableSet(keys);
  }

  /**
   * The choice fields ({@link FormContract#choices()}) of every deployed form, merged: what the decisions journal
   * publishes of a decision recorded before the journal existed (its task's form is not at hand then). A key that is
   * a choice in one form and free text in another is no choice.
   */
  Map<String, Set<String>> allChoices(RepositoryService repository) {
    Map<String, Set<String>> choices = new java.util.TreeMap<>();
    Set<String> notChoices = new HashSet<>();
    for (Deployment deployment : repository.createDeploymentQuery().list()) {
      for (String name : repository.getDeploymentResourceNames(deployment.getId())) {
        if (!name.endsWith(".form")) {
          continue;
        }
        FormContract form;
        try (InputStream in = repository.getResourceAsStream(deployment.getId(), name)) {
          form = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | IllegalStateException e) {
          continue;
        }
        Map<String, Set<String>> ofForm = form.choices();
        form.fields().keySet().stream().filter(key -> !ofForm.containsKey(key)).forEach(notChoices::add);
        ofForm.forEach((key, values) -> choices.computeIfAbsent(key, k -> new HashSet<>()).addAll(values));
      }
    }
    notChoices.forEach(choices::remove);
    return choices;
  }

  private Set<String> formKeys(RepositoryService repository, String deploymentId) {
    Set<String> keys = new HashSet<>();
    for (String name : repository.getDeploymentResourceNames(deploymentId)) {
      if (name.endsWith(".form")) {
        try (InputStream form = repository.getResourceAsStream(deploymentId, name)) {
          keys.addAll(parse(new String(form.readAllBytes(), StandardCharsets.UTF_8)).fields().keySet());
        } catch (IOException | IllegalStateException e) {
          // a form that is not JSON was refused at deployment; nothing to protect
        }
      }
    }
    return keys;
  }
}
