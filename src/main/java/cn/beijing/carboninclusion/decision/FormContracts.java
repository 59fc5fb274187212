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
