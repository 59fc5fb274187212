package cn.beijing.carboninclusion.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The PRC public-holiday calendar: says whether a date is a working day, applying the State
 * Council's holidays and make-up working days (调休) on top of the Monday-to-Friday rule.
 *
 * <p>The dates come from a holiday file (format described in {@link HolidayFileParser}), read once
 * at construction: the operator's file at {@code carbon-inclusion.calendar.holiday-file} when that
 * property is set, otherwise the bundled {@value #CLASSPATH_HOLIDAY_FILE}. A year that has no row in
 * the file is not covered: its dates follow the plain weekday rule and a warning is logged once per
 * year, because the result then ignores holidays that have not been published or loaded yet.
 *
 * <p>Immutable and thread-safe.
 */
@Component
public class HolidayCalendar {

  /** Classpath location of the bundled holiday file. */
  public static final String CLASSPATH_HOLIDAY_FILE = "calendar/holidays-cn.csv";

  private static final Logger LOG = LoggerFactory.getLogger(HolidayCalendar.class);

  private final String source;
  private final Map<LocalDate, HolidayEntry> entries;
  private final SortedSet<Integer> coveredYears;
  private final Set<Integer> yearsWarnedAbout = ConcurrentHashMap.newKeySet();

  /**
   * Loads the holiday file named by the properties, or the bundled one when none is named.
   *
   * @throws MalformedHolidayFileException if the file is missing, unreadable or has a bad row
   */
  @Autowired
  public HolidayCalendar(CalendarProperties properties) {
    this(properties.hasExternalHolidayFile()
        ? readFile(Path.of(properties.holidayFile()))
        : readClasspath(CLASSPATH_HOLIDAY_FILE));
  }

  private HolidayCalendar(Loaded loaded) {
    this.source = loaded.source();
    this.entries = loaded.entries();
    TreeSet<Integer> years = new TreeSet<>();
    loaded.entries().keySet().forEach(date -> years.add(date.getYear()));
    this.coveredYears = Collections.unmodifiableSortedSet(years);
    LOG.info("Holiday calendar loaded from {}: {} dates covering years {}", source, entries.size(), coveredYears);
    if (coveredYears.isEmpty()) {
      LOG.warn("Holiday file {} lists no dates; every date will follow the plain weekday rule", source);
    }
  }

  /** The calendar from the bundled classpath file. */
  public static HolidayCalendar fromClasspath() {
    return new HolidayCalendar(CalendarProperties.defaults());
  }

  /** The calendar from a holiday file on the filesystem. */
  public static HolidayCalendar fromFile(Path file) {
    return new HolidayCalendar(readFile(file));
  }

  /**
   * Whether people work on this date: Saturdays and Sundays are off unless listed as
   * {@link DayType#WORKDAY}, other days are working days unless listed as {@link DayType#HOLIDAY}.
   * Logs a warning (once per year) when the date's year is not covered by the file.
   */
  public boolean isWorkingDay(LocalDate date) {
    warnIfNotCovered(date.getYear());
    HolidayEntry entry = entries.get(date);
    if (entry != null) {
      return entry.type() == DayType.WORKDAY;
    }
    return !HolidayFileParser.isWeekend(date);
  }

  /** The holiday-file row for this date, if the date deviates from the weekday rule. */
  public Optional<HolidayEntry> entryFor(LocalDate date) {
    return Optional.ofNullable(entries.get(date));
  }

  /** Whether the holiday file lists any date in this year. */
  public boolean covers(int year) {
    return coveredYears.contains(year);
  }

  /** The years for which the holiday file lists dates, ascending. */
  public SortedSet<Integer> coveredYears() {
    return coveredYears;
  }

  /** Where the holiday dates were read from (a filesystem path or a classpath location). */
  public String source() {
    return source;
  }

  private void warnIfNotCovered(int year) {
    if (!coveredYears.contains(year) && yearsWarnedAbout.add(year)) {
      LOG.warn("Year {} is not covered by holiday file {} (covers {}); counting only Monday to Friday as working days."
          + " Publish that year's State Council holiday notice in the holiday file.", year, source, coveredYears);
    }
  }

  private static Loaded readFile(Path file) {
    String source = file.toAbsolutePath().toString();
    if (!Files.isRegularFile(file)) {
      throw new MalformedHolidayFileException(source, MalformedHolidayFileException.NO_LINE,
          "file does not exist or is not a regular file");
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new Loaded(source, HolidayFileParser.parse(reader, source));
    } catch (IOException e) {
      throw new MalformedHolidayFileException(source, MalformedHolidayFileException.NO_LINE,
          "cannot be read: " + e.getMessage(), e);
    }
  }

  private static Loaded readClasspath(String location) {
    String source = "classpath:" + location;
    InputStream stream = HolidayCalendar.class.getClassLoader().getResourceAsStream(location);
    if (stream == null) {
      throw new MalformedHolidayFileException(source, MalformedHolidayFileException.NO_LINE, "not found on the classpath");
    }
    try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
      return new Loaded(source, HolidayFileParser.parse(reader, source));
    } catch (IOException e) {
      throw new MalformedHolidayFileException(source, MalformedHolidayFileException.NO_LINE,
          "cannot be read: " + e.getMessage(), e);
    }
  }

  private record Loaded(String source, Map<LocalDate, HolidayEntry> entries) {
  }
}
