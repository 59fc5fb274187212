package cn.beijing.carboninclusion.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** 消纳 (a retirement for a purpose) or an administrative cancellation of units: final for every unit it takes. */
@Entity
@Table(name = "registry_retirement")
public class Retirement {

  public enum Kind { RETIREMENT, CANCELLATION }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private Kind kind;
  @Enumerated(EnumType.STRING)
  @Column(updatable = false)
  private RetirementPurpose purpose;
  @Column(name = "account_id", nullable = false, updatable = false)
  private Long accountId;
  @Column(nullable = false, updatable = false)
  private long quantity;
  @Column(updatable = false)
  private String beneficiary;
  @Column(name = "covered_entity", updatable = false)
  private String coveredEntity;
  @Column(name = "covered_entity_credit_code", updatable = false)
  private String coveredEntityCreditCode;
  @Column(name = "verified_emissions", updatable = false, precision = 18, scale = 4)
  private BigDecimal verifiedEmissions;
  @Column(name = "compliance_year", updatable = false)
  private Integer complianceYear;
  @Column(updatable = false)
  private String reason;
  @Column(updatable = false)
  private String remark;
  @Column(nullable = false, updatable = false)
  private String actor;
  @Column(name = "occurred_at", nullable = false, updatable = false)
  private Instant occurredAt;
  @Column(name = "journal_entry_id")
  private Long journalEntryId;
  @Column(name = "submission_key", updatable = false)
  private String submissionKey;

  protected Retirement() {}

  static Retirement retirement(RetirementPurpose purpose, Long accountId, long quantity, String beneficiary,
      String coveredEntity, String coveredEntityCreditCode, BigDecimal verifiedEmissions, Integer complianceYear,
      String remark, String actor, Instant at) {
    Retirement r = new Retirement();
    r.kind = Kind.RETIREMENT;
    r.purpose = purpose;
    r.accountId = accountId;
    r.quantity = quantity;
    r.beneficiary = beneficiary;
    r.coveredEntity = coveredEntity;
    r.coveredEntityCreditCode = coveredEntityCreditCode;
    r.verifiedEmissions = verifiedEmissions;
    r.complianceYear = complianceYear;
    r.remark = remark;
    r.actor = actor;
    r.occurredAt = at;
    return r;
  }

  static Retirement cancellation(Long accountId, long quantity, String reason, String actor, Instant at) {
    Retirement r = new Retirement();
    r.kind = Kind.CANCELLATION;
    r.accountId = accountId;
    r.quantity = quantity;
    r.reason = reason;
    r.actor = actor;
    r.occurredAt = at;
    return r;
  }

  void journalled(Long entryId) { this.journalEntryId = entryId; }

  public Long getId() { return id; }

  /** The client's Idempotency-Key of the request that made this retirement (unique per account). */
  Retirement withSubmissionKey(String key) {
    this.submissionKey = key;
    return this;
  }
  public Kind getKind() { return kind; }
  public RetirementPurpose getPurpose() { return purpose; }
  public Long getAccountId() { return accountId; }
  public long getQuantity() { return quantity; }
  public String getBeneficiary() { return beneficiary; }
  public String getCoveredEntity() { return coveredEntity; }
  /** The covered entity's unified social credit code (ETS offsets since V69; null before). */
  public String getCoveredEntityCreditCode() { return coveredEntityCreditCode; }
  public BigDecimal getVerifiedEmissions() { return verifiedEmissions; }
  public Integer getComplianceYear() { return complianceYear; }
  public String getReason() { return reason; }
  public String getRemark() { return remark; }
  public Instant getOccurredAt() { return occurredAt; }
  public Long getJournalEntryId() { return journalEntryId; }
}
