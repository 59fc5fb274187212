package cn.beijing.carboninclusion.common;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The recorded result of one automatic check on one case. */
@Entity
@Table(name = "case_check")
public class CaseCheck {

  /** PASSED; FLAGGED: a soft finding for the reviewer; FAILED: a hard failure that ends the case. */
  public enum Outcome { PASSED, FLAGGED, FAILED }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "case_type", nullable = false, updatable = false)
  private String caseType;
  @Column(name = "case_id", nullable = false, updatable = false)
  private Long caseId;
  @Column(name = "check_name", nullable = false, updatable = false)
  private String checkName;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private Outcome outcome;
  @Column(nullable = false, updatable = false)
  private String detail;
  @Column(name = "checked_at", nullable = false, updatable = false)
  private Instant checkedAt;

  protected CaseCheck() {}

  public CaseCheck(String caseType, Long caseId, String checkName, Outcome outcome, String detail, Instant checkedAt) {
    this.caseType = caseType;
    this.caseId = caseId;
    this.checkName = checkName;
    this.outcome = outcome;
    this.detail = detail;
    this.checkedAt = checkedAt;
  }

  public Long getId() { return id; }
  public String getCaseType() { return caseType; }
  public Long getCaseId() { return caseId; }
  public String getCheckName() { return checkName; }
  public Outcome getOutcome() { return outcome; }
  public String getDetail() { return detail; }
  public Instant getCheckedAt() { return checkedAt; }
}
