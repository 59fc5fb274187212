package cn.beijing.carboninclusion.registry;

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

/**
 * A block: the contiguous units {@code firstUnit..lastUnit} of one project and vintage, held by one account. A block
 * is split by {@link #splitTail}: the holder keeps the head of the range, the tail becomes a new block.
 */
@Entity
@Table(name = "registry_block")
public class RegistryBlock {

  /** State of a block's units. RETIRED and CANCELLED are final. */
  public enum Status {
    /** Held and usable by its account. */
    ACTIVE,
    /** On its way to the exchange, until the exchange confirms receipt; usable by no one. */
    PENDING,
    /** 消纳: retired for a purpose, never to be used again. */
    RETIRED,
    /** Administratively cancelled by the bureau, never to be used again. */
    CANCELLED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "account_id", nullable = false)
  private Long accountId;
  @Column(name = "project_id", nullable = false, updatable = false)
  private Long projectId;
  @Column(name = "project_registration_no", nullable = false, updatable = false)
  private String projectRegistrationNo;
  @Column(name = "developer_id", nullable = false, updatable = false)
  private Long developerId;
  @Column(name = "vintage_year", nullable = false, updatable = false)
  private int vintageYear;
  @Column(name = "first_unit", nullable = false, updatable = false)
  private long firstUnit;
  @Column(name = "last_unit", nullable = false)
  private long lastUnit;
  @Column(nullable = false)
  private long quantity;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;
  @Column(name = "issuance_id", nullable = false, updatable = false)
  private Long issuanceId;
  @Column(name = "parent_block_id", updatable = false)
  private Long parentBlockId;
  @Column(name = "transfer_id")
  private Long transferId;
  @Column(name = "retirement_id")
  private Long retirementId;
  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;
  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;
  @Version
  @Column(name = "lock_version")
  private long lockVersion;

  protected RegistryBlock() {}

  RegistryBlock(Long accountId, Issuance issuance, Instant now) {
    this(accountId, issuance.getProjectId(), issuance.getProjectRegistrationNo(), issuance.getDeveloperId(),
        issuance.getVintageYear(), issuance.getFirstUnit(), issuance.getLastUnit(), issuance.getId(), null, now);
  }

  private RegistryBlock(Long accountId, Long projectId, String projectRegistrationNo, Long developerId,
      int vintageYear, long firstUnit, long lastUnit, Long issuanceId, Long parentBlockId, Instant now) {
    if (lastUnit < firstUnit || firstUnit < 1) {
      throw new IllegalArgumentException("empty or invalid unit range " + firstUnit + ".." + lastUnit);
    }
    this.accountId = accountId;
    this.projectId = projectId;
    this.projectRegistrationNo = projectRegistrationNo;
    this.developerId = developerId;
    this.vintageYear = vintageYear;
    this.firstUnit = firstUnit;
    this.lastUnit = lastUnit;
    this.quantity = lastUnit - firstUnit + 1;
    this.status = Status.ACTIVE;
    this.issuanceId = issuanceId;
    this.parentBlockId = parentBlockId;
    this.createdAt = now;
    this.updatedAt = now;
  }

  /**
   * Splits off the last {@code tailQuantity} units: this block keeps the head {@code firstUnit..lastUnit-tail}, the
   * returned new block (same holder and state, not yet saved) takes the tail.
   */
  RegistryBlock splitTail(long tailQuantity, Instant now) {
    if (tailQuantity <= 0 || tailQuantity >= quantity) {
      throw new IllegalArgumentException("a split leaves both parts non-empty: " + tailQuantity + " of " + quantity);
    }
    requireUsable();
    long tailFirst = lastUnit - tailQuantity + 1;
    RegistryBlock tail = new RegistryBlock(accountId, projectId, projectRegistrationNo, developerId, vintageYear,
        tailFirst, lastUnit, issuanceId, id, now);
    tail.status = status;
    tail.transferId = transferId;
    this.lastUnit = tailFirst - 1;
    this.quantity = lastUnit - firstUnit + 1;
    this.updatedAt = now;
    return tail;
  }

  /** Sends the block to the exchange: it waits there, unusable, until the exchange confirms the transfer. */
  void sendPending(Long exchangeAccountId, Long transferId, Instant now) {
    requireStatus(Status.ACTIVE);
    this.accountId = exchangeAccountId;
    this.transferId = transferId;
    this.status = Status.PENDING;
    this.updatedAt = now;
  }

  void confirmReceipt(Instant now) {
    requireStatus(Status.PENDING);
    this.status = Status.ACTIVE;
    this.updatedAt = now;
  }

  void moveTo(Long accountId, Instant now) {
    requireStatus(Status.ACTIVE);
    this.accountId = accountId;
    this.updatedAt = now;
  }

  /** Retires (or cancels) the block's units for good. */
  void finish(Status finalStatus, Long destinationAccountId, Long retirementId, Instant now) {
    if (finalStatus != Status.RETIRED && finalStatus != Status.CANCELLED) {
      throw new IllegalArgumentException("not a final status: " + finalStatus);
    }
    requireStatus(Status.ACTIVE);
    this.status = finalStatus;
    this.accountId = destinationAccountId;
    this.retirementId = retirementId;
    this.updatedAt = now;
  }

  private void requireUsable() {
    if (status == Status.RETIRED || status == Status.CANCELLED) {
      throw new IllegalStateException("block " + id + " is " + status);
    }
  }

  private void requireStatus(Status expected) {
    if (status != expected) {
      throw new IllegalStateException("block " + id + " is " + status + ", expected " + expected);
    }
  }

  public String serialRange() {
    return Serials.range(projectRegistrationNo, vintageYear, firstUnit, lastUnit);
  }

  public String firstSerial() { return Serials.unit(projectRegistrationNo, vintageYear, firstUnit); }

  public String lastSerial() { return Serials.unit(projectRegistrationNo, vintageYear, lastUnit); }

  public Long getId() { return id; }
  public Long getAccountId() { return accountId; }
  public Long getProjectId() { return projectId; }
  public String getProjectRegistrationNo() { return projectRegistrationNo; }
  public Long getDeveloperId() { return developerId; }
  public int getVintageYear() { return vintageYear; }
  public long getFirstUnit() { return firstUnit; }
  public long getLastUnit() { return lastUnit; }
  public long getQuantity() { return quantity; }
  public Status getStatus() { return status; }
  public Long getIssuanceId() { return issuanceId; }
  public Long getParentBlockId() { return parentBlockId; }
  public Long getTransferId() { return transferId; }
  public Long getRetirementId() { return retirementId; }
  public Instant getUpdatedAt() { return updatedAt; }
}
