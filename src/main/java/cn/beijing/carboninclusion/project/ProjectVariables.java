package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.ProcessVariables;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Names of the process variables of the project processes (few and flat; documents never go in). */
final class ProjectVariables {
  static final String PROJECT_ID = "projectId";
  static final String DEVELOPER_ID = "developerId";
  static final String APPLICANT = "applicant";
  static final String PROJECT_NAME = "projectName";
  static final String DEVELOPER_NAME = "developerName";
  static final String METHODOLOGY_CODE = "methodologyCode";
  static final String CHECK_SUMMARY = "checkSummary";
  static final String REVIEW_DECISION = "reviewDecision";
  static final String REVIEW_COMMENT = "reviewComment";
  static final String REVIEW_DUE = "reviewDue";
  static final String SUPPLEMENT_DUE = "supplementDue";
  static final String SUPPLEMENT_ROUND = "supplementRound";
  static final String MAX_SUPPLEMENT_ROUNDS = "maxSupplementRounds";
  static final String SUPPLEMENT_NOTE = "supplementNote";
  static final String PUBLICITY_DURATION = "publicityDuration";
  static final String DECISION_DUE = "decisionDue";
  static final String OBJECTION_COUNT = "objectionCount";
  static final String OBJECTION_SUMMARY = "objectionSummary";
  static final String OBJECTION_UPHELD = "objectionUpheld";
  static final String OBJECTION_RESPONSE = "objectionResponse";
  static final String BUREAU_DECISION = "bureauDecision";
  static final String BUREAU_COMMENT = "bureauComment";
  static final String HARD_CHECK_ERROR_MESSAGE = "hardCheckErrorMessage";
  static final String WITHDRAWAL_REASON = "withdrawalReason";
  static final String DISCLOSURE_SUMMARY = "disclosureSummary";
  static final String DISCLOSURE_COMMENT = "disclosureComment";
  static final String CHECK_DUE = "checkDue";
  static final String REQUESTED_BY = "requestedBy";
  static final String REQUEST_KIND = "requestKind";
  static final String REQUEST_KIND_LABEL = "requestKindLabel";
  static final String CANCELLATION_REASON = "cancellationReason";
  static final String CANCELLATION_COMMENT = "cancellationComment";
  static final String REGISTRATION_NO = "registrationNo";

  static Long projectId(VariableScope scope) {
    return ProcessVariables.id(scope, PROJECT_ID);
  }

  static String text(VariableScope scope, String name) {
    return ProcessVariables.text(scope, name);
  }

  private ProjectVariables() {}
}
