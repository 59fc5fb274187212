package cn.beijing.carboninclusion.common;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way a case's history is written, whatever the capability, in the transaction of the step: a status moved
 * (the audit entry, and a {@link CaseStep} the notification capability turns into the addressee's notice after
 * commit), a step noted (the audit entry), a step the addressee is told of, and what the public is told (a
 * {@link PublicEvent}, delivered to the disclosure feed after commit). The audit entry is written in the step's own
 * transaction: it never disagrees with the status it explains. Each capability brings its own labels: its
 * {@link Kind} and its statuses.
 */
@Component
public class CaseHistory {
  /** A kind of case: the audit trail's case type and the name developers read in their notices. */
  public record Kind(String caseType, String label) {}

  /** Who is told of a case's steps: an e-mail address and a name (nobody when the address is missing). */
  public record Addressee(String email, String name) {
    public static final Addressee NOBODY = new Addressee(null, null);
  }

  /** A status of a case: its stable name and its label in Chinese. */
  public interface Status {
    String name();

    String label();
  }

  private final AuditTrail auditTrail;
  private final PublicEvents publicEvents;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  public CaseHistory(AuditTrail auditTrail, PublicEvents publicEvents, ApplicationEventPublisher events,
      Clock clock) {
    this.auditTrail = auditTrail;
    this.publicEvents = publicEvents;
    this.events = events;
    this.clock = clock;
  }

  /** The case moved {@code from} one status {@code to} another: recorded, and the addressee told why. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void moved(Kind kind, long caseId, String caseName, Addressee addressee, Status from, Status to,
      String action, String reason) {
    auditTrail.record(kind.caseType(), caseId, action, from == null ? null : from.name(), to.name(), reason);
    tell(CaseStep.Type.STATUS_CHANGED, kind, caseId, caseName, addressee, from == null ? null : from.label(),
        to.label(), reason);
  }

  /** A step that changes no status, recorded. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void noted(Kind kind, long caseId, String action, String reason) {
    auditTrail.record(kind.caseType(), caseId, action, null, null, reason);
  }

  /** A step that changes no status, recorded, and the addressee told. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void told(Kind kind, long caseId, String caseName, Addressee addressee, String action, String headline,
      String detail) {
    auditTrail.record(kind.caseType(), caseId, action, null, null, headline + "：" + detail);
    tell(CaseStep.Type.UPDATE, kind, caseId, caseName, addressee, null, headline, detail);
  }

  /**
   * Tells the addressee of a step without recording it (the caller records it its own way): a status moved
   * ({@code fromLabel} to {@code toLabel}, why in {@code detail}) or an update ({@code toLabel} is its headline).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void tell(CaseStep.Type type, Kind kind, long caseId, String caseName, Addressee addressee,
      String fromLabel, String toLabel, String detail) {
    if (addressee.email() != null && !addressee.email().isBlank()) {
      events.publishEvent(new CaseStep(UUID.randomUUID(), type, kind.caseType(), caseId, kind.label(), caseName,
          addressee.email(), addressee.name(), fromLabel, toLabel, detail, Instant.now(clock)));
    }
  }

  /** What the public is told of the case (信息公开). */
  @Transactional(propagation = Propagation.MANDATORY)
  public void published(Kind kind, long caseId, PublicEvent.Kind what, String title, String body) {
    publicEvents.publish(kind.caseType(), caseId, what, title, body);
  }
}
