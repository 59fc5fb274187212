package cn.beijing.carboninclusion.supervision;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A reviewer completed a stage (user task) of a case (process instance). */
@Entity
@Table(name = "case_actor")
public class CaseActor {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "process_instance_id", nullable = false, updatable = false)
  private String processInstanceId;
  @Column(nullable = false, updatable = false)
  private String stage;
  @Column(name = "user_id", nullable = false, updatable = false)
  private String userId;
  @Column(name = "acted_at", nullable = false, updatable = false)
  private Instant actedAt;

  protected CaseActor() {}

  public CaseActor(String processInstanceId, String stage, String userId, Instant actedAt) {
    this.processInstanceId = processInstanceId;
    this.stage = stage;
    this.userId = userId;
    this.actedAt = actedAt;
  }

  public String getProcessInstanceId() { return processInstanceId; }
  public String getStage() { return stage; }
  public String getUserId() { return userId; }
  public Instant getActedAt() { return actedAt; }
}
