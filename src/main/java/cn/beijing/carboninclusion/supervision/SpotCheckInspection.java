package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * 现场检查 completed: the inspector's conclusion, finding and proposed action — validated by the door against the
 * deployed form — are recorded on the drawn item with the task's id, so that the effects that follow find the decision
 * they carry out. A proposed action that does not fit the subject (整改 of an agency, 禁入 of a project) is refused and
 * the task stays open (400 naming {@code proposedAction}).
 */
@Component("spotCheckInspection")
class SpotCheckInspection implements TaskListener {
  private final SpotChecks spotChecks;

  SpotCheckInspection(SpotChecks spotChecks) {
    this.spotChecks = spotChecks;
  }

  @Override
  public void notify(DelegateTask task) {
    spotChecks.recordInspection(ProcessVariables.id(task, "spotCheckItemId"),
        ProcessVariables.text(task, "inspectionConclusion"), ProcessVariables.text(task, "findingDescription"),
        ProcessVariables.text(task, "proposedAction"), task.getId());
  }
}
