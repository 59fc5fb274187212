package cn.beijing.carboninclusion.project;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 66.1 (after {@code V66__project_site.sql}): writes the site key ({@link SiteAddress#key}) of every
 * project filed before the key existed, with the same normalisation the platform applies to each new one. Spring
 * Boot hands every {@link JavaMigration} bean to Flyway; it runs once, in the migration's transaction, on PostgreSQL
 * and H2 alike.
 */
@Component
class ProjectSiteKeysMigration implements JavaMigration {

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("66.1");
  }

  @Override
  public String getDescription() {
    return "project site keys";
  }

  @Override
  public Integer getChecksum() {
    return 661;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    try (PreparedStatement select = connection.prepareStatement(
            "select id, district, address from project where address is not null and site_key is null");
        PreparedStatement update = connection.prepareStatement("update project set site_key = ? where id = ?");
        ResultSet rows = select.executeQuery()) {
      int batched = 0;
      while (rows.next()) {
        String key = SiteAddress.key(rows.getString("district"), rows.getString("address"));
        if (key == null) {
          continue;
        }
        update.setString(1, key);
        update.setLong(2, rows.getLong("id"));
        update.addBatch();
        if (++batched % 1000 == 0) {
          update.executeBatch();
        }
      }
      update.executeBatch();
    }
  }
}
