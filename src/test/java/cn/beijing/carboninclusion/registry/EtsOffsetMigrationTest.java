package cn.beijing.carboninclusion.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Flyway V68 and V69 on a registry that already holds ETS offsets keyed by the declared name (the migrations alone, no
 * Spring), on PostgreSQL and on the embedded H2 of {@code mvn spring-boot:run}: the old tally and retirement stay as
 * they were, without a credit code; new tallies are unique per credit code and year, so two entities of the same name
 * (and an old name-keyed row of that name) have tallies of their own.
 */
class EtsOffsetMigrationTest {
  static final String CODE_A = "91110105MA01B0001R";
  static final String CODE_B = "91110108MA01B00028";

  @Test
  void oldNameKeyedOffsetsStayAndNewOnesAreKeyedByCreditCodeOnPostgres() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start()) {
      check(postgres.getPostgresDatabase(), "classpath:db/vendor/postgresql");
    }
  }

  @Test
  void theMigrationsRunOnH2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:ets-migration-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    check(h2, "classpath:db/vendor/h2");
  }

  private static void check(DataSource dataSource, String vendor) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    migrate(dataSource, vendor, "67");
    long account = jdbc.queryForObject("select min(id) from registry_account where kind = 'RETIREMENT'", Long.class);
    jdbc.update("""
        insert into registry_ets_offset (covered_entity, compliance_year, verified_emissions, offset_total)
        values ('北京某热电有限公司', 2024, 2000, 60)""");
    jdbc.update("""
        insert into registry_retirement (kind, purpose, account_id, quantity, beneficiary, covered_entity,
            verified_emissions, compliance_year, actor, occurred_at)
        values ('RETIREMENT', 'ETS_OFFSET', ?, 60, '北京某热电有限公司', '北京某热电有限公司', 2000, 2024, 'someone', ?)""",
        account, Timestamp.from(Instant.parse("2025-03-01T08:00:00Z")));

    Flyway flyway = migrate(dataSource, vendor, null);

    assertThat(flyway.info().applied()).extracting(m -> m.getVersion().getVersion()).contains("68", "69");
    assertThat(jdbc.queryForMap("select covered_entity, credit_code, offset_total from registry_ets_offset"))
        .containsEntry("credit_code", null).containsEntry("offset_total", 60L);
    assertThat(jdbc.queryForObject("select count(*) from registry_retirement where purpose = 'ETS_OFFSET' "
        + "and covered_entity = '北京某热电有限公司' and covered_entity_credit_code is null", Long.class)).isOne();

    // two entities of the old row's name, by credit code: each its own tally; a code and year only once
    String insert = """
        insert into registry_ets_offset (credit_code, covered_entity, compliance_year, verified_emissions, offset_total)
        values (?, '北京某热电有限公司', 2024, 1000, 0)""";
    jdbc.update(insert, CODE_A);
    jdbc.update(insert, CODE_B);
    assertThatThrownBy(() -> jdbc.update(insert, CODE_A)).isInstanceOf(DataIntegrityViolationException.class);
    assertThat(jdbc.queryForObject("select count(*) from registry_ets_offset where covered_entity = ?", Long.class,
        "北京某热电有限公司")).isEqualTo(3);

    // the list: one row per entity and year within a version, emissions positive
    jdbc.update("""
        insert into ets_covered_entity_import (version, source, list_date, imported_by, imported_at)
        values (1, '测试', date '2025-06-30', 'zhangwei', ?)""", Timestamp.from(Instant.now()));
    long importId = jdbc.queryForObject("select id from ets_covered_entity_import where version = 1", Long.class);
    String row = """
        insert into ets_covered_entity (import_id, line_no, credit_code, name, compliance_year, verified_emissions)
        values (?, ?, ?, '某单位', 2025, ?)""";
    jdbc.update(row, importId, 2, CODE_A, 1000);
    assertThatThrownBy(() -> jdbc.update(row, importId, 3, CODE_A, 2000))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThatThrownBy(() -> jdbc.update(row, importId, 4, CODE_B, 0))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  private static Flyway migrate(DataSource dataSource, String vendor, String target) {
    var configuration = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", vendor);
    if (target != null) {
      configuration.target(target);
    }
    Flyway flyway = configuration.load();
    flyway.migrate();
    return flyway;
  }
}
