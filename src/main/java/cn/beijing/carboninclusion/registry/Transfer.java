package cn.beijing.carboninclusion.registry;

import cn.beijing.carboninclusion.common.ConflictException;
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

/** A developer's transfer of units to the exchange's account for trading; pending until the exchange confirms. */
@Entity
@Table(name = "registry_transfer")
public class Transfer {

  public enum Status { PENDING, CONFIRMED }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "from_account_id", nullable = false, updatable = false)
  private Long fromAccountId;
  @Column(name = "to_account_id", nullable = false, updatable = false)
  private Long toAccountId;
  @Column(nullable = false, updatable = false)
  private long quantity;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;
  @Column(name = "requested_by", nullable = false, updatable = false)
  private String requestedBy;
  @Column(name = "requested_at", nullable = false, updatable = false)
  private Instant requestedAt;
  @Column(name = "confirmed_by")
  private String confirmedBy;
  @Column(name = "confirmed_at")
  private Instant confirmedAt;
  @Column(name = "journal_entry_id")
  private Long journalEntryId;
  @Column(name = "confirmation_journal_entry_id")
  private Long confirmationJournalEntryId;
  @Column(name = "submission_key", updatable = false)
  private String submissionKey;
  @Version
  @Column(name = "lock_version")
  private long lockVersion;

  protected Transfer() {}

  Transfer(Long fromAccountId, Long toAccountId, long quantity, String requestedBy, Instant requestedAt) {
    this.fromAccountId = fromAccountId;
    this.toAccountId = toAccountId;
    this.quantity = quantity;
    this.status = Status.PENDING;
    this.requestedBy = requestedBy;
    this.requestedAt = requestedAt;
  }

  void journalled(Long entryId) { this.journalEntryId = entryId; }

  /** The client's Idempotency-Key of the request that made this transfer (unique per sending account). */
  Transfer withSubmissionKey(String key) {
    this.submissionKey = key;
    return this;
  }

  void confirm(String by, Instant at) {
    if (status != Status.PENDING) {
      throw new ConflictException("该划转已确认 (transfer " + id + " is already " + status + ")");
    }
    status = Status.CONFIRMED;
    confirmedBy = by;
    confirmedAt = at;
  }

  void confirmationJournalled(Long entryId) { this.confirmationJournalEntryId = entryId; }

  public Long getId() { return id; }
  public Long getFromAccountId() { return fromAccountId; }
  public Long getToAccountId() { return toAccountId; }
  public long getQuantity() { return quantity; }
  public Status getStatus() { return status; }
  public String getRequestedBy() { return requestedBy; }
  public Instant getRequestedAt() { return requestedAt; }
  public String getConfirmedBy() { return confirmedBy; }
  public Instant getConfirmedAt() { return confirmedAt; }
  public Long getJournalEntryId() { return journalEntryId; }
  public Long getConfirmationJournalEntryId() { return confirmationJournalEntryId; }
}
