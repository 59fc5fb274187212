package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.common.TaskInputRejected;
import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Refuses to complete a review whose quantities do not hold together: the verified quantity at most the claim and at
 * most what the engaged verifier concluded, the
 * approved quantity at most the verified one, neither negative, and a reason recorded for a quantity above the
 * platform's recomputation limit ({@code recomputeLimitTco2e}; the form's condition asks for it, the task door
 * enforces the form, and this listener holds the rule in the model as well).
 */
@Component("reductionQuantityValidation")
class ReductionQuantityValidation implements TaskListener {
  private final VerificationReports reports;

  ReductionQuantityValidation(VerificationReports reports) {
    this.reports = reports;
  }

  @Override
  public void notify(DelegateTask task) {
    BigDecimal claimed = ReductionVariables.decimal(task, ReductionVariables.CLAIMED);
    boolean bureau = "Task_BureauApproval".equals(task.getTaskDefinitionKey());
    String decisionVariable = bureau ? ReductionVariables.BUREAU_DECISION : ReductionVariables.REVIEW_DECISION;
    if (!"APPROVE".equals(task.getVariable(decisionVariable))) {
      return;
    }
    BigDecimal limit = ReductionVariables.decimal(task, ReductionVariables.RECOMPUTE_LIMIT);
    BigDecimal verified = ReductionVariables.decimal(task, ReductionVariables.VERIFIED);
    if (verified == null || verified.signum() < 0) {
      throw refuse("核定减排量须为非负数 (verifiedTco2e)");
    }
    if (claimed != null && verified.compareTo(claimed) > 0) {
      throw refuse("核定减排量不得高于申报减排量 " + claimed.toPlainString() + " (verifiedTco2e)");
    }
    // the agency's verified quantity, from its concluded report (a domain row, not a process variable)
    VerificationReport report = reports.findByApplicationId(ReductionVariables.applicationId(task))
        .filter(r -> r.getOpinion() != null).orElse(null);
    if (report == null) {
      throw refuse("核查机构尚未作出核查结论，不得核定 (verifiedTco2e: no concluded verification)");
    }
    if (report.getOpinion() == VerificationOpinion.NOT_CONFIRMED) {
      throw refuse("核查机构不予确认的申请不得通过 (" + decisionVariable + ": the verifier did not confirm the claim)");
    }
    BigDecimal verifierVerified = report.getVerifiedTco2e();
    if (verified.compareTo(verifierVerified) > 0) {
      throw refuse("核定减排量不得高于核查机构核查的减排量 " + verifierVerified.toPlainString() + " (verifiedTco2e)");
    }
    if (!bureau && ReductionRules.aboveRecomputation(verified, limit)
        && blank(ReductionVariables.text(task, ReductionVariables.EXCESS_REASON))) {
      throw refuse("核定减排量高于平台复算上限" + (limit == null ? "" : " " + limit.toPlainString() + " tCO2e")
          + "，须说明理由 (excessReason)");
    }
    if (bureau) {
      BigDecimal approved = ReductionVariables.decimal(task, ReductionVariables.APPROVED);
      if (approved == null || approved.signum() < 0) {
        throw refuse("登记减排量须为非负数 (approvedTco2e)");
      }
      if (approved.compareTo(verified) > 0) {
        throw refuse("登记减排量不得高于核定减排量 " + verified.toPlainString() + " (approvedTco2e)");
      }
      if (ReductionRules.aboveRecomputation(approved, limit)
          && blank(ReductionVariables.text(task, ReductionVariables.BUREAU_EXCESS_REASON))) {
        throw refuse("登记减排量高于平台复算上限" + (limit == null ? "" : " " + limit.toPlainString() + " tCO2e")
            + "，须说明理由 (bureauExcessReason)");
      }
    }
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private static TaskInputRejected refuse(String message) {
    return new TaskInputRejected(message);
  }
}
