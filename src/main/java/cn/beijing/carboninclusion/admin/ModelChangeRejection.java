package cn.beijing.carboninclusion.admin;

import cn.beijing.carboninclusion.decision.Decisions;
import java.time.Clock;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 删除变更提议: a proposal not approved is deleted from the engine (its definitions never ran: they were suspended);
 * the {@code model_change} row keeps what was proposed, by whom, and who refused it why.
 */
@Component("modelChangeRejection")
class ModelChangeRejection implements JavaDelegate {
  private final ModelChanges changes;
  private final Decisions decisions;
  private final RepositoryService repositoryService;
  private final Clock clock;

  ModelChangeRejection(ModelChanges changes, Decisions decisions, RepositoryService repositoryService, Clock clock) {
    this.changes = changes;
    this.decisions = decisions;
    this.repositoryService = repositoryService;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = ModelChanges.caseOf(execution);
    ModelChanges.Change change = changes.get(id);
    Decisions.Taken refusal = decisions.of(execution).require("Task_ApproveModelChange", "changeDecision", "REJECT");
    if (changes.reject(id, refusal.by(), clock.instant(), refusal.text("changeComment"))) {
      repositoryService.deleteDeployment(change.deploymentId(), true);
    }
  }
}
