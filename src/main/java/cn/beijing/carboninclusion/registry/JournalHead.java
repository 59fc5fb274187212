package cn.beijing.carboninclusion.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The single row naming the journal's last entry; every registry operation locks it, so the chain never forks. */
@Entity
@Table(name = "registry_journal_head")
class JournalHead {
  static final int ID = 1;

  @Id
  private Integer id;
  @Column(name = "last_entry_id", nullable = false)
  private long lastEntryId;
  @Column(name = "last_hash", nullable = false)
  private String lastHash;
  @Version
  @Column(name = "lock_version")
  private long lockVersion;

  protected JournalHead() {}

  void advance(long entryId, String hash) {
    if (entryId != lastEntryId + 1) {
      throw new IllegalStateException("journal entries follow one another: " + entryId + " after " + lastEntryId);
    }
    lastEntryId = entryId;
    lastHash = hash;
  }

  long getLastEntryId() { return lastEntryId; }
  String getLastHash() { return lastHash; }
}
