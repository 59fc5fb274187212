package cn.beijing.carboninclusion.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Flyway V16 on a journal that already has SHA-256 entries (PostgreSQL, the migrations alone, no Spring): the old
 * entries stay verifiable, the chain is re-anchored at the head, new entries chain with SM3 from it, and neither an
 * old entry claiming SM3 nor a new one claiming SHA-256 passes.
 */
class JournalSm3MigrationTest {
  private static EmbeddedPostgres postgres;
  private static DataSource dataSource;
  private static JdbcTemplate jdbc;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
    dataSource = postgres.getPostgresDatabase();
    jdbc = new JdbcTemplate(dataSource);
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Test
  void oldSha256EntriesStayVerifiableAndNewEntriesChainWithSm3FromTheAnchor() {
    migrate("15");
    String head = RegistryJournal.GENESIS_HASH;
    for (long id = 1; id <= 3; id++) {
      head = insert(id, head, RegistryJournal.SHA256, false);
    }
    jdbc.update("update registry_journal_head set last_entry_id = 3, last_hash = ? where id = 1", head);
    String sha256Head = head;

    migrate(null);
    assertThat(jdbc.queryForList("select hash_algorithm from registry_journal order by id", String.class))
        .containsOnly("SHA-256");
    RegistryJournal journal = new RegistryJournal(null, null, null, dataSource, Clock.systemUTC());
    JournalVerification afterMigration = journal.verify(true);
    assertThat(afterMigration.ok()).as(afterMigration.problem()).isTrue();
    assertThat(afterMigration.entriesChecked()).isEqualTo(3);
    assertThat(afterMigration.sm3FromEntryId()).isEqualTo(4);
    assertThat(afterMigration.anchorHash()).isEqualTo(sha256Head);

    head = insert(4, head, RegistryJournal.SM3, true);
    head = insert(5, head, RegistryJournal.SM3, true);
    JournalVerification mixed = journal.verify(true);
    assertThat(mixed.ok()).as(mixed.problem()).isTrue();
    assertThat(mixed.entriesChecked()).isEqualTo(5);
    assertThat(mixed.headHash()).isEqualTo(head);

    // an old entry's content changed: found at itself, SHA-256 still checked
    String payload = jdbc.queryForObject("select payload from registry_journal where id = 2", String.class);
    jdbc.update("update registry_journal set payload = ? where id = 2", payload.replace("quantity=2", "quantity=9"));
    assertThat(journal.verify(false).firstBrokenEntryId()).isEqualTo(2);
    jdbc.update("update registry_journal set payload = ? where id = 2", payload);

    // an old entry relabelled SM3 (and its hash recomputed to match) is refused at itself
    relabel(2, RegistryJournal.SM3);
    JournalVerification upgraded = journal.verify(false);
    assertThat(upgraded.firstBrokenEntryId()).isEqualTo(2);
    assertThat(upgraded.problem()).contains("哈希算法与锚点不符");
    relabel(2, RegistryJournal.SHA256);

    // a new entry relabelled SHA-256 is refused at itself
    relabel(5, RegistryJournal.SHA256);
    assertThat(journal.verify(false).firstBrokenEntryId()).isEqualTo(5);
    relabel(5, RegistryJournal.SM3);
    assertThat(journal.verify(true).ok()).isTrue();

    // the anchor's recorded head cannot be moved away from the chain
    jdbc.update("update registry_journal_anchor set previous_hash = ?", "f".repeat(64));
    JournalVerification moved = journal.verify(false);
    assertThat(moved.firstBrokenEntryId()).isEqualTo(4);
    assertThat(moved.problem()).contains("锚定");
    jdbc.update("update registry_journal_anchor set previous_hash = ?", sha256Head);
    assertThat(journal.verify(true).ok()).isTrue();
  }

  private static void migrate(String target) {
    var configuration = Flyway.configure().dataSource(dataSource)
        .locations("classpath:db/migration", "classpath:db/vendor/postgresql");
    if (target != null) {
      configuration.target(target);
    }
    configuration.load().migrate();
  }

  /** Appends an entry as RegistryJournal.append writes it with {@code algorithm}; returns its hash. */
  private static String insert(long id, String previous, String algorithm, boolean withAlgorithmColumn) {
    Instant at = Instant.parse("2025-03-01T08:00:00Z").plusSeconds(id);
    String salt = UUID.randomUUID().toString().replace("-", "");
    String details = "actor=someone-" + id;
    String payload = new JournalPayload().put("issuance", id).put("quantity", id)
        .put("private", RegistryJournal.privateDigest(algorithm, salt, details)).toString();
    String hash = RegistryJournal.hash(algorithm, previous,
        RegistryJournal.canonicalContent(id, at, "ISSUE", payload));
    if (withAlgorithmColumn) {
      jdbc.update("""
          insert into registry_journal (id, occurred_at, operation, payload, previous_hash, hash, private_details,
              private_salt, hash_algorithm) values (?, ?, 'ISSUE', ?, ?, ?, ?, ?, ?)""", id,
          OffsetDateTime.ofInstant(at, ZoneOffset.UTC), payload, previous, hash, details, salt, algorithm);
      jdbc.update("update registry_journal_head set last_entry_id = ?, last_hash = ? where id = 1", id, hash);
    } else {
      jdbc.update("""
          insert into registry_journal (id, occurred_at, operation, payload, previous_hash, hash, private_details,
              private_salt) values (?, ?, 'ISSUE', ?, ?, ?, ?, ?)""", id, OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
          payload, previous, hash, details, salt);
    }
    return hash;
  }

  /** Relabels an entry's algorithm and recomputes its own hash to match (the next entry's link is left alone). */
  private static void relabel(long id, String algorithm) {
    var row = jdbc.queryForMap("select occurred_at, payload, previous_hash from registry_journal where id = ?", id);
    Instant at = ((java.sql.Timestamp) row.get("occurred_at")).toInstant();
    String hash = RegistryJournal.hash(algorithm, (String) row.get("previous_hash"),
        RegistryJournal.canonicalContent(id, at, "ISSUE", (String) row.get("payload")));
    jdbc.update("update registry_journal set hash_algorithm = ?, hash = ? where id = ?", algorithm, hash, id);
  }
}
