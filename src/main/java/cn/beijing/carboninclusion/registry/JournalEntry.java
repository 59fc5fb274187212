package cn.beijing.carboninclusion.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One entry of the registry's hash-chained journal. Its id is its position in the chain (1, 2, 3, … without gaps);
 * {@code hash = H(previousHash + "\n" + canonicalContent)} with H its {@link #getHashAlgorithm() hash algorithm}: SM3
 * from the anchor of Flyway V16 on, SHA-256 before it (see {@link RegistryJournal}).
 */
@Entity
@Table(name = "registry_journal")
public class JournalEntry {

  /** Registry operations, one entry each. */
  public enum Operation { ISSUE, TRANSFER, CONFIRM_RECEIPT, TRADE, RETIRE, CANCEL, REVENUE_RETURN, PARTICIPANT_ROOT }

  @Id
  private Long id;
  @Column(name = "occurred_at", nullable = false, updatable = false)
  private Instant occurredAt;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private Operation operation;
  @Column(nullable = false, updatable = false, length = 100000)
  private String payload;
  @Column(name = "previous_hash", nullable = false, updatable = false)
  private String previousHash;
  @Column(nullable = false, updatable = false)
  private String hash;
  @Column(name = "private_details", nullable = false, updatable = false, length = 4000)
  private String privateDetails;
  @Column(name = "private_salt", nullable = false, updatable = false)
  private String privateSalt;
  @Column(name = "hash_algorithm", nullable = false, updatable = false)
  private String hashAlgorithm;

  protected JournalEntry() {}

  JournalEntry(Long id, Instant occurredAt, Operation operation, String payload, String previousHash, String hash,
      String privateDetails, String privateSalt, String hashAlgorithm) {
    this.id = id;
    this.occurredAt = occurredAt;
    this.operation = operation;
    this.payload = payload;
    this.previousHash = previousHash;
    this.hash = hash;
    this.privateDetails = privateDetails;
    this.privateSalt = privateSalt;
    this.hashAlgorithm = hashAlgorithm;
  }

  public Long getId() { return id; }
  public Instant getOccurredAt() { return occurredAt; }
  public Operation getOperation() { return operation; }
  public String getPayload() { return payload; }
  public String getPreviousHash() { return previousHash; }
  public String getHash() { return hash; }
  /** {@code SM3} or {@code SHA-256} (entries before the anchor of V16). */
  public String getHashAlgorithm() { return hashAlgorithm; }
  String getPrivateDetails() { return privateDetails; }
  String getPrivateSalt() { return privateSalt; }
}
