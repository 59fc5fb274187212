package cn.beijing.carboninclusion.methodology;

import cn.beijing.carboninclusion.common.ProcessVariables;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Names of the process variables of the methodology processes. */
final class MethodologyVariables {
  static final String METHODOLOGY_ID = "methodologyId";
  static final String PROPOSER = "proposer";
  static final String PROPOSER_NAME = "proposerName";
  static final String PROPOSER_DEVELOPER_ID = "developerId";
  static final String CODE = "methodologyCode";
  static final String NAME = "methodologyName";
  static final String FIELD = "methodologyField";
  static final String PROPOSED_LEVEL = "proposedLevel";
  static final String SUMMARY = "methodologySummary";
  static final String REVIEW_DUE = "reviewDue";
  static final String COMMENT_DURATION = "commentDuration";
  static final String DECISION_DUE = "decisionDue";
  static final String REVIEW_DECISION = "reviewDecision";
  static final String REVIEW_COMMENT = "reviewComment";
  static final String EXPERT_PANEL = "expertPanel";
  static final String EXPERT_OPINION = "expertOpinion";
  static final String EXPERT_COMMENT = "expertComment";
  static final String EXPERT_SUMMARY = "expertSummary";
  static final String COMMENT_COUNT = "commentCount";
  static final String COMMENT_SUMMARY = "commentSummary";
  static final String RECOMMENDED_LEVEL = "recommendedLevel";
  static final String FINALISATION_NOTE = "finalisationNote";
  static final String BUREAU_DECISION = "bureauDecision";
  static final String BUREAU_COMMENT = "bureauComment";
  static final String HARD_CHECK_ERROR_MESSAGE = "hardCheckErrorMessage";
  static final String LEVEL = "level";
  static final String EVALUATION_CYCLE = "evaluationCycle";
  static final String ASSESS_DUE = "assessDue";
  static final String EVALUATION_DECISION = "evaluationDecision";
  static final String EVALUATION_COMMENT = "evaluationComment";
  static final String NEW_VERSION_FROM = "newVersionFrom";
  static final String EXISTING_PROJECTS = "existingProjects";
  static final String ISSUANCE_STOPS_ON = "issuanceStopsOn";

  static Long methodologyId(VariableScope scope) {
    return ProcessVariables.id(scope, METHODOLOGY_ID);
  }

  static String text(VariableScope scope, String name) {
    return ProcessVariables.text(scope, name);
  }

  private MethodologyVariables() {}
}
