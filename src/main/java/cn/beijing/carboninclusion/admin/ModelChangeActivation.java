package cn.beijing.carboninclusion.admin;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.decision.Decisions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

/**
 * 按生效日期启用: the recorded approval (by someone other than the deployer) takes effect from 0:00 Beijing time of
 * its date. The process definitions of the deployment are activated then — at once when the date is today, otherwise
 * by the engine's scheduled activation (a job at that time) — and the rule book reads the rule table from then on.
 */
@Component("modelChangeActivation")
class ModelChangeActivation implements JavaDelegate {
  private final ModelChanges changes;
  private final Decisions decisions;
  private final RepositoryService repositoryService;
  private final WorkingDayCalendar calendar;
  private final Clock clock;

  ModelChangeActivation(ModelChanges changes, Decisions decisions, RepositoryService repositoryService,
      WorkingDayCalendar calendar, Clock clock) {
    this.changes = changes;
    this.decisions = decisions;
    this.repositoryService = repositoryService;
    this.calendar = calendar;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = ModelChanges.caseOf(execution);
    ModelChanges.Change change = changes.get(id);
    Decisions.Trail trail = decisions.of(execution);
    Decisions.Taken approval = trail.require("Task_ApproveModelChange", "changeDecision", "APPROVE");
    if (approval.by().equals(change.proposedBy())) {
      throw trail.refused("变更由部署者本人批准，不予启用 (four eyes: the approval is the deployer's own)");
    }
    LocalDate from = LocalDate.parse(approval.text("changeEffectiveFrom").trim());
    Instant effective = from.atStartOfDay(calendar.zone()).toInstant();
    Instant now = clock.instant();
    if (!changes.approve(id, approval.by(), now, effective, approval.text("changeComment"))) {
      return; // decided already (a retried job): nothing to do twice
    }
    for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery()
        .deploymentId(change.deploymentId()).list()) {
      var activation = repositoryService.updateProcessDefinitionSuspensionState()
          .byProcessDefinitionId(definition.getId()).includeProcessInstances(false);
      if (effective.isAfter(now)) {
        activation.executionDate(Date.from(effective));
      }
      activation.activate();
    }
  }
}
