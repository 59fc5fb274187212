package cn.beijing.carboninclusion.methodology;

import static cn.beijing.carboninclusion.methodology.MethodologyVariables.text;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 不予通过: ends a proposal as REJECTED with the reason of the step that decided it. */
@Component("proposalRejection")
class ProposalRejection implements JavaDelegate {
  private final MethodologyLifecycle lifecycle;

  ProposalRejection(MethodologyLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    lifecycle.transition(MethodologyVariables.methodologyId(execution), MethodologyStatus.REJECTED, "REJECTED",
        reason(execution));
  }

  static String reason(DelegateExecution execution) {
    String hardCheck = text(execution, MethodologyVariables.HARD_CHECK_ERROR_MESSAGE);
    if (!hardCheck.isEmpty()) {
      return "自动核查未通过：" + hardCheck;
    }
    if ("REJECT".equals(execution.getVariable(MethodologyVariables.BUREAU_DECISION))) {
      return "生态环境局不予批准：" + text(execution, MethodologyVariables.BUREAU_COMMENT);
    }
    return "技术审查不予通过：" + text(execution, MethodologyVariables.REVIEW_COMMENT);
  }
}
