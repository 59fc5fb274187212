package cn.beijing.carboninclusion.common;

import java.time.Instant;
import java.util.UUID;

/**
 * A step of a case its developer (or proposer) is told of: its status moved, or something happened on it. Published
 * by {@link CaseHistory} in the step's transaction; the notification capability is its listener and queues the notice
 * after commit, once per event and recipient (docs/architecture.md). Carries ids and the notice's text only.
 *
 * @param fromLabel the status before ({@code null} for an update)
 * @param toLabel the status after, or the headline of an update
 * @param detail the reason of a move, or the detail of an update
 * @param at when the step was taken (the notice says this time, however late it is delivered)
 */
public record CaseStep(UUID eventId, Type type, String caseType, long caseId, String caseKind, String caseName,
    String recipient, String addressee, String fromLabel, String toLabel, String detail, Instant at) {

  /** What the notice says. */
  public enum Type { STATUS_CHANGED, UPDATE }
}
