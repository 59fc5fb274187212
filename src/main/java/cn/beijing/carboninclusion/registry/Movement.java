package cn.beijing.carboninclusion.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One step in the history of a range of units, written with the journal entry that records it. */
@Entity
@Table(name = "registry_movement")
public class Movement {

  /** Steps in the life of units. */
  public enum Kind {
    ISSUED("签发"), TRANSFERRED("划转至交易所"), RECEIVED("交易所确认接收"), TRADED("交易过户"), RETIRED("消纳注销"),
    CANCELLED("行政注销");

    private final String label;

    Kind(String label) { this.label = label; }

    public String label() { return label; }
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "journal_entry_id", nullable = false, updatable = false)
  private Long journalEntryId;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private Kind kind;
  @Column(name = "block_id", nullable = false, updatable = false)
  private Long blockId;
  @Column(name = "project_registration_no", nullable = false, updatable = false)
  private String projectRegistrationNo;
  @Column(name = "vintage_year", nullable = false, updatable = false)
  private int vintageYear;
  @Column(name = "first_unit", nullable = false, updatable = false)
  private long firstUnit;
  @Column(name = "last_unit", nullable = false, updatable = false)
  private long lastUnit;
  @Column(nullable = false, updatable = false)
  private long quantity;
  @Column(name = "from_account_id", updatable = false)
  private Long fromAccountId;
  @Column(name = "to_account_id", nullable = false, updatable = false)
  private Long toAccountId;
  @Enumerated(EnumType.STRING)
  @Column(updatable = false)
  private RetirementPurpose purpose;
  @Column(updatable = false)
  private String beneficiary;
  @Column(name = "beneficiary_credit_code", updatable = false)
  private String beneficiaryCreditCode;
  @Column(updatable = false)
  private String reason;
  @Column(name = "occurred_at", nullable = false, updatable = false)
  private Instant occurredAt;

  protected Movement() {}

  Movement(Step step, Long journalEntryId, Instant occurredAt) {
    this.journalEntryId = journalEntryId;
    this.kind = step.kind();
    this.blockId = step.blockId();
    this.projectRegistrationNo = step.projectRegistrationNo();
    this.vintageYear = step.vintageYear();
    this.firstUnit = step.firstUnit();
    this.lastUnit = step.lastUnit();
    this.quantity = step.lastUnit() - step.firstUnit() + 1;
    this.fromAccountId = step.fromAccountId();
    this.toAccountId = step.toAccountId();
    this.purpose = step.purpose();
    this.beneficiary = step.beneficiary();
    this.beneficiaryCreditCode = step.beneficiaryCreditCode();
    this.reason = step.reason();
    this.occurredAt = occurredAt;
  }

  /** A step before it is journalled. */
  record Step(Kind kind, Long blockId, String projectRegistrationNo, int vintageYear, long firstUnit, long lastUnit,
      Long fromAccountId, Long toAccountId, RetirementPurpose purpose, String beneficiary,
      String beneficiaryCreditCode, String reason) {

    static Step of(Kind kind, RegistryBlock block, Long fromAccountId, Long toAccountId) {
      return new Step(kind, block.getId(), block.getProjectRegistrationNo(), block.getVintageYear(),
          block.getFirstUnit(), block.getLastUnit(), fromAccountId, toAccountId, null, null, null, null);
    }

    Step with(RetirementPurpose purpose, String beneficiary, String reason) {
      return with(purpose, beneficiary, null, reason);
    }

    /** The same, naming the beneficiary's unified social credit code too (an ETS offset's covered entity). */
    Step with(RetirementPurpose purpose, String beneficiary, String beneficiaryCreditCode, String reason) {
      return new Step(kind, blockId, projectRegistrationNo, vintageYear, firstUnit, lastUnit, fromAccountId,
          toAccountId, purpose, beneficiary, beneficiaryCreditCode, reason);
    }

    long quantity() { return lastUnit - firstUnit + 1; }

    String serialRange() { return Serials.range(projectRegistrationNo, vintageYear, firstUnit, lastUnit); }
  }

  public String serialRange() { return Serials.range(projectRegistrationNo, vintageYear, firstUnit, lastUnit); }

  public Long getId() { return id; }
  public Long getJournalEntryId() { return journalEntryId; }
  public Kind getKind() { return kind; }
  public Long getBlockId() { return blockId; }
  public String getProjectRegistrationNo() { return projectRegistrationNo; }
  public int getVintageYear() { return vintageYear; }
  public long getFirstUnit() { return firstUnit; }
  public long getLastUnit() { return lastUnit; }
  public long getQuantity() { return quantity; }
  public Long getFromAccountId() { return fromAccountId; }
  public Long getToAccountId() { return toAccountId; }
  public RetirementPurpose getPurpose() { return purpose; }
  public String getBeneficiary() { return beneficiary; }
  public String getBeneficiaryCreditCode() { return beneficiaryCreditCode; }
  public String getReason() { return reason; }
  public Instant getOccurredAt() { return occurredAt; }
}
