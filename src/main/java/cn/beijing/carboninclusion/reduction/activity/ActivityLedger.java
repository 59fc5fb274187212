package cn.beijing.carboninclusion.reduction.activity;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The activity tables on one JDBC connection, inside the caller's transaction: a staging table of the upload's
 * trip ids (a temporary table, gone at the end of the transaction), the set-based checks against it, and the
 * recording of an accepted upload in {@code activity_upload} and {@code claimed_activity}.
 *
 * <p>On PostgreSQL the trip ids reach the staging table through {@code COPY … FROM STDIN} and the claims are
 * written with {@code INSERT … ON CONFLICT DO NOTHING}, so an id claimed meanwhile by a concurrent upload is
 * counted, not fatal to the transaction; elsewhere (H2) through JDBC batches and a plain insert.
 */
abstract sealed class ActivityLedger {
  static final String STAGING = "activity_staging";

  /** Trip ids that appear on an earlier line of the same file. */
  private static final String DUPLICATES_IN_FILE = """
      select s.line, s.trip_id, d.first_line
      from activity_staging s
      join (select trip_id, min(line) as first_line from activity_staging group by trip_id having count(*) > 1) d
        on d.trip_id = s.trip_id
      where s.line > d.first_line
      order by s.line
      fetch first %d rows only""";

  /** Trip ids already claimed by another application (any project). */
  private static final String CLAIMED_ELSEWHERE = """
      select s.line, s.trip_id
      from activity_staging s
      join claimed_activity c on c.activity_id = s.trip_id
      where c.application_id <> ?
      order by s.line
      fetch first %d rows only""";

  protected final Connection connection;

  private ActivityLedger(Connection connection) {
    this.connection = connection;
  }

  /** The ledger for this connection's database. */
  static ActivityLedger on(Connection connection) throws SQLException {
    return connection.isWrapperFor(PGConnection.class) ? new Postgres(connection) : new Portable(connection);
  }

  /** Creates the (empty) staging table of this transaction. */
  abstract void openStaging() throws SQLException;

  /** Adds a record's trip id, its participant's pseudonym and its reduction to the staging table (buffered). */
  abstract void stage(long line, String tripId, String pseudonym, BigDecimal reduction) throws SQLException;

  /** Writes what is buffered; the staging table is then complete. */
  abstract void closeStaging() throws SQLException;

  /** Gives up staging half way (the upload failed), leaving the connection fit to roll back. */
  void abandon() {}

  /**
   * Claims every staged trip id for the application; returns how many were claimed. Fewer than staged means some
   * were claimed already (see {@link #duplicatesInFile}, {@link #claimedElsewhere}).
   */
  abstract long claimStaged(Long applicationId, Long projectId) throws SQLException;

