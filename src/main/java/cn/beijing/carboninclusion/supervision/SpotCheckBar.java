package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.ProcessVariables;
import cn.beijing.carboninclusion.decision.Decisions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 禁入服务机构: the inspector found a problem with a service agency and proposed a bar (the recorded decision of that
 * inspection); the agency is barred for the rule's years ({@code barYears}) with the finding as the reason, by the
 * inspector, and the bar is published with the others. An agency already barred stays under its bar.
 */
@Component("spotCheckBar")
class SpotCheckBar implements JavaDelegate {
  private final SpotChecks spotChecks;
  private final Decisions decisions;

  SpotCheckBar(SpotChecks spotChecks, Decisions decisions) {
    this.spotChecks = spotChecks;
    this.decisions = decisions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SpotCheckItem item = spotChecks.item(ProcessVariables.id(execution, "spotCheckItemId"));
    Decisions.Trail trail = decisions.of(execution);
    if (item.getSubjectKind() != SpotCheckSubjectKind.AGENCY || item.getTaskId() == null) {
      throw trail.refused("抽查对象不是已检查的服务机构 (the item is no inspected agency)");
    }
    trail.requireTask(item.getTaskId(), "inspectionConclusion", "FINDING");
    Decisions.Taken decision = trail.requireTask(item.getTaskId(), "proposedAction", "BAR");
    spotChecks.bar(item, decision.by());
  }
}
