package cn.beijing.carboninclusion.supervision;

import jakarta.persistence.Column;
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
 * 禁入: a developer organisation or a service agency barred from the scheme from {@code barredFrom} through
 * {@code barredUntil} (inclusive), until the bureau lifts it. While the bar is active its {@code activeKey}
 * ({@code DEVELOPER:12}) is set; a unique constraint on it keeps one active bar per subject.
 */
@Entity
@Table(name = "bar")
public class Bar {

  /** What is barred. */
  public enum SubjectKind {
    AGENCY("服务机构"), DEVELOPER("项目开发方");

    private final String label;

    SubjectKind(String label) { this.label = label; }

    public String label() { return label; }
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Enumerated(EnumType.STRING)
  @Column(name = "subject_kind", nullable = false, updatable = false)
  private SubjectKind subjectKind;
  @Column(name = "subject_id", nullable = false, updatable = false)
  private Long subjectId;
  @Column(name = "subject_name", nullable = false, updatable = false)
  private String subjectName;
  @Column(nullable = false, updatable = false)
  private String reason;
  @Column(name = "barred_from", nullable = false, updatable = false)
  private LocalDate barredFrom;
  @Column(name = "barred_until", updatable = false)
  private LocalDate barredUntil;
  @Column(name = "barred_by", nullable = false, updatable = false)
  private String barredBy;
  @Column(name = "barred_at", nullable = false, updatable = false)
  private Instant barredAt;
  @Column(name = "lifted_at")
  private Instant liftedAt;
  @Column(name = "lifted_by")
  private String liftedBy;
  @Column(name = "lift_reason")
  private String liftReason;
  @Column(name = "active_key")
  private String activeKey;
  @Version
  @Column(name = "lock_version")
  private long lockVersion;

  protected Bar() {}

  public Bar(SubjectKind subjectKind, Long subjectId, String subjectName, String reason, LocalDate barredFrom,
      LocalDate barredUntil, String barredBy, Instant barredAt) {
    this.subjectKind = subjectKind;
    this.subjectId = subjectId;
    this.subjectName = subjectName;
    this.reason = reason;
    this.barredFrom = barredFrom;
    this.barredUntil = barredUntil;
    this.barredBy = barredBy;
    this.barredAt = barredAt;
    this.activeKey = activeKey(subjectKind, subjectId);
  }

  /** The value of {@code active_key} of the active bar of a subject. */
  public static String activeKey(SubjectKind kind, Long subjectId) {
    return kind.name() + ":" + subjectId;
  }

  /** In force on {@code day}: not lifted, begun, and not past its last day. */
  public boolean isInForceOn(LocalDate day) {
    return activeKey != null && liftedAt == null && !day.isBefore(barredFrom)
        && (barredUntil == null || !day.isAfter(barredUntil));
  }

  /** The bureau lifts the bar before its end. */
  void lift(String by, Instant at, String reason) {
    this.liftedBy = by;
    this.liftedAt = at;
    this.liftReason = reason;
    this.activeKey = null;
  }

  /** A bar that ran out is no longer the subject's active one (a new bar replaces it). */
  void retireLapsed() {
    this.activeKey = null;
  }

  public boolean isLifted() { return liftedAt != null; }

  public Long getId() { return id; }
  public SubjectKind getSubjectKind() { return subjectKind; }
  public Long getSubjectId() { return subjectId; }
  public String getSubjectName() { return subjectName; }
  public String getReason() { return reason; }
  public LocalDate getBarredFrom() { return barredFrom; }
  public LocalDate getBarredUntil() { return barredUntil; }
  public String getBarredBy() { return barredBy; }
  public Instant getBarredAt() { return barredAt; }
  public Instant getLiftedAt() { return liftedAt; }
  public String getLiftedBy() { return liftedBy; }
  public String getLiftReason() { return liftReason; }
  public String getActiveKey() { return activeKey; }
}
