package cn.beijing.carboninclusion.methodology;

import cn.beijing.carboninclusion.decision.Decisions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 调整级别: the evaluation moves the methodology between level 1 and level 2; published. */
@Component("methodologyRelevel")
class MethodologyRelevel implements JavaDelegate {
  private final MethodologyLifecycle lifecycle;
  private final Decisions decisions;

  MethodologyRelevel(MethodologyLifecycle lifecycle, Decisions decisions) {
    this.lifecycle = lifecycle;
    this.decisions = decisions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long id = MethodologyVariables.methodologyId(execution);
    Decisions.Taken decision = EvaluationOutcome.decided(decisions, execution, "RELEVEL");
    Methodology methodology = lifecycle.get(id);
    int level = methodology.getLevel() == 1 ? 2 : 1;
    methodology.changeLevel(level);
    execution.setVariable(MethodologyVariables.LEVEL, level);
    String comment = decision.text(MethodologyVariables.EVALUATION_COMMENT);
    lifecycle.transition(id, MethodologyStatus.EFFECTIVE, "EVALUATED_RELEVELED",
        "动态评估结论：调整为" + (level == 1 ? "一" : "二") + "级方法学。" + comment);
    lifecycle.publish(methodology, "方法学级别调整：" + MethodologyLifecycle.label(methodology),
        "调整为" + (level == 1 ? "一" : "二") + "级方法学。" + comment);
  }
}
