package cn.beijing.carboninclusion.common;

import java.time.Instant;
import java.util.UUID;

/**
 * A step of a case that the measures require to be made public (信息公开): a project registered, a reduction issued,
 * a developer barred. Published by the capability that took the step, in the step's transaction; the disclosure feed
 * is a listener of it (delivered after commit, durably and at least once: see docs/architecture.md). Carries ids and
 * the public text only — no entity, no participant data, no reviewer identity.
 *
 * @param eventId the event's identity: a redelivery is recognised by it and changes nothing
 */
public record PublicEvent(UUID eventId, String subjectType, long subjectId, Kind kind, String title, String body,
    Instant at) {

  /** The longest body the feed holds (column {@code disclosure_entry.body}). */
  public static final int MAX_BODY = 4000;
  /** The longest title the feed holds. */
  public static final int MAX_TITLE = 300;

  /** What happened, as the public feed names it. */
  public enum Kind {
    PUBLICITY_STARTED, OBJECTION_RESPONSE, PROJECT_REGISTERED, APPLICATION_REJECTED, APPLICATION_WITHDRAWN,
    PROJECT_CANCELLED, CLASS_II_DISCLOSED, METHODOLOGY, REDUCTION_FILED, REDUCTION_REGISTERED, PROJECT_SUSPENDED,
    PROJECT_RESTORED, AUDIT_REPORT_ACCEPTED, AUDIT_REPORT_REJECTED, AUDIT_REPORT_OVERDUE, DEVELOPER_BARRED,
    AGENCY_BARRED, BAR_LIFTED, CLASS_II_ANNUAL_REPORT, PROJECT_CHANGED, PROJECT_CHANGE_REJECTED,
    SPOT_CHECK_DRAWN, SPOT_CHECK_RESULTS, JOURNAL_HEADS
  }

  public PublicEvent {
    title = Texts.abridged(title, MAX_TITLE);
    body = Texts.abridged(body, MAX_BODY);
  }
}
