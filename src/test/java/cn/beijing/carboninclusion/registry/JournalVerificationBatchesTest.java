package cn.beijing.carboninclusion.registry;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The verification reads the journal in batches whose hashes are recomputed in parallel, and still reports the first
 * broken entry of the chain as a walk one entry at a time would: a journal many batches long, in a transaction that
 * is rolled back (nothing stays in the shared database).
 */
class JournalVerificationBatchesTest extends PlatformIntegrationTest {
  private static final int ENTRIES = RegistryJournal.VERIFY_BATCH * (RegistryJournal.VERIFY_IN_FLIGHT + 3) + 17;

  @Autowired RegistryJournal journal;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactionManager;

  @Test
  void aLongJournalVerifiesAndItsFirstBrokenEntryIsReportedWhateverBreaksAfterIt() {
    new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
      status.setRollbackOnly();
      long head = append(ENTRIES);

      JournalVerification whole = journal.verify(false);
      assertThat(whole.ok()).as(String.valueOf(whole)).isTrue();
      assertThat(whole.entriesChecked()).isEqualTo(head);
      assertThat(journal.verify(true).ok()).isTrue();

      // an edited entry deep inside, a later one edited too, and a later gap: the first edited one is reported
      long first = head - ENTRIES + 2 * RegistryJournal.VERIFY_BATCH + 500;
      long later = first + RegistryJournal.VERIFY_BATCH + 3;
      jdbc.update("update registry_journal set payload = payload || 'x' where id = ?", later);
      jdbc.update("delete from registry_journal where id = ?", later + 7);
      jdbc.update("update registry_journal set payload = payload || 'x' where id = ?", first);
      JournalVerification broken = journal.verify(false);
      assertThat(broken.ok()).isFalse();
      assertThat(broken.firstBrokenEntryId()).isEqualTo(first);
      assertThat(broken.problem()).contains("content does not match its hash");
      assertThat(broken.entriesChecked()).isEqualTo(first - 1);

      // its private details altered only: found by the authorities' verification, at that entry
      jdbc.update("update registry_journal set payload = substr(payload, 1, length(payload) - 1) where id = ?", first);
      jdbc.update("update registry_journal set private_details = private_details || 'y' where id = ?", first + 1);
      JournalVerification details = journal.verify(true);
      assertThat(details.firstBrokenEntryId()).isEqualTo(first + 1);
      assertThat(details.problem()).contains("private details do not match");
      assertThat(journal.verify(false).firstBrokenEntryId()).isEqualTo(later);
    });
  }

  /** Appends {@code n} SM3 entries as {@link RegistryJournal#append} writes them and advances the head; its id. */
  private long append(int n) {
    long id = jdbc.queryForObject("select last_entry_id from registry_journal_head where id = 1", Long.class);
    String previous = jdbc.queryForObject("select last_hash from registry_journal_head where id = 1", String.class);
    Instant at = Instant.parse("2025-06-01T08:00:00.123Z");
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      id++;
      String salt = HexFormat.of().formatHex(new byte[] {(byte) i, (byte) (i >> 8), 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
          7, 7, 7, (byte) id});
      String details = new JournalPayload().put("actor", "tester").put("n", i).toString();
      String payload = new JournalPayload().put("quantity", i + 1).put("by", "developer")
          .put("private", RegistryJournal.privateDigest(RegistryJournal.SM3, salt, details)).toString();
      Instant occurred = at.plusMillis(i);
      String hash = RegistryJournal.hash(RegistryJournal.SM3, previous,
          RegistryJournal.canonicalContent(id, occurred, "TRANSFER", payload));
      rows.add(new Object[] {id, java.time.OffsetDateTime.ofInstant(occurred, java.time.ZoneOffset.UTC), payload,
          previous, hash, details, salt});
      previous = hash;
    }
    jdbc.batchUpdate("""
        insert into registry_journal (id, occurred_at, operation, payload, previous_hash, hash, private_details,
          private_salt, hash_algorithm) values (?, ?, 'TRANSFER', ?, ?, ?, ?, ?, 'SM3')""", rows);
    jdbc.update("update registry_journal_head set last_entry_id = ?, last_hash = ? where id = 1", id, previous);
    return id;
  }
}
