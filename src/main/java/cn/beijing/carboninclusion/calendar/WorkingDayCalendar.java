package cn.beijing.carboninclusion.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Objects;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Working-day arithmetic on top of the {@link HolidayCalendar}: deadlines such as "within 20
 * working days" (20个工作日内) and the number of working days between two dates.
 *
 * <p>Days are counted in the configured zone ({@code carbon-inclusion.calendar.zone}, default
 * {@value CalendarProperties#DEFAULT_ZONE}); instants keep their local time of day in that zone.
 */
@Component
public class WorkingDayCalendar {

  private final HolidayCalendar holidays;
  private final ZoneId zone;

  @Autowired
  public WorkingDayCalendar(HolidayCalendar holidays, CalendarProperties properties) {
    this(holidays, properties.zone());
  }

  public WorkingDayCalendar(HolidayCalendar holidays, ZoneId zone) {
    this.holidays = Objects.requireNonNull(holidays, "holidays");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** The zone in which days are counted. */
  public ZoneId zone() {
    return zone;
  }

  /** Whether the date is a working day; see {@link HolidayCalendar#isWorkingDay(LocalDate)}. */
  public boolean isWorkingDay(LocalDate date) {
    return holidays.isWorkingDay(date);
  }

  /**
   * The {@code n}-th working day after {@code from}; {@code from} itself is never counted, whether
   * or not it is a working day. {@code n == 0} returns {@code from}.
   *
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public LocalDate addWorkingDays(LocalDate from, int n) {
    Objects.requireNonNull(from, "from");
    requireNotNegative(n);
    LocalDate day = from;
    int remaining = n;
    while (remaining > 0) {
      day = day.plusDays(1);
      if (holidays.isWorkingDay(day)) {
        remaining--;
      }
    }
    return day;
  }

  /**
   * The instant {@code n} working days after {@code from}, at the same local time of day in
   * {@link #zone()}; days are counted as in {@link #addWorkingDays(LocalDate, int)}.
   */
  public Instant addWorkingDays(Instant from, int n) {
    Objects.requireNonNull(from, "from");
    ZonedDateTime start = from.atZone(zone);
    LocalDate dueDay = addWorkingDays(start.toLocalDate(), n);
    return ZonedDateTime.of(dueDay, start.toLocalTime(), zone).toInstant();
  }

  /** {@link #addWorkingDays(Instant, int)} for {@link Date}s, as used by the process engine. */
  public Date addWorkingDays(Date from, int n) {
    Objects.requireNonNull(from, "from");
    return Date.from(addWorkingDays(from.toInstant(), n));
  }

  /**
   * The number of working days {@code d} with {@code a < d <= b}, so that
   * {@code workingDaysBetween(a, addWorkingDays(a, n)) == n}. Negative when {@code b} is before
   * {@code a}; zero when they are equal.
   */
  public int workingDaysBetween(LocalDate a, LocalDate b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    if (b.isBefore(a)) {
      return -workingDaysBetween(b, a);
    }
    int count = 0;
    for (LocalDate day = a.plusDays(1); !day.isAfter(b); day = day.plusDays(1)) {
      if (holidays.isWorkingDay(day)) {
        count++;
      }
    }
    return count;
  }

  private static void requireNotNegative(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("number of working days must not be negative: " + n);
    }
  }
}
