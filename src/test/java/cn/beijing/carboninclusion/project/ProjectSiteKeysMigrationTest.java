package cn.beijing.carboninclusion.project;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.sql.Connection;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Flyway migration 66.1 writes the site key of the projects filed before it existed, as the platform writes it for a new
 * one; it ran when the schema was migrated (flyway_schema_history), and running it again changes nothing else.
 */
class ProjectSiteKeysMigrationTest extends PlatformIntegrationTest {
  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;

  @Test
  void projectsFiledBeforeTheSiteKeyGetTheirs() throws Exception {
    assertThat(jdbc.queryForList("select version from flyway_schema_history where success", String.class))
        .contains("66", "66.1", "67");
    Long id = jdbc.queryForObject("select min(id) from project where address is not null", Long.class);
    String district = jdbc.queryForObject("select district from project where id = ?", String.class, id);
    String address = jdbc.queryForObject("select address from project where id = ?", String.class, id);
    jdbc.update("update project set site_key = null where id = ?", id);

    try (Connection connection = dataSource.getConnection()) {
      new ProjectSiteKeysMigration().migrate(new Context() {
        @Override
        public Configuration getConfiguration() {
          return null;
        }

        @Override
        public Connection getConnection() {
          return connection;
        }
      });
    }

    assertThat(jdbc.queryForObject("select site_key from project where id = ?", String.class, id))
        .isEqualTo(SiteAddress.key(district, address)).isNotNull();
  }
}
