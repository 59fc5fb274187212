package cn.beijing.carboninclusion.project.external;

import cn.beijing.carboninclusion.common.CsvTable;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Reads a list of external registrations line by line, holding one line of at most {@value #MAX_LINE_CHARS}
 * characters at a time, and checks every field of every line.
 *
 * <p>The file: UTF-8 (an optional byte order mark), comma-separated, a header naming the columns in any order
 * (case-insensitive; other columns are ignored): {@code source, external_id, name, district, address,
 * registered_on} and, optionally, {@code latitude, longitude}. A field may be quoted ({@code "a,b"}, {@code ""} for
 * a quote) but may not span lines. Blank lines are skipped; the header is line 1.
 */
final class ExternalRegistrationCsv {
  static final String SOURCE = "source";
  static final String EXTERNAL_ID = "external_id";
  static final String NAME = "name";
  static final String DISTRICT = "district";
  static final String ADDRESS = "address";
  static final String LATITUDE = "latitude";
  static final String LONGITUDE = "longitude";
  static final String REGISTERED_ON = "registered_on";
  static final List<String> REQUIRED = List.of(SOURCE, EXTERNAL_ID, NAME, DISTRICT, ADDRESS, REGISTERED_ON);
  static final List<String> COLUMNS = List.of(SOURCE, EXTERNAL_ID, NAME, DISTRICT, ADDRESS, LATITUDE, LONGITUDE,
      REGISTERED_ON);
  static final int MAX_LINE_CHARS = 4096;
  private static final CsvTable TABLE = new CsvTable(COLUMNS, REQUIRED, MAX_LINE_CHARS);

  /** One line that holds. */
  record Row(long line, ExternalSource source, String externalId, String name, String district, String address,
      BigDecimal latitude, BigDecimal longitude, LocalDate registeredOn) {}

  /** What is wrong with one field of one line ({@code column}: a column, or {@code row} / {@code file}). */
  record Problem(long line, String column, String message) {}

  /** Receives each line's outcome, in file order. */
  interface Sink {
    void accept(Row row);

    void reject(Problem problem);
  }

  private final LocalDate listDate;

  /** @param listDate the date of the list: no registration in it is later */
  ExternalRegistrationCsv(LocalDate listDate) {
    this.listDate = listDate;
  }

  /** Reads the whole file; returns the number of lines that hold. */
  long read(Reader reader, Sink sink) throws IOException {
    return TABLE.readRows(reader, p -> sink.reject(new Problem(p.line(), p.column(), p.message())),
        columnAt -> latitudeAndLongitudeTogether(columnAt, sink), (line, fields, columnAt) -> row(line, fields, columnAt, sink), sink::accept);
  }

  /** Coordinates are optional, but come as a pair. */
  private static boolean latitudeAndLongitudeTogether(int[] columnAt, Sink sink) {
    if ((columnAt[COLUMNS.indexOf(LATITUDE)] < 0) != (columnAt[COLUMNS.indexOf(LONGITUDE)] < 0)) {
      String missing = columnAt[COLUMNS.indexOf(LATITUDE)] < 0 ? LATITUDE : LONGITUDE;
      sink.reject(new Problem(1, missing, "纬度和经度两列须同时给出 (latitude and longitude come together)"));
      return false;
    }
    return true;
  }

  private Row row(long line, List<String> fields, int[] at, Sink sink) {
    boolean ok = true;
    ExternalSource source = null;
    String sourceText = field(fields, at, SOURCE);
    if (sourceText.isEmpty()) {
      ok = missing(line, SOURCE, sink);
    } else {
      source = ExternalSource.of(sourceText).orElse(null);
      if (source == null) {
        ok = reject(line, SOURCE, ExternalSource.squeeze(sourceText).equals("CNBJ")
            ? "北京市的项目在本平台登记，不作为外部登记导入 (Beijing's projects are registered on this platform)"
            : "不是可导入的来源：「" + abbreviate(sourceText) + "」，应为 " + ExternalSource.allowed()
                + " (unknown source)", sink);
      }
    }
    String externalId = text(line, fields, at, EXTERNAL_ID, 100, sink);
    ok &= externalId != null;
    if (externalId != null && ExternalSource.squeeze(externalId).isEmpty()) {
      ok = reject(line, EXTERNAL_ID, "登记编号须含字母或数字 (the identifier has no letter or digit)", sink);
    }
    String name = text(line, fields, at, NAME, 200, sink);
    ok &= name != null;
    String district = text(line, fields, at, DISTRICT, 60, sink);
    ok &= district != null;
    String address = text(line, fields, at, ADDRESS, 300, sink);
    ok &= address != null;
    BigDecimal latitude = null;
    BigDecimal longitude = null;
    if (at[COLUMNS.indexOf(LATITUDE)] >= 0) {
      String lat = field(fields, at, LATITUDE);
      String lon = field(fields, at, LONGITUDE);
      if (lat.isEmpty() != lon.isEmpty()) {
        ok = reject(line, lat.isEmpty() ? LATITUDE : LONGITUDE,
            "纬度和经度须同时给出或同时留空 (latitude and longitude come together)", sink);
      } else if (!lat.isEmpty()) {
        latitude = degrees(line, LATITUDE, lat, 2, 90, sink);
        longitude = degrees(line, LONGITUDE, lon, 3, 180, sink);
        ok &= latitude != null && longitude != null;
      }
    }
    LocalDate registeredOn = null;
    String date = field(fields, at, REGISTERED_ON);
    if (date.isEmpty()) {
      ok = missing(line, REGISTERED_ON, sink);
    } else {
      try {
        registeredOn = LocalDate.parse(date);
        if (registeredOn.isAfter(listDate)) {
          ok = reject(line, REGISTERED_ON, "登记日期 " + registeredOn + " 晚于清单日期 " + listDate
              + " (registered after the date of the list)", sink);
        } else if (registeredOn.getYear() < 1990) {
          ok = reject(line, REGISTERED_ON, "登记日期早于 1990 年 (before 1990)", sink);
        }
      } catch (DateTimeParseException e) {
        ok = reject(line, REGISTERED_ON, "不是 ISO 日期，如 2024-06-30 (not a date such as 2024-06-30: '"
            + abbreviate(date) + "')", sink);
      }
    }
    return ok ? new Row(line, source, externalId, name, district, address, latitude, longitude, registeredOn)
        : null;
  }

  private static String field(List<String> fields, int[] at, String column) {
    return fields.get(at[COLUMNS.indexOf(column)]);
  }

  /** A required text field: present, at most {@code max} characters, no control characters; null if not. */
  private static String text(long line, List<String> fields, int[] at, String column, int max, Sink sink) {
    String value = field(fields, at, column);
    if (value.isEmpty()) {
      missing(line, column, sink);
      return null;
    }
    if (value.codePointCount(0, value.length()) > max) {
      reject(line, column, "超过 " + max + " 个字符 (longer than " + max + " characters)", sink);
      return null;
    }
    if (value.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0xFFFE || c == 0xFFFF)) {
      reject(line, column, "含有控制字符 (control characters)", sink);
      return null;
    }
    return value;
  }

  private static BigDecimal degrees(long line, String column, String value, int integerDigits, int bound,
      Sink sink) {
    BigDecimal number;
    try {
      number = new BigDecimal(value);
    } catch (NumberFormatException e) {
      reject(line, column, "不是数字 (not a number: '" + abbreviate(value) + "')", sink);
      return null;
    }
    if (number.abs().compareTo(BigDecimal.valueOf(bound)) > 0) {
      reject(line, column, "应在 -" + bound + " 至 " + bound + " 度之间 (out of range)", sink);
      return null;
    }
    if (number.scale() > 7 || number.precision() - number.scale() > integerDigits) {
      reject(line, column, "最多 7 位小数 (at most 7 decimal digits)", sink);
      return null;
    }
    return number;
  }

  private static boolean missing(long line, String column, Sink sink) {
    return reject(line, column, "必填 (required)", sink);
  }

  private static boolean reject(long line, String column, String message, Sink sink) {
    sink.reject(new Problem(line, column, message));
    return false;
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }
}
