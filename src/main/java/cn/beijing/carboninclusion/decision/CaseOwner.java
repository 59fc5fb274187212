package cn.beijing.carboninclusion.decision;

import java.util.Optional;

/**
 * The developer a case belongs to, as the owning capability's rows say today (a project transferred since its case
 * started belongs to its new developer). A port: each capability that owns a kind of case implements it, and the
 * conflict-of-interest check asks it instead of trusting a process variable.
 */
public interface CaseOwner {
  /** The {@link CaseRef#caseType()} this capability owns. */
  String caseType();

  /** The developer of the case, empty when none (e.g. a methodology the bureau drafted itself). */
  Optional<Long> developerOf(long caseId);
}
