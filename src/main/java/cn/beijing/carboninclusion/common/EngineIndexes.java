package cn.beijing.carboninclusion.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The platform's own indexes on the engine's tables ({@code ACT_RU_*}; docs/operations.md, "Indexes on the engine's
 * tables"): Flyway migrations in {@code db/engine/<vendor>} with a history table of their own,
 * {@code flyway_engine_history}, run right after the engine has created or upgraded its schema.
 *
 * <p>They cannot be migrations of the domain's Flyway: Spring Boot migrates the domain schema before JPA starts, and
 * the engine — whose transactions are JPA's — is built after that, so on an empty database the engine's tables do
 * not exist yet when the domain's migrations run. The engine's {@code postProcessEngineBuild} comes after its schema
 * operations ({@code camunda.bpm.database.schema-update}) and before it deploys or serves anything. An existing
 * database gets a baseline at version 54 (the engine's tables as Camunda made them) and then every newer migration.
 * The embedded H2 database has none (one node, demo volumes).
 */
@Component
class EngineIndexes extends AbstractProcessEnginePlugin {
  static final String HISTORY_TABLE = "flyway_engine_history";
  private static final Logger log = LoggerFactory.getLogger(EngineIndexes.class);

  private final DataSource dataSource;

  EngineIndexes(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    String location = "db/engine/" + vendor();
    if (!hasMigrations(location)) {
      return;
    }
    var result = Flyway.configure(getClass().getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:" + location)
        .table(HISTORY_TABLE)
        .baselineOnMigrate(true)
        .baselineVersion("54")
        .baselineDescription("engine tables as Camunda creates them")
        .load()
        .migrate();
    if (result.migrationsExecuted > 0) {
      log.info("engine tables: {} index migration(s) of the platform applied, now at version {}",
          result.migrationsExecuted, result.targetSchemaVersion);
    }
  }

  private String vendor() {
    try (Connection connection = dataSource.getConnection()) {
      return DatabaseDriver.fromJdbcUrl(connection.getMetaData().getURL()).getId();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the database's kind", e);
    }
  }

  private static boolean hasMigrations(String location) {
    try {
      return new PathMatchingResourcePatternResolver().getResources("classpath*:" + location + "/V*.sql").length > 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
