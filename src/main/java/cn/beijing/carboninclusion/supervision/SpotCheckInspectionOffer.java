package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.identity.Groups;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * 现场检查 created without a drawn inspector (nobody on the bureau's and the technical center's staff was eligible):
 * the task is offered to the bureau's group, where separation of duties ({@link SeparationOfDuties}) refuses everyone
 * the draw left out when they claim or complete it. A task with its drawn inspector stays with that person alone.
 */
@Component("spotCheckInspectionOffer")
class SpotCheckInspectionOffer implements TaskListener {
  @Override
  public void notify(DelegateTask task) {
    if (task.getAssignee() == null) {
      task.addCandidateGroup(Groups.BUREAU);
    }
  }
}
