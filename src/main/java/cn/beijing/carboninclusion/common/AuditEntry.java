package cn.beijing.carboninclusion.common;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One line of the append-only audit trail: who changed what on which case, when and why. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "case_type", nullable = false, updatable = false)
  private String caseType;
  @Column(name = "case_id", nullable = false, updatable = false)
  private Long caseId;
  @Column(nullable = false, updatable = false)
  private String action;
  @Column(name = "from_status", updatable = false)
  private String fromStatus;
  @Column(name = "to_status", updatable = false)
  private String toStatus;
  @Column(nullable = false, updatable = false)
  private String actor;
  @Column(name = "occurred_at", nullable = false, updatable = false)
  private Instant occurredAt;
  @Column(updatable = false)
  private String reason;

  protected AuditEntry() {}

  public AuditEntry(String caseType, Long caseId, String action, String fromStatus, String toStatus,
      String actor, Instant occurredAt, String reason) {
    this.caseType = caseType;
    this.caseId = caseId;
    this.action = action;
    this.fromStatus = fromStatus;
    this.toStatus = toStatus;
    this.actor = actor;
    this.occurredAt = occurredAt;
    this.reason = reason;
  }

  public Long getId() { return id; }
  public String getCaseType() { return caseType; }
  public Long getCaseId() { return caseId; }
  public String getAction() { return action; }
  public String getFromStatus() { return fromStatus; }
  public String getToStatus() { return toStatus; }
  public String getActor() { return actor; }
  public Instant getOccurredAt() { return occurredAt; }
  public String getReason() { return reason; }
}
