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
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PRC public-holiday calendar: says whether a date is a working day, applying the State
 * Council's holidays and make-up working days (调休) on top of the Monday-to-Friday rule.
 *
 * <p>The platform's calendar (the bean, {@link CalendarConfiguration}) reads the holiday schedules the bureau
 * uploads, the newest version of each year, from the database ({@link HolidaySchedules}); it keeps them in memory and
 * sees a new upload at once on the node that stored it and within {@code carbon-inclusion.calendar.refresh-interval}
 * on every other node. A calendar built from a holiday file (format described in {@link HolidayFileParser}) is fixed:
 * the operator's file at {@code carbon-inclusion.calendar.holiday-file} when that property is set, otherwise the
 * bundled {@value #CLASSPATH_HOLIDAY_FILE} (the database's initial content). A year that has no schedule is not
 * covered: its dates follow the plain weekday rule and a warning is logged once per year, because the result then
 * ignores holidays that have not been published or loaded yet.
 *
 * <p>Thread-safe.
 */
public class HolidayCalendar {

  /** Classpath location of the bundled holiday file. */
  public static final String CLASSPATH_HOLIDAY_FILE = "calendar/holidays-cn.csv";

  private static final Logger LOG = LoggerFactory.getLogger(HolidayCalendar.class);

  private final Supplier<Schedule> schedule;
  private final Set<String> yearsWarnedAbout = ConcurrentHashMap.newKeySet();

  /**
   * The dates of a holiday file, or of the schedules in force: each date that deviates from the weekday rule, the
   * years covered, and where they come from.
   */
  record Schedule(String source, Map<LocalDate, HolidayEntry> entries, SortedSet<Integer> coveredYears) {
    Schedule {
      entries = Collections.unmodifiableMap(new TreeMap<>(entries));
      coveredYears = Collections.unmodifiableSortedSet(new TreeSet<>(coveredYears));
    }

    static Schedule of(String source, Map<LocalDate, HolidayEntry> entries) {
      TreeSet<Integer> years = new TreeSet<>();
      entries.keySet().forEach(date -> years.add(date.getYear()));
      return new Schedule(source, entries, years);
    }
  }

  /**
   * Loads the holiday file named by the properties, or the bundled one when none is named (a calendar fixed at
   * construction; the platform's calendar reads the schedules in the database, {@link HolidaySchedules}).
   *
   * @throws MalformedHolidayFileException if the file is missing, unreadable or has a bad row
   */
  public HolidayCalendar(CalendarProperties properties) {
    this(fixed(read(properties)));
  }

  /** A calendar whose dates come from {@code schedule}, asked on every lookup (it may change while the calendar lives). */
  HolidayCalendar(Supplier<Schedule> schedule) {
    this.schedule = schedule;
  }

  private static Supplier<Schedule> fixed(Loaded loaded) {
    Schedule schedule = Schedule.of(loaded.source(), loaded.entries());
    LOG.info("Holiday calendar loaded from {}: {} dates covering years {}", schedule.source(),
        schedule.entries().size(), schedule.coveredYears());
    if (schedule.coveredYears().isEmpty()) {
      LOG.warn("Holiday file {} lists no dates; every date will follow the plain weekday rule", schedule.source());
    }
    return () -> schedule;
  }

  /** The file named by the properties, or the bundled one: the platform's initial schedules (its seed). */
  static Loaded read(CalendarProperties properties) {
    return properties.hasExternalHolidayFile() ? readFile(Path.of(properties.holidayFile()))
        : readClasspath(CLASSPATH_HOLIDAY_FILE);
  }

  /** The calendar from the bundled classpath file. */
  public static HolidayCalendar fromClasspath() {
    return new HolidayCalendar(CalendarProperties.defaults());
  }

  /** The calendar from a holiday file on the filesystem. */
  public static HolidayCalendar fromFile(Path file) {
    return new HolidayCalendar(fixed(readFile(file)));
  }

  /**
   * Whether people work on this date: Saturdays and Sundays are off unless listed as
   * {@link DayType#WORKDAY}, other days are working days unless listed as {@link DayType#HOLIDAY}.
   * Logs a warning (once per year) when the date's year is not covered by the file.
   */
  public boolean isWorkingDay(LocalDate date) {
    Schedule current = schedule.get();
    warnIfNotCovered(current, date.getYear());
    HolidayEntry entry = current.entries().get(date);
    if (entry != null) {
      return entry.type() == DayType.WORKDAY;
    }
    return !HolidayFileParser.isWeekend(date);
  }

  /** The holiday-file row for this date, if the date deviates from the weekday rule. */
  public Optional<HolidayEntry> entryFor(LocalDate date) {
    return Optional.ofNullable(schedule.get().entries().get(date));
  }

  /** Whether the holiday file lists any date in this year. */
  public boolean covers(int year) {
    return schedule.get().coveredYears().contains(year);
  }

  /** The years for which the holiday file lists dates, ascending. */
  public SortedSet<Integer> coveredYears() {
    return schedule.get().coveredYears();
  }

  /** Where the holiday dates were read from (a filesystem path or a classpath location). */
  public String source() {
    return schedule.get().source();
  }

  private void warnIfNotCovered(Schedule current, int year) {
    if (!current.coveredYears().contains(year) && yearsWarnedAbout.add(current.source() + "/" + year)) {
      LOG.warn("Year {} is not covered by the holiday schedules of {} (covers {}); counting only Monday to Friday as"
          + " working days. Upload that year's State Council holiday notice (POST /api/holiday-schedules/{}).", year,
          current.source(), current.coveredYears(), year);
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

  record Loaded(String source, Map<LocalDate, HolidayEntry> entries) {
  }
}
