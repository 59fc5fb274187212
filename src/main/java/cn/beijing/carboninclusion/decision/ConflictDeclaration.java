package cn.beijing.carboninclusion.decision;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A reviewer's declared conflict of interest (利益冲突) with a developer organisation. */
@Entity
@Table(name = "conflict_declaration")
public class ConflictDeclaration {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "user_id", nullable = false, updatable = false)
  private String userId;
  @Column(name = "developer_id", nullable = false, updatable = false)
  private Long developerId;
  @Column(nullable = false, updatable = false)
  private String reason;
  @Column(name = "declared_at", nullable = false, updatable = false)
  private Instant declaredAt;

  protected ConflictDeclaration() {}

  public ConflictDeclaration(String userId, Long developerId, String reason, Instant declaredAt) {
    this.userId = userId;
    this.developerId = developerId;
    this.reason = reason;
    this.declaredAt = declaredAt;
  }

  public Long getId() { return id; }
  public String getUserId() { return userId; }
  public Long getDeveloperId() { return developerId; }
  public String getReason() { return reason; }
  public Instant getDeclaredAt() { return declaredAt; }
}
