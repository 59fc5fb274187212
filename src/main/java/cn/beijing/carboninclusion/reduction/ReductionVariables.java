package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.common.ProcessVariables;
import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Names of the process variables of ReductionRegistration. */
final class ReductionVariables {
  static final String APPLICATION_ID = "applicationId";
  static final String PROJECT_ID = "projectId";
  static final String DEVELOPER_ID = "developerId";
  static final String PROJECT_NAME = "projectName";
  static final String DEVELOPER_NAME = "developerName";
  static final String REGISTRATION_NO = "registrationNo";
  static final String METHODOLOGY_CODE = "methodologyCode";
  static final String MONITORING_PERIOD = "monitoringPeriod";
  static final String CLAIMED = "claimedTco2e";
  static final String RECOMPUTED = "recomputedTco2e";
  /** The platform's recomputation plus the tolerance: above it the quantities need a reason (the forms' condition). */
  static final String RECOMPUTE_LIMIT = "recomputeLimitTco2e";
  static final String VERIFIED = "verifiedTco2e";
  static final String APPROVED = "approvedTco2e";
  static final String PROJECT_SUSPENDED = "projectSuspended";
  /** A pending major change of the project takes effect on or before the end of the monitoring period. */
  static final String CHANGE_PENDING = "changePending";
  static final String REVIEW_DUE = "reviewDue";
  static final String DECISION_DUE = "decisionDue";
  static final String VERIFICATION_DUE = "verificationDue";
  /** The engaged verifier's accounts: the candidates of {@code Task_Verification}. */
  static final String VERIFIER_ACCOUNTS = "verifierAccounts";
  static final String VERIFIER_NAME = "verifierName";
  static final String VERIFICATION_OPINION = "verificationOpinion";
  static final String VERIFIER_VERIFIED = "verifierVerifiedTco2e";
  static final String VERIFICATION_COMMENT = "verificationComment";
  /** What the technical review reads of the verification: opinion, quantity and the report's SHA-256. */
  static final String VERIFICATION_SUMMARY = "verificationSummary";
  static final String REVIEW_DECISION = "reviewDecision";
  static final String REVIEW_COMMENT = "reviewComment";
  static final String BUREAU_DECISION = "bureauDecision";
  static final String BUREAU_COMMENT = "bureauComment";
  /** Why the verified quantity is above the recomputation limit (form-reduction-review; published). */
  static final String EXCESS_REASON = "excessReason";
  /** Why the registered quantity is above the recomputation limit (form-reduction-approval; published). */
  static final String BUREAU_EXCESS_REASON = "bureauExcessReason";
  static final String HARD_CHECK_ERROR_MESSAGE = "hardCheckErrorMessage";

  static Long applicationId(VariableScope scope) {
    return ProcessVariables.id(scope, APPLICATION_ID);
  }

  static BigDecimal decimal(VariableScope scope, String name) {
    return ProcessVariables.decimal(scope, name);
  }

  static String text(VariableScope scope, String name) {
    return ProcessVariables.text(scope, name);
  }

  private ReductionVariables() {}
}
