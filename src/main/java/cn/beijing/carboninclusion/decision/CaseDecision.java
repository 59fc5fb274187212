package cn.beijing.carboninclusion.decision;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A human decision as it entered through {@link TaskDoor}: who ended which task of which case, when, by which route
 * and with which validated form values (JSON). Written once, never updated.
 */
@Entity
@Table(name = "case_decision")
public class CaseDecision {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "task_id", nullable = false, updatable = false)
  private String taskId;
  @Column(name = "process_instance_id", nullable = false, updatable = false)
  private String processInstanceId;
  @Column(name = "process_key", nullable = false, updatable = false)
  private String processKey;
  @Column(name = "business_key", updatable = false)
  private String businessKey;
  @Column(name = "task_key", nullable = false, updatable = false)
  private String taskKey;
  @Column(nullable = false, updatable = false)
  private String route;
  @Column(name = "decided_by", nullable = false, updatable = false)
  private String decidedBy;
  @Column(name = "decided_at", nullable = false, updatable = false)
  private Instant decidedAt;
  @Column(name = "decision_values", nullable = false, updatable = false)
  private String values;

  protected CaseDecision() {}

  CaseDecision(String taskId, String processInstanceId, String processKey, String businessKey, String taskKey,
      String route, String decidedBy, Instant decidedAt, String values) {
    this.taskId = taskId;
    this.processInstanceId = processInstanceId;
    this.processKey = processKey;
    this.businessKey = businessKey;
    this.taskKey = taskKey;
    this.route = route;
    this.decidedBy = decidedBy;
    this.decidedAt = decidedAt;
    this.values = values;
  }

  public Long getId() {
    return id;
  }

  public String getTaskId() {
    return taskId;
  }

  public String getProcessInstanceId() {
    return processInstanceId;
  }

  public String getProcessKey() {
    return processKey;
  }

  public String getBusinessKey() {
    return businessKey;
  }

  public String getTaskKey() {
    return taskKey;
  }

  public String getRoute() {
    return route;
  }

  public String getDecidedBy() {
    return decidedBy;
  }

  public Instant getDecidedAt() {
    return decidedAt;
  }

  public String getValues() {
    return values;
  }
}