  /** Trip ids repeated within the file: an error on each later line. */
  List<RowError> duplicatesInFile(int limit) throws SQLException {
    List<RowError> errors = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(DUPLICATES_IN_FILE.formatted(limit))) {
      while (rs.next()) {
        errors.add(new RowError(rs.getLong(1), ActivityCsv.TRIP_ID, "行程编号与第 " + rs.getLong(3)
            + " 行重复 (trip id '" + rs.getString(2) + "' already on line " + rs.getLong(3) + ")"));
      }
    }
    return errors;
  }

  /** Trip ids that another application (of any project) has claimed. */
  List<RowError> claimedElsewhere(Long applicationId, int limit) throws SQLException {
    List<RowError> errors = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(CLAIMED_ELSEWHERE.formatted(limit))) {
      statement.setLong(1, applicationId);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          errors.add(new RowError(rs.getLong(1), ActivityCsv.TRIP_ID, "该行程已在其他减排量申请中申报 (trip id '"
              + rs.getString(2) + "' already claimed in an earlier reduction application)"));
        }
      }
    }
    return errors;
  }

  /**
   * Credits the staged trips to their participants, set-based: one {@code participant_share} row per pseudonym with
   * the exact sum of its trips' reductions, floored to 6 decimals; then the units of 10⁻⁶ that the floors left out
   * of {@code basis} go one each to the participants with the largest remainders (ties: the smaller pseudonym), so
   * the shares sum exactly to {@code basis}. Returns the number of participants credited.
   */
  long creditParticipants(Long applicationId, Long projectId, BigDecimal basis) throws SQLException {
    long participants;
    try (PreparedStatement statement = connection.prepareStatement("""
        insert into participant_share (application_id, project_id, pseudonym, trips, reduction_exact, credited_tco2e)
        select ?, ?, pseudonym, count(*), sum(reduction), floor(sum(reduction) * 1000000) * 0.000001
        from activity_staging group by pseudonym""")) {
      statement.setLong(1, applicationId);
      statement.setLong(2, projectId);
      participants = statement.executeLargeUpdate();
    }
    BigDecimal floored;
    try (PreparedStatement statement = connection.prepareStatement(
        "select coalesce(sum(credited_tco2e), 0) from participant_share where application_id = ?")) {
      statement.setLong(1, applicationId);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        floored = rs.getBigDecimal(1);
      }
    }
    long units = basis.subtract(floored).movePointRight(ActivityIntake.REDUCTION_SCALE).longValueExact();
    if (units < 0 || units > participants) {
      throw new IllegalStateException("the shares of application " + applicationId + " cannot sum to " + basis
          + " (floored " + floored + ", " + participants + " participants): is the formula additive over trips?");
    }
    if (units > 0) {
      try (PreparedStatement statement = connection.prepareStatement("""
          update participant_share set credited_tco2e = credited_tco2e + 0.000001
          where application_id = ? and pseudonym in (
            select pseudonym from participant_share where application_id = ?
            order by reduction_exact - credited_tco2e desc, pseudonym
            fetch first %d rows only)""".formatted(units))) {
        statement.setLong(1, applicationId);
        statement.setLong(2, applicationId);
        statement.executeLargeUpdate();
      }
    }
    return participants;
  }

  /** Removes an application's claims and upload record (before a new upload replaces them, or on release). */
  long release(Long applicationId) throws SQLException {
    try (PreparedStatement shares = connection.prepareStatement(
        "delete from participant_share where application_id = ?")) {
      shares.setLong(1, applicationId);
      shares.executeLargeUpdate();
    }
    long released;
    try (PreparedStatement claims = connection.prepareStatement(
        "delete from claimed_activity where application_id = ?")) {
      claims.setLong(1, applicationId);
      released = claims.executeLargeUpdate();
    }
    try (PreparedStatement upload = connection.prepareStatement(
        "delete from activity_upload where application_id = ?")) {
      upload.setLong(1, applicationId);
      upload.executeUpdate();
    }
    return released;
  }

  /** Records the accepted upload (one per application: a concurrent second one fails on the unique key). */
  void recordUpload(UploadResult result, Long projectId) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("""
        insert into activity_upload (application_id, project_id, rows, reduction_tco2e, sha256, uploaded_at)
        values (?, ?, ?, ?, ?, ?)""")) {
      statement.setLong(1, result.applicationId());
      statement.setLong(2, projectId);
      statement.setLong(3, result.rows());
      statement.setBigDecimal(4, result.reductionTco2e());
      statement.setString(5, result.sha256());
      statement.setTimestamp(6, Timestamp.from(result.uploadedAt()));
      statement.executeUpdate();
    }
  }

  /** The accepted upload of an application, if any. */
  Optional<UploadResult> find(Long applicationId) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("""
        select rows, reduction_tco2e, sha256, uploaded_at from activity_upload where application_id = ?""")) {
      statement.setLong(1, applicationId);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new UploadResult(applicationId, rs.getLong(1), rs.getBigDecimal(2), rs.getString(3),
            rs.getTimestamp(4).toInstant()));
      }
    }
  }

  /** PostgreSQL: COPY into the staging table, claims with ON CONFLICT DO NOTHING in one order (no deadlocks). */
  static final class Postgres extends ActivityLedger {
    private static final int FLUSH_BYTES = 1 << 16;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_BYTES + 512);
    private CopyIn copy;

    Postgres(Connection connection) {
      super(connection);
    }

    @Override
    void openStaging() throws SQLException {
      try (Statement statement = connection.createStatement()) {
        // sorting and hashing a million ids in memory rather than in temporary files; this transaction only
        statement.execute("set local work_mem = '64MB'");
        statement.execute("create temporary table " + STAGING + " (line bigint not null, trip_id varchar(100) not null,"
            + " pseudonym varchar(64) collate \"C\" not null, reduction numeric(60, 30) not null) on commit drop");
      }
      copy = connection.unwrap(PGConnection.class).getCopyAPI()
          .copyIn("copy " + STAGING + " (line, trip_id, pseudonym, reduction) from stdin");
    }

    @Override
    void stage(long line, String tripId, String pseudonym, BigDecimal reduction) throws SQLException {
      buffer.writeBytes(Long.toString(line).getBytes(StandardCharsets.US_ASCII));
      buffer.write('\t');
      buffer.writeBytes(escape(tripId).getBytes(StandardCharsets.UTF_8));
      buffer.write('\t');
      buffer.writeBytes(pseudonym.getBytes(StandardCharsets.US_ASCII));
      buffer.write('\t');
      buffer.writeBytes(reduction.toPlainString().getBytes(StandardCharsets.US_ASCII));
      buffer.write('\n');
      if (buffer.size() >= FLUSH_BYTES) {
        flush();
      }
    }

    @Override
    void closeStaging() throws SQLException {
      flush();
      copy.endCopy();
      copy = null;
      try (Statement statement = connection.createStatement()) {
        // temporary tables are never analysed automatically; the planner needs the row count for the joins
        statement.execute("analyze " + STAGING);
      }
    }

    /** Ends an unfinished COPY, so the connection can roll back. */
    @Override
    void abandon() {
      if (copy != null && copy.isActive()) {
        try {
          copy.cancelCopy();
        } catch (SQLException ignored) {
          // the transaction rolls back anyway
        }
      }
    }

    @Override
    long claimStaged(Long applicationId, Long projectId) throws SQLException {
      try (PreparedStatement statement = connection.prepareStatement("""
          insert into claimed_activity (activity_id, application_id, project_id)
          select trip_id, ?, ? from activity_staging order by trip_id collate "C"
          on conflict (activity_id) do nothing""")) {
        statement.setLong(1, applicationId);
        statement.setLong(2, projectId);
        return statement.executeLargeUpdate();
      }
    }

    private void flush() throws SQLException {
      if (buffer.size() > 0) {
        copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
        buffer.reset();
      }
    }

    /** COPY text format: backslash, tab, newline and carriage return are escaped. */
    private static String escape(String value) {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
          return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
        }
      }
      return value;
    }
  }

  /** Any other database (the embedded H2): JDBC batches, a plain insert that fails on an id claimed meanwhile. */
  static final class Portable extends ActivityLedger {
    private static final int BATCH = 1000;
    private PreparedStatement insert;
    private int pending;

    Portable(Connection connection) {
      super(connection);
    }

    @Override
    void openStaging() throws SQLException {
      try (Statement statement = connection.createStatement()) {
        // H2: TRANSACTIONAL keeps the open transaction open (other DDL would commit it)
        statement.execute("create local temporary table " + STAGING + " (line bigint not null, trip_id varchar(100) "
            + "not null, pseudonym varchar(64) not null, reduction numeric(60, 30) not null) on commit drop transactional");
      }
      insert = connection.prepareStatement("insert into " + STAGING + " (line, trip_id, pseudonym, reduction) "
          + "values (?, ?, ?, ?)");
    }

    @Override
    void stage(long line, String tripId, String pseudonym, BigDecimal reduction) throws SQLException {
      insert.setLong(1, line);
      insert.setString(2, tripId);
      insert.setString(3, pseudonym);
      insert.setBigDecimal(4, reduction);
      insert.addBatch();
      if (++pending == BATCH) {
        insert.executeBatch();
        pending = 0;
      }
    }

    @Override
    void closeStaging() throws SQLException {
      if (pending > 0) {
        insert.executeBatch();
        pending = 0;
      }
      insert.close();
    }

    @Override
    long claimStaged(Long applicationId, Long projectId) throws SQLException {
      try (PreparedStatement statement = connection.prepareStatement("""
          insert into claimed_activity (activity_id, application_id, project_id)
          select trip_id, ?, ? from activity_staging order by trip_id""")) {
        statement.setLong(1, applicationId);
        statement.setLong(2, projectId);
        return statement.executeLargeUpdate();
      } catch (SQLException e) {
        if ("23505".equals(e.getSQLState())) {
          return 0; // the statement changed nothing; the caller finds out which ids
        }
        throw e;
      }
    }
  }
}
