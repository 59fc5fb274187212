package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.crypto.PersonalText;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;

/**
 * 变更申请: one change of a registered project, filed by its developer and decided in the {@code ProjectChange}
 * process. While a MAJOR change is undecided its {@code pendingKey} holds the project id (unique in the table).
 */
@Entity
@Table(name = "project_change")
public class ProjectChange {
  public enum ChangeClass { MINOR, MAJOR }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "project_id", nullable = false, updatable = false)
  private Long projectId;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private ChangeKind kind;
  @Enumerated(EnumType.STRING)
  @Column(name = "change_class")
  private ChangeClass changeClass;
  @Column(name = "acceptance_required", nullable = false)
  private boolean acceptanceRequired;
  @Column(name = "new_values", nullable = false, updatable = false)
  @Convert(converter = PersonalText.class) // a change of contact carries the new phone and e-mail
  private String newValues;
  @Column(nullable = false, updatable = false)
  private String reason;
  @Column(name = "effective_from", nullable = false)
  private LocalDate effectiveFrom;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private ProjectChangeStatus status;
  @Column(name = "receiving_developer_id", updatable = false)
  private Long receivingDeveloperId;
  @Column(name = "filed_by", nullable = false, updatable = false)
  private String filedBy;
  @Column(name = "filed_at", nullable = false, updatable = false)
  private Instant filedAt;
  @Column(name = "decided_by")
  private String decidedBy;
  @Column(name = "decided_at")
  private Instant decidedAt;
  @Column(name = "decision_comment")
  private String decisionComment;
  @Column(name = "pending_key")
  private Long pendingKey;
  @Version
  @Column(name = "lock_version")
  private long lockVersion;

  protected ProjectChange() {}

  public ProjectChange(Long projectId, ChangeKind kind, String newValues, String reason, LocalDate effectiveFrom,
      Long receivingDeveloperId, String filedBy, Instant filedAt) {
    this.projectId = projectId;
    this.kind = kind;
    this.newValues = newValues;
    this.reason = reason;
    this.effectiveFrom = effectiveFrom;
    this.receivingDeveloperId = receivingDeveloperId;
    this.filedBy = filedBy;
    this.filedAt = filedAt;
    this.status = ProjectChangeStatus.FILED;
  }

  /** The DMN's classification; a MAJOR change becomes the project's pending major change. */
  void classify(ChangeClass changeClass, boolean acceptanceRequired) {
    this.changeClass = changeClass;
    this.acceptanceRequired = acceptanceRequired;
    this.pendingKey = changeClass == ChangeClass.MAJOR ? projectId : null;
  }

  ProjectChangeStatus moveTo(ProjectChangeStatus next) {
    ProjectChangeStatus previous = status;
    status = next;
    return previous;
  }

  /** Decided (applied, rejected, refused, incomplete, terminated): no longer pending. */
  void decided(ProjectChangeStatus outcome, String by, Instant at, String comment) {
    this.status = outcome;
    this.decidedBy = by;
    this.decidedAt = at;
    this.decisionComment = comment;
    this.pendingKey = null;
  }

  /** Takes effect later than requested (a later-dated version was created while it was pending). */
  void postponeTo(LocalDate day) {
    this.effectiveFrom = day;
  }

  public boolean isMajor() { return changeClass == ChangeClass.MAJOR; }

  public Long getId() { return id; }
  public Long getProjectId() { return projectId; }
  public ChangeKind getKind() { return kind; }
  public ChangeClass getChangeClass() { return changeClass; }
  public boolean isAcceptanceRequired() { return acceptanceRequired; }
  public String getNewValues() { return newValues; }
  public String getReason() { return reason; }
  public LocalDate getEffectiveFrom() { return effectiveFrom; }
  public ProjectChangeStatus getStatus() { return status; }
  public Long getReceivingDeveloperId() { return receivingDeveloperId; }
  public String getFiledBy() { return filedBy; }
  public Instant getFiledAt() { return filedAt; }
  public String getDecidedBy() { return decidedBy; }
  public Instant getDecidedAt() { return decidedAt; }
  public String getDecisionComment() { return decisionComment; }
  public Long getPendingKey() { return pendingKey; }
}
