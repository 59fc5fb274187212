package cn.beijing.carboninclusion.reduction;

import static cn.beijing.carboninclusion.reduction.ReductionVariables.text;

import cn.beijing.carboninclusion.reduction.activity.ActivityUploads;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 不予登记: ends the application as REJECTED with the reason of the step that decided it, and releases the trips it
 * claimed (nothing of it is issued, so they may be claimed again).
 */
@Component("reductionRejection")
class ReductionRejection implements JavaDelegate {
  private final ReductionLifecycle lifecycle;
  private final ActivityUploads uploads;

  ReductionRejection(ReductionLifecycle lifecycle, ActivityUploads uploads) {
    this.lifecycle = lifecycle;
    this.uploads = uploads;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long id = ReductionVariables.applicationId(execution);
    lifecycle.transition(id, ReductionStatus.REJECTED, "REJECTED", reason(execution));
    uploads.release(id); // trips of a rejected application may be claimed again
  }

  static String reason(DelegateExecution execution) {
    String hardCheck = text(execution, ReductionVariables.HARD_CHECK_ERROR_MESSAGE);
    if (!hardCheck.isEmpty()) {
      return "自动核查未通过：" + hardCheck;
    }
    if ("REJECT".equals(execution.getVariable(ReductionVariables.BUREAU_DECISION))) {
      return "生态环境局不予登记：" + text(execution, ReductionVariables.BUREAU_COMMENT);
    }
    return "技术审核不予通过：" + text(execution, ReductionVariables.REVIEW_COMMENT);
  }
}
