package cn.beijing.carboninclusion.calendar;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Month;
import org.springframework.stereotype.Component;

/**
 * Whether the holiday schedules cover what the deadlines need: the current year always, and from 1 November (in the
 * calendar's zone) the next year too — the State Council publishes the next year's holidays around late October or
 * November, and deadlines computed in November and December already run into it. Read by the health indicator
 * ({@code /actuator/health}, component {@code holidaySchedule}) and the Cockpit KPI dashboard.
 */
@Component
public class HolidayCoverage {
  /** From this day of each year Y, year Y + 1 must have a schedule. */
  public static final int WARN_FROM_MONTH = Month.NOVEMBER.getValue();

  private final HolidayCalendar calendar;
  private final Clock clock;
  private final CalendarProperties properties;

  HolidayCoverage(HolidayCalendar calendar, Clock clock, CalendarProperties properties) {
    this.calendar = calendar;
    this.clock = clock;
    this.properties = properties;
  }

  /**
   * The coverage today. {@code warning} is null when nothing is missing, else what the bureau should upload.
   *
   * @param today the date in the calendar's zone
   * @param missingYear the year without a schedule that the warning is about, or null
   */
  public record Coverage(LocalDate today, java.util.SortedSet<Integer> coveredYears, Integer missingYear,
      String warning) {
    public boolean ok() {
      return warning == null;
    }
  }

  public Coverage now() {
    LocalDate today = LocalDate.now(clock.withZone(properties.zone()));
    java.util.SortedSet<Integer> covered = calendar.coveredYears();
    int year = today.getYear();
    if (!covered.contains(year)) {
      return new Coverage(today, covered, year, year + " 年节假日安排尚未上传，工作日期限仅按周末计算"
          + " (no holiday schedule for " + year + "; deadlines count weekends only): POST /api/holiday-schedules/"
          + year);
    }
    if (today.getMonthValue() >= WARN_FROM_MONTH && !covered.contains(year + 1)) {
      return new Coverage(today, covered, year + 1, (year + 1) + " 年节假日安排尚未上传，跨入 " + (year + 1)
          + " 年的工作日期限不计节假日和调休 (no holiday schedule for " + (year + 1) + " yet; deadlines that run into it"
          + " ignore its holidays): 国务院办公厅公布后请上传 POST /api/holiday-schedules/" + (year + 1));
    }
    return new Coverage(today, covered, null, null);
  }
}
