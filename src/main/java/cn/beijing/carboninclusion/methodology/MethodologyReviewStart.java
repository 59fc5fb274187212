package cn.beijing.carboninclusion.methodology;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The proposal passed its checks and goes to the technical center's review. */
@Component("methodologyReviewStart")
class MethodologyReviewStart implements JavaDelegate {
  private final MethodologyLifecycle lifecycle;

  MethodologyReviewStart(MethodologyLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    lifecycle.transition(MethodologyVariables.methodologyId(execution), MethodologyStatus.UNDER_REVIEW,
        "REVIEW_STARTED", "自动核查通过，转入技术审查");
  }
}
