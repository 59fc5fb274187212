package cn.beijing.carboninclusion.methodology;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 继续有效: the evaluation keeps the methodology as it is; published. */
@Component("methodologyKept")
class MethodologyKept implements JavaDelegate {
  private final MethodologyLifecycle lifecycle;

  MethodologyKept(MethodologyLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String comment = MethodologyVariables.text(execution, MethodologyVariables.EVALUATION_COMMENT);
    Methodology methodology = lifecycle.transition(MethodologyVariables.methodologyId(execution),
        MethodologyStatus.EFFECTIVE, "EVALUATED_KEPT", "动态评估结论：继续有效。" + comment);
    lifecycle.publish(methodology, "方法学评估结论：" + MethodologyLifecycle.label(methodology), "继续有效。" + comment);
  }
}
