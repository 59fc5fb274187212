package cn.beijing.carboninclusion.methodology;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 进入评估: the methodology is UNDER_EVALUATION (it stays applicable meanwhile). */
@Component("methodologyEvaluationStart")
class MethodologyEvaluationStart implements JavaDelegate {
  private final MethodologyLifecycle lifecycle;

  MethodologyEvaluationStart(MethodologyLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    lifecycle.transition(MethodologyVariables.methodologyId(execution), MethodologyStatus.UNDER_EVALUATION,
        "EVALUATION_STARTED", "开展动态评估；评估期间方法学继续适用");
  }
}
