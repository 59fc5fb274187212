package cn.beijing.carboninclusion.reduction;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The application enters (or, after a restoration, re-enters) review with fresh decision fields. */
@Component("reductionReviewStart")
class ReductionReviewStart implements JavaDelegate {
  private final ReductionLifecycle lifecycle;

  ReductionReviewStart(ReductionLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    lifecycle.transition(ReductionVariables.applicationId(execution), ReductionStatus.UNDER_REVIEW, "REVIEW_STARTED",
        "转入技术审核");
    for (String decision : new String[] {ReductionVariables.REVIEW_DECISION, ReductionVariables.BUREAU_DECISION,
        ReductionVariables.VERIFIED, ReductionVariables.APPROVED, "verificationFalse", "falseVerificationReason"}) {
      execution.removeVariable(decision);
    }
  }
}
