package cn.beijing.carboninclusion.common;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

/**
 * The version of a process the platform starts its cases on: the newest <em>active</em> one. A model deployed from
 * Camunda Modeler is held suspended until a second person approves it and its effective date comes (issue 20,
 * item 1; {@code admin.ModelChangeHold}); the engine's "latest version" would be that proposal, and starting on it
 * would fail, so every start goes through here.
 */
@Component
public class ProcessStarts {
  private final RepositoryService repositoryService;

  public ProcessStarts(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
  }

  /** The id of the newest active version of the process {@code key}. */
  public String latestActive(String key) {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).withoutTenantId().active()
        .orderByProcessDefinitionVersion().desc().listPage(0, 1).stream().findFirst().map(ProcessDefinition::getId)
        .orElseThrow(() -> new ProcessEngineException("no active version of process " + key));
  }
}
