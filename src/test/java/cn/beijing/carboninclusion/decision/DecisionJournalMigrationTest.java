package cn.beijing.carboninclusion.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Flyway V46 and V47 (the decisions journal, the published heads) carry versions below migrations an installed
 * platform has already applied (V50 and later). On PostgreSQL (the migrations alone, no Spring): a database migrated
 * without them refuses to start on the new scripts as they are (Flyway's validation names the version), takes them
 * with the out-of-order mode (docs/security.md, "Recorded decisions"), and then holds an empty journal waiting for its
 * start-up run to journal the decisions it has, and the append-only triggers.
 */
class DecisionJournalMigrationTest {
  static final Path MIGRATIONS = Path.of("target/classes/db/migration");
  static final Path POSTGRES = Path.of("target/classes/db/vendor/postgresql");

  @Test
  void aDatabasePastV50TakesV46AndV47OutOfOrder(@TempDir Path older) throws Exception {
    copyWithout(MIGRATIONS, older.resolve("migration"));
    copyWithout(POSTGRES, older.resolve("postgresql"));
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start()) {
      var dataSource = postgres.getPostgresDatabase();
      JdbcTemplate jdbc = new JdbcTemplate(dataSource);
      Flyway.configure().dataSource(dataSource).locations("filesystem:" + older.resolve("migration"),
          "filesystem:" + older.resolve("postgresql")).load().migrate();
      assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where version = '84'",
          Integer.class)).isOne();
      jdbc.update("""
          insert into case_decision (task_id, process_instance_id, process_key, business_key, task_key, route,
              decided_by, decided_at, decision_values)
          values ('t1', 'i1', 'ProjectRegistration', '1', 'Task_TechnicalReview', 'COMPLETE', 'wangfang', now(),
              '{"reviewDecision":"APPROVE"}')""");

      var current = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration",
          "classpath:db/vendor/postgresql");
      assertThatThrownBy(() -> current.load().migrate()).hasMessageContaining("46");

      current.outOfOrder(true).load().migrate();
      assertThat(jdbc.queryForList("select version from flyway_schema_history where success", String.class))
          .contains("46", "46.1", "47", "47.1");
      assertThat(jdbc.queryForMap("select last_entry_id, backfilled from decision_journal_head where id = 1"))
          .containsEntry("last_entry_id", 0L).containsEntry("backfilled", false);
      jdbc.update("""
          insert into published_journal_head (journal, head_date, entry_count, head_hash, published_at)
          values ('decisions', date '2026-01-01', 0, ?, now())""", "0".repeat(64));
      assertThatThrownBy(() -> jdbc.update("delete from published_journal_head")).hasMessageContaining("append-only");
    }
  }

  private static void copyWithout(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (!name.startsWith("V46_") && !name.startsWith("V47_") && !name.startsWith("V46__")
            && !name.startsWith("V47__")) {
          Files.copy(file, to.resolve(name));
        }
      }
    }
  }
}
