package cn.beijing.carboninclusion.common;

import cn.beijing.carboninclusion.notification.CaseNotices;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way a case's history is written, whatever the capability, in the transaction of the step: a status moved
 * (the audit entry and the addressee's notice), a step noted (the audit entry), a step the addressee is told of, and
 * what the public is told (a {@link PublicEvent}, delivered to the disclosure feed after commit). Each capability
 * brings its own labels: its {@link Kind} and its statuses.
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
  private final CaseNotices notices;
  private final PublicEvents publicEvents;

  public CaseHistory(AuditTrail auditTrail, CaseNotices notices, PublicEvents publicEvents) {
    this.auditTrail = auditTrail;
    this.notices = notices;
    this.publicEvents = publicEvents;
  }

  /** The case moved {@code from} one status {@code to} another: recorded, and the addressee told why. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void moved(Kind kind, long caseId, String caseName, Addressee addressee, Status from, Status to,
      String action, String reason) {
    auditTrail.record(kind.caseType(), caseId, action, from == null ? null : from.name(), to.name(), reason);
    notices.statusChanged(addressee.email(), addressee.name(), kind.label(), caseName,
        from == null ? null : from.label(), to.label(), reason);
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
    notices.caseUpdate(addressee.email(), addressee.name(), kind.label(), caseName, headline, detail);
  }

  /** What the public is told of the case (信息公开). */
  @Transactional(propagation = Propagation.MANDATORY)
  public void published(Kind kind, long caseId, PublicEvent.Kind what, String title, String body) {
    publicEvents.publish(kind.caseType(), caseId, what, title, body);
  }
}
