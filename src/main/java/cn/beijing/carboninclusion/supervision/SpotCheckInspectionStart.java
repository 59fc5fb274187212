package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The start of one inspection (one instance of 现场检查): its subject and drawn inspector from the item's row, and the
 * inspector's decision fields, empty, all local to the instance so that the inspections never overwrite each other.
 * An inspection an administrator started by hand without an item (instance modification) keeps the variables it was
 * given; its completion then fails on the missing item and records nothing.
 */
@Component("spotCheckInspectionStart")
class SpotCheckInspectionStart implements ExecutionListener {
  static final String[] DECISION_FIELDS = {"inspectionConclusion", "findingDescription", "proposedAction"};

  private final SpotChecks spotChecks;

  SpotCheckInspectionStart(SpotChecks spotChecks) {
    this.spotChecks = spotChecks;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.getVariable("spotCheckItemId") != null) {
      spotChecks.inspectionVariables(ProcessVariables.id(execution, "spotCheckItemId"))
          .forEach(execution::setVariableLocal);
    }
    for (String field : DECISION_FIELDS) {
      execution.setVariableLocal(field, null);
    }
  }
}
