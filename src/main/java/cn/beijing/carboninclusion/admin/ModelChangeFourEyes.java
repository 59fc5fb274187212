package cn.beijing.carboninclusion.admin;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.ProcessVariables;
import java.time.Clock;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * 变更审批 (completion of {@code Task_ApproveModelChange}): the second person. Whoever deployed the change may not
 * decide on it (403), whatever group they are in; an approval names an effective date, today or later (400 naming
 * {@code changeEffectiveFrom}). The proposer is read from the {@code model_change} row, never a process variable.
 */
@Component("modelChangeFourEyes")
class ModelChangeFourEyes implements TaskListener {
  private final ModelChanges changes;
  private final AuditTrail auditTrail;
  private final WorkingDayCalendar calendar;
  private final Clock clock;

  ModelChangeFourEyes(ModelChanges changes, AuditTrail auditTrail, WorkingDayCalendar calendar, Clock clock) {
    this.changes = changes;
    this.auditTrail = auditTrail;
    this.calendar = calendar;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    ModelChanges.Change change = changes.get(ModelChanges.caseOf(task.getExecution()));
    String actor = auditTrail.currentActor();
    if (change.proposedBy().equals(actor)) {
      throw new FourEyesRefusal("部署者本人不得审批自己的变更，须由另一名工作人员审批 (four eyes: "
          + actor + " deployed this change)");
    }
    if ("APPROVE".equals(ProcessVariables.text(task, "changeDecision"))) {
      LocalDate today = LocalDate.now(clock.withZone(calendar.zone()));
      ProcessVariables.dateNotBefore(task, "changeEffectiveFrom", "生效日期", today, "今天");
    }
  }
}
