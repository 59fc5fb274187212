package cn.beijing.carboninclusion.registry;

import cn.beijing.carboninclusion.common.PublishedJournal;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The registry journal as one of the journals whose heads are published daily (disclosure.JournalHeadPublication):
 * its entries are numbered 1, 2, 3, … without gaps, so its entry count is its head's id.
 */
@Component
class RegistryPublishedJournal implements PublishedJournal {
  static final String NAME = "registry";
  private final RegistryJournal journal;
  private final JdbcTemplate jdbc;

  RegistryPublishedJournal(RegistryJournal journal, JdbcTemplate jdbc) {
    this.journal = journal;
    this.jdbc = jdbc;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String label() {
    return "登记簿日志";
  }

  @Override
  @Transactional(readOnly = true)
  public Head head() {
    return jdbc.queryForObject("select last_entry_id, last_hash from registry_journal_head where id = 1",
        (rs, n) -> new Head(rs.getLong(1), rs.getString(2)));
  }

  /**
   * The authorities' verification ({@link RegistryJournal#verify} with the non-public details); the entries it
   * checked intact hold the recomputed hashes, so the hash after {@code n} entries is entry {@code n}'s stored hash.
   */
  @Override
  @Transactional(readOnly = true)
  public Recomputed recompute(Collection<Long> entryCounts) {
    JournalVerification verified = journal.verify(true);
    Map<Long, String> hashes = new HashMap<>();
    for (Long count : entryCounts) {
      if (count == 0) {
        hashes.put(0L, RegistryJournal.GENESIS_HASH);
      } else if (count > 0 && count <= verified.entriesChecked()) {
        hashes.put(count, jdbc.queryForObject("select hash from registry_journal where id = ?", String.class, count));
      }
    }
    return new Recomputed(verified.ok(), verified.entriesChecked(), verified.firstBrokenEntryId(), verified.problem(),
        hashes);
  }
}
