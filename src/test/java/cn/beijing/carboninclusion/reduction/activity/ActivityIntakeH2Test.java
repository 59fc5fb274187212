package cn.beijing.carboninclusion.reduction.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import cn.beijing.carboninclusion.methodology.MethodologyExamples;
import cn.beijing.carboninclusion.methodology.ReductionFormula;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The portable path (JDBC batches, plain insert) on the embedded default database, H2, migrated by the platform's
 * own Flyway scripts; each test is the caller's transaction, rolled back when the upload is rejected.
 */
class ActivityIntakeH2Test {
  private static final String HEADER = "participant_id,trip_id,mode,distance_km,timestamp\n";
  private static final ReductionFormula TRAVEL =
      ReductionFormula.parse(MethodologyExamples.TRAVEL_FORMULA, MethodologyExamples.TRAVEL_PARAMETERS);

  private static final Pseudonyms.Of PSEUDONYMS = new Pseudonyms.Of(new byte[32]);

  private final String url = "jdbc:h2:mem:activity-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private final ActivityIntake intake = new ActivityIntake(new ActivityDataSettings(new BigDecimal("500"), 2),
      Clock.fixed(Instant.parse("2025-03-01T02:00:00.123456789Z"), ZoneOffset.UTC));
  private Connection connection;
  private long projectA;
  private long projectB;

  @BeforeEach
  void migrate() throws SQLException {
    Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
    connection = DriverManager.getConnection(url, "sa", "");
    try (Statement sql = connection.createStatement()) {
      sql.execute("""
          insert into developer_organisation (credit_code, name, kind, status, created_at)
          values ('91110108MA00000001', '出行科技', 'ENTERPRISE', 'ACTIVE', current_timestamp)""");
      sql.execute("""
          insert into methodology (code, version, name, field, level, status, created_at)
          values ('T', 1, '低碳出行', '交通', 1, 'EFFECTIVE', current_timestamp)""");
    }
    projectA = project("A");
    projectB = project("B");
    connection.setAutoCommit(false);
  }

  @AfterEach
  void close() throws SQLException {
    connection.rollback();
    connection.close();
  }

  @Test
  void aGoodFileIsComputedInChunksAndRecorded() throws SQLException {
    long application = application(projectA);
    String csv = HEADER
        + "p1,T-1,bus,100,2024-05-01T08:00:00+08:00\n"
        + "p1,T-2,rail,250,2024-05-01T18:00:00+08:00\n"
        + "p2,T-3,bicycle,10,2024-05-02T08:00:00\n"
        + "p3,T-4,walk,3,2024-05-02T09:00:00Z\n"
        + "p3,T-5,walk,0.5,2024-05-02T09:30:00Z\n";
    UploadResult result = upload(application, projectA, csv);
    connection.commit();

    // 100×0.052 + 250×0.072 + 10×0.0953 + 3×0.104 + 0.5×0.104 = 24.517 kg = 0.024517 t (chunks of 2, 2 and 1)
    assertThat(result.rows()).isEqualTo(5);
    assertThat(result.reductionTco2e()).isEqualByComparingTo("0.024517");
    assertThat(result.sha256()).isEqualTo(sha256(csv));
    assertThat(result.uploadedAt()).isEqualTo(Instant.parse("2025-03-01T02:00:00.123456Z"));
    assertThat(intake.find(connection, application)).contains(result);
    assertThat(count("select count(*) from claimed_activity where application_id = " + application)).isEqualTo(5);
  }

  @Test
  void aRepeatedTripIdAndOneClaimedByAnotherProjectAreErrorsAndNothingIsRecorded() throws SQLException {
    long first = application(projectA);
    upload(first, projectA, HEADER + "p1,T-10,bus,5,2024-05-01T08:00:00\n");
    connection.commit();

    long second = application(projectB);
    assertThatThrownBy(() -> upload(second, projectB, HEADER
        + "p1,T-11,bus,5,2024-05-01T08:00:00\n"
        + "p1,T-10,bus,5,2024-05-01T08:00:00\n"
        + "p2,T-11,rail,5,2024-05-01T08:00:00\n"))
        .isInstanceOfSatisfying(ActivityUploadRejected.class, rejected -> assertThat(rejected.errors())
            .extracting(RowError::line, RowError::field).containsExactly(tuple(3L, "trip_id"), tuple(4L, "trip_id")));
    connection.rollback();
    assertThat(intake.find(connection, second)).isEmpty();
    assertThat(count("select count(*) from claimed_activity where application_id = " + second)).isZero();
    assertThat(count("select count(*) from activity_upload")).isOne();
  }

  @Test
  void aNewUploadOfTheSameApplicationReplacesTheEarlierOne() throws SQLException {
    long application = application(projectA);
    upload(application, projectA, HEADER + "p1,T-20,bus,5,2024-05-01T08:00:00\np1,T-21,bus,5,2024-05-01T08:00:00\n");
    connection.commit();
    UploadResult replaced = upload(application, projectA, HEADER + "p1,T-21,rail,5,2024-05-01T08:00:00\n");
    connection.commit();
    assertThat(replaced.rows()).isOne();
    assertThat(intake.find(connection, application)).contains(replaced);
    // T-20 is free again: another project may claim it
    long other = application(projectB);
    assertThat(upload(other, projectB, HEADER + "p9,T-20,walk,1,2024-05-01T08:00:00\n").rows()).isOne();
  }

  @Test
  void aFormulaWithoutATableAcceptsAnyMode() throws Exception {
    ReductionFormula perKm = ReductionFormula.parse("sum(for t in activities return t.distanceKm) * EF / 1000",
        "{\"parameters\": [{\"name\": \"EF\", \"value\": 0.1}]}");
    long application = application(projectA);
    UploadResult result = intake.upload(connection, application, projectA, perKm, PSEUDONYMS, stream(HEADER
        + "p1,T-30,scooter,10,2024-05-01T08:00:00\np1,T-31,ferry,20,2024-05-01T08:00:00\n"
        + "p1,T-32,tram,30,2024-05-01T08:00:00\n"));
    assertThat(result.reductionTco2e()).isEqualByComparingTo("0.006");
  }

  private UploadResult upload(long application, long project, String csv) {
    try {
      return intake.upload(connection, application, project, TRAVEL, PSEUDONYMS, stream(csv));
    } catch (SQLException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private long project(String name) throws SQLException {
    try (Statement sql = connection.createStatement()) {
      sql.executeUpdate("""
          insert into project (project_class, methodology_id, developer_id, name, status, district, created_at,
            updated_at) values ('CLASS_I', (select min(id) from methodology), (select min(id) from
            developer_organisation), '%s', 'REGISTERED', '海淀区', current_timestamp, current_timestamp)"""
          .formatted(name), Statement.RETURN_GENERATED_KEYS);
      return generatedKey(sql);
    }
  }

  private long application(long project) throws SQLException {
    try (PreparedStatement sql = connection.prepareStatement("""
        insert into reduction_application (project_id, period_start, period_end, claimed_tco2e, status, submitted_at)
        values (?, date '2024-01-01', date '2024-12-31', 0, 'SUBMITTED', current_timestamp)""",
        Statement.RETURN_GENERATED_KEYS)) {
      sql.setLong(1, project);
      sql.executeUpdate();
      return generatedKey(sql);
    }
  }

  private static long generatedKey(Statement statement) throws SQLException {
    try (ResultSet keys = statement.getGeneratedKeys()) {
      keys.next();
      return keys.getLong(1);
    }
  }

  private long count(String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static ByteArrayInputStream stream(String csv) {
    return new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256(String csv) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(csv.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
