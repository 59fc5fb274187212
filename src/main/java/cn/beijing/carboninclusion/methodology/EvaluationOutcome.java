package cn.beijing.carboninclusion.methodology;

import cn.beijing.carboninclusion.decision.Decisions;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * What an outcome of the dynamic evaluation (relevel, retire) requires in the recorded decisions: the technical
 * center's assessment, then the bureau's decision for exactly this outcome, by two different people.
 */
final class EvaluationOutcome {
  private EvaluationOutcome() {
  }

  /** The bureau's decision for the outcome, refused (an incident) when the decisions for it were not taken. */
  static Decisions.Taken decided(Decisions decisions, DelegateExecution execution, String outcome) {
    Decisions.Trail trail = decisions.of(execution);
    Decisions.Taken assessment = trail.require("Task_AssessMethodology", "assessmentProposal", "KEEP", "REVISE",
        "RELEVEL", "RETIRE");
    Decisions.Taken decision = trail.require("Task_EvaluationDecision", MethodologyVariables.EVALUATION_DECISION,
        outcome);
    trail.byDistinctPeople(assessment, decision).inOrder(assessment, decision);
    return decision;
  }
}
