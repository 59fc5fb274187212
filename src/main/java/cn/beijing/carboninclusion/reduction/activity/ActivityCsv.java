package cn.beijing.carboninclusion.reduction.activity;

import cn.beijing.carboninclusion.common.CsvLines;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads an activity file line by line and validates every line, holding one line at a time: a line is at most
 * {@value #MAX_LINE_CHARS} characters, so memory does not grow with the file.
 *
 * <p>The file: UTF-8 (an optional byte order mark), comma-separated, a header naming the columns
 * {@code participant_id, trip_id, mode, distance_km, timestamp} in any order, one trip per line. A field may be
 * quoted ({@code "a,b"}, {@code ""} for a quote) but may not span lines. Blank lines are skipped; line numbers count
 * every line, the header being line 1.
 */
final class ActivityCsv {
  static final String PARTICIPANT_ID = "participant_id";
  static final String TRIP_ID = "trip_id";
  static final String MODE = "mode";
  static final String DISTANCE_KM = "distance_km";
  static final String TIMESTAMP = "timestamp";
  static final List<String> COLUMNS = List.of(PARTICIPANT_ID, TRIP_ID, MODE, DISTANCE_KM, TIMESTAMP);
  static final int MAX_LINE_CHARS = 4096;
  static final int MAX_TRIP_ID_CHARS = 100;
  private static final String NOT_UTF8 = "含有无效的 UTF-8 字节 (not valid UTF-8)";

  /** ISO-8601 date-time, with an offset ({@code 2024-05-01T08:30:00+08:00}, {@code …Z}) or without one. */
  private static final DateTimeFormatter TIMESTAMP_FORMAT = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
      .optionalStart().appendOffsetId().optionalEnd()
      .toFormatter(Locale.ROOT);

  /** Receives each line's outcome, in file order. */
  interface Sink {
    void accept(ActivityRecord record);

    void reject(RowError error);
  }

  private final Set<String> modes;
  private final BigDecimal maxDistanceKm;
  private final String modeList;

  /**
   * @param modes the allowed travel modes, or {@code null} to accept any non-blank mode
   * @param maxDistanceKm the longest distance a line may declare
   */
  ActivityCsv(Set<String> modes, BigDecimal maxDistanceKm) {
    this.modes = modes == null ? null : Set.copyOf(modes);
    this.maxDistanceKm = maxDistanceKm;
    this.modeList = modes == null ? "" : String.join(", ", new TreeSet<>(modes));
  }

  /**
   * Reads the whole file (see {@link #utf8}); returns the number of records accepted (lines with errors are not
   * counted).
   */
  long read(Reader reader, Sink sink) throws IOException {
    CsvLines lines = new CsvLines(reader, MAX_LINE_CHARS);
    if (!lines.next()) {
      sink.reject(new RowError(1, "file", "文件为空 (empty file: a header line is required)"));
      return 0;
    }
    List<String> names = new ArrayList<>();
    int[] columnAt = header(lines, names, sink);
    if (columnAt == null) {
      return 0;
    }
    int width = names.size();
    long accepted = 0;
    List<String> fields = new ArrayList<>(width + 1);
    while (lines.next()) {
      long line = lines.number();
      if (lines.isBlank()) {
        continue;
      }
      if (lines.tooLong()) {
        sink.reject(new RowError(line, "row", "行过长 (line longer than " + MAX_LINE_CHARS + " characters)"));
        continue;
      }
      if (lines.malformed()) {
        sink.reject(new RowError(line, "row", NOT_UTF8));
        continue;
      }
      String problem = lines.split(fields);
      if (problem != null) {
        sink.reject(new RowError(line, "row", problem));
        continue;
      }
      if (fields.size() != width) {
        sink.reject(new RowError(line, "row",
            "字段数应为 " + width + "，实际为 " + fields.size() + " (expected " + width + " fields, found "
                + fields.size() + ")"));
        continue;
      }
      ActivityRecord record = record(line, fields, columnAt, sink);
      if (record != null) {
        sink.accept(record);
        accepted++;
      }
    }
    return accepted;
  }

  /**
   * A reader of UTF-8 bytes. Malformed bytes become U+FFFD, which no activity file contains: a line with one is an
   * error of that line.
   */
  static Reader utf8(InputStream in) {
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  /** Maps each required column to its position; reports what is wrong with the header. */
  private static int[] header(CsvLines lines, List<String> names, Sink sink) {
    String problem = lines.tooLong() ? "表头过长 (header line too long)"
        : lines.malformed() ? NOT_UTF8 : lines.split(names);
    if (problem != null) {
      sink.reject(new RowError(1, "row", problem));
      return null;
    }
    int[] columnAt = new int[COLUMNS.size()];
    Arrays.fill(columnAt, -1);
    boolean ok = true;
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).toLowerCase(Locale.ROOT);
      int column = COLUMNS.indexOf(name);
      if (column >= 0) {
        if (columnAt[column] >= 0) {
          sink.reject(new RowError(1, name, "表头中该列重复 (column appears twice in the header)"));
          ok = false;
        }
        columnAt[column] = i;
      }
    }
    for (int column = 0; column < COLUMNS.size(); column++) {
      if (columnAt[column] < 0) {
        sink.reject(new RowError(1, COLUMNS.get(column), "表头缺少该列 (column missing from the header; expected "
            + String.join(",", COLUMNS) + ")"));
        ok = false;
      }
    }
    return ok ? columnAt : null;
  }

  private ActivityRecord record(long line, List<String> fields, int[] columnAt, Sink sink) {
    boolean ok = true;
    String participantId = fields.get(columnAt[0]);
    if (participantId.isEmpty()) {
      ok = missing(line, PARTICIPANT_ID, sink);
    }
    String tripId = fields.get(columnAt[1]);
    if (tripId.isEmpty()) {
      ok = missing(line, TRIP_ID, sink);
    } else if (tripId.length() > MAX_TRIP_ID_CHARS) {
      sink.reject(new RowError(line, TRIP_ID, "行程编号过长 (trip id longer than " + MAX_TRIP_ID_CHARS
          + " characters)"));
      ok = false;
    }
    String mode = fields.get(columnAt[2]);
    if (mode.isEmpty()) {
      ok = missing(line, MODE, sink);
    } else if (modes != null && !modes.contains(mode)) {
      sink.reject(new RowError(line, MODE, "出行方式不在方法学的排放因子表中 (unknown mode '" + abbreviate(mode)
          + "'; allowed: " + modeList + ")"));
      ok = false;
    }
    BigDecimal distanceKm = distance(line, fields.get(columnAt[3]), sink);
    ok &= distanceKm != null;
    Temporal timestamp = timestamp(line, fields.get(columnAt[4]), sink);
    ok &= timestamp != null;
    return ok ? new ActivityRecord(line, participantId, tripId, mode, distanceKm, timestamp) : null;
  }

  private BigDecimal distance(long line, String value, Sink sink) {
    if (value.isEmpty()) {
      missing(line, DISTANCE_KM, sink);
      return null;
    }
    BigDecimal distance;
    try {
      distance = new BigDecimal(value);
    } catch (NumberFormatException e) {
      sink.reject(new RowError(line, DISTANCE_KM, "不是数字 (not a number: '" + abbreviate(value) + "')"));
      return null;
    }
    if (distance.signum() <= 0) {
      sink.reject(new RowError(line, DISTANCE_KM, "距离须大于 0 (distance must be greater than 0)"));
      return null;
    }
    if (distance.compareTo(maxDistanceKm) > 0) {
      sink.reject(new RowError(line, DISTANCE_KM, "距离超过上限 " + maxDistanceKm.toPlainString()
          + " 公里 (distance above the maximum of " + maxDistanceKm.toPlainString() + " km)"));
      return null;
    }
    return distance;
  }

  private static Temporal timestamp(long line, String value, Sink sink) {
    if (value.isEmpty()) {
      missing(line, TIMESTAMP, sink);
      return null;
    }
    try {
      return (Temporal) TIMESTAMP_FORMAT.parseBest(value, OffsetDateTime::from, LocalDateTime::from);
    } catch (DateTimeParseException e) {
      sink.reject(new RowError(line, TIMESTAMP, "不是 ISO-8601 日期时间 (not an ISO-8601 date-time such as "
          + "2024-05-01T08:30:00+08:00 or 2024-05-01T08:30:00: '" + abbreviate(value) + "')"));
      return null;
    }
  }

  private static boolean missing(long line, String field, Sink sink) {
    sink.reject(new RowError(line, field, "必填 (required)"));
    return false;
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }
}
