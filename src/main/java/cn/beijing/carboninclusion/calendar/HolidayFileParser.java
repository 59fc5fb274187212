package cn.beijing.carboninclusion.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the holiday file format: a {@value #HEADER} header, then one row per date with an ISO
 * date, a {@link DayType} and a name. Blank lines and lines starting with {@value #COMMENT_PREFIX}
 * are ignored. Every problem is reported as a {@link MalformedHolidayFileException} naming the line.
 */
final class HolidayFileParser {

  static final String HEADER = "date,type,name";
  static final String COMMENT_PREFIX = "#";
  private static final String SEPARATOR = ",";
  private static final int COLUMNS = 3;
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private HolidayFileParser() {
  }

  /**
   * Parses the whole file.
   *
   * @param reader the file's content; not closed by this method
   * @param source description of the file for error messages
   * @return the entries keyed and sorted by date
   */
  static Map<LocalDate, HolidayEntry> parse(Reader reader, String source) throws IOException {
    BufferedReader lines = new BufferedReader(reader);
    Map<LocalDate, HolidayEntry> entries = new TreeMap<>();
    Map<LocalDate, Integer> lineOfDate = new HashMap<>();
    boolean headerSeen = false;
    int lineNumber = 0;
    String line;
    while ((line = lines.readLine()) != null) {
      lineNumber++;
      String text = stripByteOrderMark(line).strip();
      if (text.isEmpty() || text.startsWith(COMMENT_PREFIX)) {
        continue;
      }
      if (!headerSeen) {
        requireHeader(text, source, lineNumber);
        headerSeen = true;
        continue;
      }
      HolidayEntry entry = parseRow(text, source, lineNumber);
      Integer earlierLine = lineOfDate.putIfAbsent(entry.date(), lineNumber);
      if (earlierLine != null) {
        throw new MalformedHolidayFileException(source, lineNumber,
            "date " + entry.date() + " is already listed on line " + earlierLine);
      }
      entries.put(entry.date(), entry);
    }
    if (!headerSeen) {
      throw new MalformedHolidayFileException(source, MalformedHolidayFileException.NO_LINE,
          "no header line '" + HEADER + "' found");
    }
    return Collections.unmodifiableMap(entries);
  }

  private static void requireHeader(String text, String source, int lineNumber) {
    String normalised = String.join(SEPARATOR, splitColumns(text)).toLowerCase(Locale.ROOT);
    if (!HEADER.equals(normalised)) {
      throw new MalformedHolidayFileException(source, lineNumber,
          "expected header '" + HEADER + "' but found '" + text + "'");
    }
  }

  private static HolidayEntry parseRow(String text, String source, int lineNumber) {
    String[] columns = splitColumns(text);
    if (columns.length != COLUMNS) {
      throw new MalformedHolidayFileException(source, lineNumber,
          "expected " + COLUMNS + " columns (" + HEADER + ") but found " + columns.length + " in '" + text + "'");
    }
    LocalDate date = parseDate(columns[0], source, lineNumber);
    DayType type = parseType(columns[1], source, lineNumber);
    String name = columns[2];
    if (name.isEmpty()) {
      throw new MalformedHolidayFileException(source, lineNumber, "name is empty for " + date);
    }
    if (type == DayType.WORKDAY && !isWeekend(date)) {
      throw new MalformedHolidayFileException(source, lineNumber,
          "WORKDAY " + date + " is a " + date.getDayOfWeek() + "; make-up working days must fall on a weekend");
    }
    return new HolidayEntry(date, type, name);
  }

  private static LocalDate parseDate(String value, String source, int lineNumber) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new MalformedHolidayFileException(source, lineNumber,
          "'" + value + "' is not an ISO date (yyyy-MM-dd)", e);
    }
  }

  private static DayType parseType(String value, String source, int lineNumber) {
    for (DayType type : DayType.values()) {
      if (type.name().equals(value)) {
        return type;
      }
    }
    throw new MalformedHolidayFileException(source, lineNumber,
        "type '" + value + "' is neither " + DayType.HOLIDAY + " nor " + DayType.WORKDAY);
  }

  private static String[] splitColumns(String text) {
    String[] columns = text.split(SEPARATOR, -1);
    for (int i = 0; i < columns.length; i++) {
      columns[i] = columns[i].strip();
    }
    return columns;
  }

  private static String stripByteOrderMark(String line) {
    return !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK ? line.substring(1) : line;
  }

  static boolean isWeekend(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
  }
}
