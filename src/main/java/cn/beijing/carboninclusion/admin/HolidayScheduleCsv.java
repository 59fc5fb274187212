package cn.beijing.carboninclusion.admin;

import cn.beijing.carboninclusion.calendar.DayType;
import cn.beijing.carboninclusion.calendar.HolidayEntry;
import cn.beijing.carboninclusion.common.CsvLines;
import java.io.IOException;
import java.io.Reader;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and checks one year's holiday schedule in the format of the bundled holiday file
 * ({@code calendar/holidays-cn.csv}): UTF-8, a header {@code date,type,name}, then one line per date that deviates
 * from the Monday-to-Friday rule — an ISO date, {@code HOLIDAY} (a day off, weekends inside a holiday block included)
 * or {@code WORKDAY} (a make-up working day, 调休上班, only on a Saturday or Sunday), and the name as published. Blank
 * lines and lines starting with {@code #} are skipped. Every problem is reported as {@code line N: column}; the file is
 * taken only when there is none.
 *
 * <p>The checks: every date lies in the year uploaded (one year per upload); a date appears once; a make-up working
 * day falls on a weekend; a holiday is not on a weekend day alone — a weekend day is listed as a holiday only next to
 * another listed holiday (inside a holiday block) or is 1 January or 31 December (a block across the new year), since
 * a lone Saturday or Sunday is off anyway and is a typing error;
 * the name is 1 to 100 characters without control characters; the year has at least one holiday (every year has 元旦
 * and 春节); at most 366 lines.
 */
final class HolidayScheduleCsv {
  static final String HEADER = "date,type,name";
  static final int MAX_LINE_CHARS = 1024;
  static final int MAX_NAME = 100;
  static final int MAX_REPORTED = 100;

  /** The outcome: the days in the file's order when {@code errors} is empty. */
  record Read(List<HolidayEntry> days, Map<String, String> errors, boolean truncated) {}

  private final int year;
  private final Map<String, String> errors = new LinkedHashMap<>();
  private boolean truncated;

  HolidayScheduleCsv(int year) {
    this.year = year;
  }

  Read read(Reader reader) throws IOException {
    CsvLines lines = new CsvLines(reader, MAX_LINE_CHARS);
    List<String> fields = new ArrayList<>();
    List<HolidayEntry> days = new ArrayList<>();
    Map<LocalDate, Long> lineOf = new HashMap<>();
    boolean header = false;
    while (lines.next()) {
      long line = lines.number();
      if (lines.isBlank()) {
        continue;
      }
      String problem = lines.tooLong() ? "行过长 (line longer than " + MAX_LINE_CHARS + " characters)"
          : lines.malformed() ? "含有无效的 UTF-8 字节 (not valid UTF-8)" : lines.split(fields);
      if (problem != null) {
        reject(line, "row", problem);
        continue;
      }
      if (fields.get(0).startsWith("#")) {
        continue;
      }
      if (!header) {
        if (!HEADER.equals(String.join(",", fields).toLowerCase(Locale.ROOT))) {
          reject(line, "row", "表头应为 " + HEADER + " (expected the header '" + HEADER + "')");
          return new Read(List.of(), errors, truncated);
        }
        header = true;
        continue;
      }
      if (fields.size() != 3) {
        reject(line, "row", "字段数应为 3，实际为 " + fields.size() + " (expected 3 fields: " + HEADER + ")");
        continue;
      }
      HolidayEntry entry = row(line, fields);
      if (entry == null) {
        continue;
      }
      Long earlier = lineOf.putIfAbsent(entry.date(), line);
      if (earlier != null) {
        reject(line, "date", "日期 " + entry.date() + " 与第 " + earlier + " 行重复 (already listed on line " + earlier
            + ")");
        continue;
      }
      days.add(entry);
      if (days.size() > 366) {
        reject(line, "row", "一年至多 366 行 (at most 366 dates in a year)");
        return new Read(List.of(), errors, truncated);
      }
    }
    if (!header) {
      reject(1, "file", "文件为空，须有表头行 " + HEADER + " (empty file: the header line is required)");
    } else if (errors.isEmpty()) {
      loneWeekendHolidays(days, lineOf);
      if (days.stream().noneMatch(d -> d.type() == DayType.HOLIDAY)) {
        reject(1, "file", year + " 年的节假日安排中没有节假日 (the schedule lists no HOLIDAY)");
      }
    }
    return new Read(errors.isEmpty() ? List.copyOf(days) : List.of(), errors, truncated);
  }

  private HolidayEntry row(long line, List<String> fields) {
    boolean ok = true;
    LocalDate date = null;
    try {
      date = LocalDate.parse(fields.get(0));
      if (date.getYear() != year) {
        ok = reject(line, "date", date + " 不在 " + year + " 年内；每次上传一个年度 (not in " + year
            + "; upload one year at a time)");
      }
    } catch (DateTimeParseException e) {
      ok = reject(line, "date", "不是 ISO 日期 yyyy-MM-dd (not an ISO date: '" + abbreviate(fields.get(0)) + "')");
    }
    DayType type = null;
    try {
      type = DayType.valueOf(fields.get(1));
    } catch (IllegalArgumentException e) {
      ok = reject(line, "type", "类型应为 HOLIDAY（放假）或 WORKDAY（调休上班） (type '" + abbreviate(fields.get(1))
          + "' is neither HOLIDAY nor WORKDAY)");
    }
    if (date != null && type == DayType.WORKDAY && !weekend(date)) {
      ok = reject(line, "type", date + " 是" + weekday(date) + "，调休上班日只能在周六或周日 (a make-up working day must"
          + " fall on a weekend; " + date + " is a " + date.getDayOfWeek() + ")");
    }
    String name = fields.get(2);
    if (name.isEmpty()) {
      ok = reject(line, "name", "必填，如「春节」 (required)");
    } else if (name.codePointCount(0, name.length()) > MAX_NAME) {
      ok = reject(line, "name", "超过 " + MAX_NAME + " 个字符 (longer than " + MAX_NAME + " characters)");
    } else if (name.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0xFFFE || c == 0xFFFF)) {
      ok = reject(line, "name", "含有控制字符 (control characters)");
    }
    return ok ? new HolidayEntry(date, type, name) : null;
  }

  /**
   * A weekend day listed as a holiday must touch another listed holiday (it is inside a holiday block), except on 1
   * January and 31 December, whose block may continue in the other year's schedule (元旦 of 2023 began on Saturday 31
   * December 2022).
   */
  private void loneWeekendHolidays(List<HolidayEntry> days, Map<LocalDate, Long> lineOf) {
    Map<LocalDate, DayType> types = new HashMap<>();
    days.forEach(d -> types.put(d.date(), d.type()));
    for (HolidayEntry day : days) {
      boolean atTheYearsEdge = day.date().minusDays(1).getYear() != year || day.date().plusDays(1).getYear() != year;
      if (day.type() == DayType.HOLIDAY && weekend(day.date()) && !atTheYearsEdge
          && types.get(day.date().minusDays(1)) != DayType.HOLIDAY
          && types.get(day.date().plusDays(1)) != DayType.HOLIDAY) {
        reject(lineOf.get(day.date()), "date", day.date() + " 是" + weekday(day.date()) + "，本就休息；只有假期中的周末"
            + "才列为 HOLIDAY (a weekend day is listed as a holiday only inside a holiday block)");
      }
    }
  }

  private boolean reject(long line, String column, String message) {
    if (errors.size() >= MAX_REPORTED) {
      truncated = true;
    } else {
      errors.putIfAbsent("line " + line + ": " + column, message);
    }
    return false;
  }

  static boolean weekend(LocalDate date) {
    return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  private static String weekday(LocalDate date) {
    return "星期" + "一二三四五六日".charAt(date.getDayOfWeek().getValue() - 1);
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }
}
