package cn.beijing.carboninclusion.platform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Flyway migrated an empty PostgreSQL to the domain schema, beside the engine's own tables. */
class PostgresSchemaTest extends PlatformIntegrationTest {
  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;

  @Test
  void flywayMigratedTheDomainSchemaOnARealPostgres() throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
    }
    List<String> versions = jdbc.queryForList(
        "select version from flyway_schema_history where success order by installed_rank", String.class);
    assertThat(versions).startsWith("1");
    List<String> tables = jdbc.queryForList(
        "select table_name from information_schema.tables where table_schema = 'public'", String.class);
    assertThat(tables).contains("developer_organisation", "developer_member", "methodology", "project",
        "project_identifier", "reduction_application", "audit_entry", "notification", "act_ru_task", "act_re_procdef");
  }

  @Test
  void theEngineTablesGetThePlatformsIndexesAfterTheEngineCreatedThem() {
    // db/engine/postgresql, run by common.EngineIndexes after the engine's schema exists, with a history of its own
    assertThat(jdbc.queryForList("select version from flyway_engine_history where success order by installed_rank",
        String.class)).containsSubsequence("54", "55");
    assertThat(jdbc.queryForList("select indexname from pg_indexes where tablename = 'act_ru_task'", String.class))
        .contains("ix_engine_task_due");
    assertThat(jdbc.queryForObject("select count(*) from pg_statistic_ext where stxname = ?", Long.class,
        "st_engine_authorization_perms")).isOne();
    // statements are planned with their parameters' values (a generic plan cannot use those statistics)
    assertThat(jdbc.queryForObject("show plan_cache_mode", String.class)).isEqualTo("force_custom_plan");
    // the domain's V55: the pages of GET /api/projects
    assertThat(jdbc.queryForList("select indexname from pg_indexes where tablename = 'project'", String.class))
        .contains("ix_project_status_id", "ix_project_developer_id")
        .doesNotContain("ix_project_status");
  }

  @Test
  void theSchemaRefusesWhatTheDomainForbids() {
    Long methodologyId = jdbc.queryForObject("select min(id) from methodology", Long.class);
    Long developerId = jdbc.queryForObject("select min(id) from developer_organisation", Long.class);
    // a revenue return ratio above 100% is refused by the database itself
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update("""
        insert into project (project_class, methodology_id, developer_id, name, status, district,
          revenue_return_ratio, created_at, updated_at) values ('CLASS_I', ?, ?, 'x', 'SUBMITTED', '东城区', 1.5,
          now(), now())""", methodologyId, developerId))
        .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    // a credit code registers once
    String code = jdbc.queryForObject("select min(credit_code) from developer_organisation", String.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update("""
        insert into developer_organisation (credit_code, name, kind, status, created_at)
        values (?, 'dup', 'ENTERPRISE', 'ACTIVE', now())""", code))
        .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
  }
}
