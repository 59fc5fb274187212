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
 * Flyway V87 and V88 (the decisions journal, the published heads) on a database an installed platform already
 * migrated (to V86, with decisions recorded): on PostgreSQL (the migrations alone, no Spring) they apply in order,
 * leave an empty journal waiting for its start-up run to journal the decisions the database has, and install the
 * append-only triggers.
 */
class DecisionJournalMigrationTest {
  static final Path MIGRATIONS = Path.of("target/classes/db/migration");
  static final Path POSTGRES = Path.of("target/classes/db/vendor/postgresql");

  @Test
  void anInstalledDatabaseTakesV87AndV88InOrder(@TempDir Path older) throws Exception {
    copyWithout(MIGRATIONS, older.resolve("migration"));
    copyWithout(POSTGRES, older.resolve("postgresql"));
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start()) {
      var dataSource = postgres.getPostgresDatabase();
      JdbcTemplate jdbc = new JdbcTemplate(dataSource);
      Flyway.configure().dataSource(dataSource).locations("filesystem:" + older.resolve("migration"),
          "filesystem:" + older.resolve("postgresql")).load().migrate();
      assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where version = '86'",
          Integer.class)).isOne();
      jdbc.update("""
          insert into case_decision (task_id, process_instance_id, process_key, business_key, task_key, route,
              decided_by, decided_at, decision_values)
          values ('t1', 'i1', 'ProjectRegistration', '1', 'Task_TechnicalReview', 'COMPLETE', 'wangfang', now(),
              '{"reviewDecision":"APPROVE"}')""");

      Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/postgresql")
          .load().migrate();
      assertThat(jdbc.queryForList("select version from flyway_schema_history where success", String.class))
          .contains("87", "87.1", "88", "88.1");
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
        // the database as installed before V87: every migration up to V86 (later ones came after it)
        java.util.regex.Matcher version = java.util.regex.Pattern.compile("^V(\\d+)").matcher(name);
        if (version.find() && Integer.parseInt(version.group(1)) <= 86) {
          Files.copy(file, to.resolve(name));
        }
      }
    }
  }
}
