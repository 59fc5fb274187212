package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.ProcessVariables;

import cn.beijing.carboninclusion.project.ProjectLifecycle;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 再次整改: the rectification did not pass; another round is counted and the developer is told why. */
@Component("rectificationNextRound")
class RectificationNextRound implements JavaDelegate {
  private final ProjectLifecycle lifecycle;

  RectificationNextRound(ProjectLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int round = ((Number) execution.getVariable("rectificationRound")).intValue() + 1;
    execution.setVariable("rectificationRound", round);
    lifecycle.inform(ProcessVariables.id(execution, "projectId"), "RECTIFICATION_ROUND", "整改不合格，须再次整改",
        "第 " + round + " 轮整改（至多 " + execution.getVariable("maxRectificationRounds") + " 轮）："
            + execution.getVariable("decisionComment"));
  }
}
