package cn.beijing.carboninclusion.calendar;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The holiday schedules (节假日安排) in the database, one version per upload of a year (Flyway V71): the newest version
 * of each year is in force. Versions are written once, whole, and never changed; {@link #store} appends the next
 * version of a year in the caller's transaction. The platform's {@link HolidayCalendar} reads them through
 * {@link #current()} and a short cache ({@link CalendarConfiguration}).
 */
@Component
@DependsOnDatabaseInitialization
public class HolidaySchedules {
  /** {@code uploaded_by} of the versions the platform seeded from a holiday file at its first start. */
  public static final String SYSTEM = "system";
  /** {@code source} of an upload through the API. */
  public static final String UPLOAD = "upload";

  private final JdbcTemplate jdbc;
  private final List<Runnable> onCommit = new ArrayList<>();

  HolidaySchedules(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** One stored version of a year's schedule. */
  public record Version(long id, int year, int version, String source, String fileName, String sha256, int days,
      String uploadedBy, Instant uploadedAt) {}

  /** A year's schedule in force: its newest version. */
  public record Year(int year, Version current, int versions) {}

  /**
   * Changes whenever a version is committed: the number of versions and the highest id. Versions are never deleted,
   * so a commit always changes it, whatever the order in which concurrent uploads drew their ids and committed.
   */
  record Fingerprint(long count, long maxId) {}

  /**
   * Appends the next version of {@code year} with these days, in the caller's transaction (all or nothing). Two
   * uploads of one year at the same moment: the second to commit fails on the unique (year, version) and stores
   * nothing. The calendar of this node reloads right after the commit.
   *
   * @throws IllegalArgumentException if a day lies outside {@code year}
   */
  public Version store(int year, List<HolidayEntry> days, String source, String fileName, String sha256,
      String uploadedBy, Instant uploadedAt) {
    for (HolidayEntry day : days) {
      if (day.date().getYear() != year) {
        throw new IllegalArgumentException(day.date() + " is not in " + year);
      }
    }
    Integer last = jdbc.queryForObject(
        "select max(version) from holiday_schedule_version where schedule_year = ?", Integer.class, year);
    int version = last == null ? 1 : last + 1;
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      var statement = connection.prepareStatement("""
          insert into holiday_schedule_version (schedule_year, version, source, file_name, sha256, day_count,
            uploaded_by, uploaded_at) values (?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
      statement.setInt(1, year);
      statement.setInt(2, version);
      statement.setString(3, source);
      statement.setString(4, fileName);
      statement.setString(5, sha256);
      statement.setInt(6, days.size());
      statement.setString(7, uploadedBy);
      statement.setTimestamp(8, Timestamp.from(uploadedAt));
      return statement;
    }, key);
    long id = Objects.requireNonNull(key.getKey()).longValue();
    List<HolidayEntry> rows = List.copyOf(days);
    jdbc.batchUpdate("""
        insert into holiday_schedule_day (version_id, holiday_date, day_type, name) values (?, ?, ?, ?)""",
        new BatchPreparedStatementSetter() {
          @Override
          public void setValues(java.sql.PreparedStatement statement, int i) throws SQLException {
            statement.setLong(1, id);
            statement.setObject(2, rows.get(i).date());
            statement.setString(3, rows.get(i).type().name());
            statement.setString(4, rows.get(i).name());
          }

          @Override
          public int getBatchSize() {
            return rows.size();
          }
        });
    afterCommit();
    return version(id);
  }

  /** The years that have a schedule, ascending, each with its version in force. */
  public List<Year> years() {
    Map<Integer, Integer> counts = new HashMap<>();
    jdbc.query("select schedule_year, count(*) from holiday_schedule_version group by schedule_year",
        rs -> {
          counts.put(rs.getInt(1), rs.getInt(2));
        });
    return jdbc.query(SELECT + " " + """
         where v.version = (select max(w.version) from holiday_schedule_version w
                             where w.schedule_year = v.schedule_year)
         order by v.schedule_year""", (rs, i) -> version(rs)).stream()
        .map(v -> new Year(v.year(), v, counts.getOrDefault(v.year(), 0))).toList();
  }

  /** Every version of a year, newest first (empty when the year has none). */
  public List<Version> versions(int year) {
    return jdbc.query(SELECT + " where v.schedule_year = ? order by v.version desc", (rs, i) -> version(rs), year);
  }

  /** The days of one version, by date. */
  public List<HolidayEntry> days(long versionId) {
    return jdbc.query("""
        select holiday_date, day_type, name from holiday_schedule_day where version_id = ? order by holiday_date""",
        (rs, i) -> entry(rs), versionId);
  }

  /** The days in force: the newest version of every year. */
  HolidayCalendar.Schedule current() {
    Map<LocalDate, HolidayEntry> entries = new HashMap<>();
    jdbc.query("""
        select d.holiday_date, d.day_type, d.name
          from holiday_schedule_day d
          join holiday_schedule_version v on v.id = d.version_id
         where v.version = (select max(w.version) from holiday_schedule_version w
                             where w.schedule_year = v.schedule_year)""", rs -> {
          HolidayEntry entry = entry(rs);
          entries.put(entry.date(), entry);
        });
    TreeSet<Integer> years = new TreeSet<>(jdbc.queryForList(
        "select distinct schedule_year from holiday_schedule_version", Integer.class));
    return new HolidayCalendar.Schedule(DATABASE, entries, years);
  }

  /** What changes with every committed version (one cheap query: the cache asks it at most once per interval). */
  Fingerprint fingerprint() {
    return jdbc.queryForObject("select count(*), coalesce(max(id), 0) from holiday_schedule_version",
        (rs, i) -> new Fingerprint(rs.getLong(1), rs.getLong(2)));
  }

  /** Runs {@code listener} after each commit of a version stored by this node (the calendar's cache reloads). */
  void onCommit(Runnable listener) {
    synchronized (onCommit) {
      onCommit.add(listener);
    }
  }

  /** How the calendar names the schedules of the database (logs). */
  static final String DATABASE = "the database (holiday_schedule_version)";

  private static final String SELECT = """
      select v.id, v.schedule_year, v.version, v.source, v.file_name, v.sha256, v.day_count, v.uploaded_by,
             v.uploaded_at
        from holiday_schedule_version v""";

  private Version version(long id) {
    return jdbc.queryForObject(SELECT + " where v.id = ?", (rs, i) -> version(rs), id);
  }

  private static Version version(ResultSet rs) throws SQLException {
    return new Version(rs.getLong("id"), rs.getInt("schedule_year"), rs.getInt("version"), rs.getString("source"),
        rs.getString("file_name"), rs.getString("sha256"), rs.getInt("day_count"), rs.getString("uploaded_by"),
        rs.getTimestamp("uploaded_at").toInstant());
  }

  private static HolidayEntry entry(ResultSet rs) throws SQLException {
    return new HolidayEntry(rs.getObject(1, LocalDate.class), DayType.valueOf(rs.getString(2)), rs.getString(3));
  }

  private void afterCommit() {
    List<Runnable> listeners;
    synchronized (onCommit) {
      listeners = List.copyOf(onCommit);
    }
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          listeners.forEach(Runnable::run);
        }
      });
    } else {
      listeners.forEach(Runnable::run);
    }
  }
}
