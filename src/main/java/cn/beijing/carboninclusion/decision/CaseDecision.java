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
 * and with which validated form values (JSON). Written once, never updated; chained to the case's decision before it
 * with SM3 ({@link DecisionChain}).
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
  @Column(name = "previous_hash", updatable = false)
  private String previousHash;
  @Column(updatable = false)
  private String hash;

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

  /** Chains this decision after {@code previousHash} (decision.DecisionChain), before it is saved. */
  void chainAfter(String previousHash) {
    this.previousHash = previousHash;
    this.hash = DecisionChain.hash(previousHash, DecisionChain.content(this));
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

  /** The hash of the decision before it in its case's chain (or the case's genesis); null before V41. */
  public String getPreviousHash() {
    return previousHash;
  }

  /** SM3 of the previous hash and this decision's content; null for decisions recorded before V41. */
  public String getHash() {
    return hash;
  }
}
