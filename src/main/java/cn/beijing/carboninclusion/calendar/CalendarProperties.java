package cn.beijing.carboninclusion.calendar;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Operator settings of the working-day calendar, bound from {@code carbon-inclusion.calendar.*}.
 *
 * @param holidayFile filesystem path of a holiday file that replaces the one bundled on the
 *     classpath ({@value HolidayCalendar#CLASSPATH_HOLIDAY_FILE}) as the initial content of the
 *     holiday schedules: each of its years is stored once, when the year has no schedule in the
 *     database yet; after that the bureau uploads ({@code POST /api/holiday-schedules/{year}}).
 *     Blank or absent means "use the bundled file". Property key
 *     {@code carbon-inclusion.calendar.holiday-file}.
 * @param zone time zone in which working days are counted and times of day are preserved.
 *     Property key {@code carbon-inclusion.calendar.zone}, default {@value #DEFAULT_ZONE}.
 */
@ConfigurationProperties(prefix = CalendarProperties.PREFIX)
public record CalendarProperties(String holidayFile, @DefaultValue(CalendarProperties.DEFAULT_ZONE) ZoneId zone) {

  /** Prefix of all calendar property keys. */
  public static final String PREFIX = "carbon-inclusion.calendar";

  /** Zone used when {@code carbon-inclusion.calendar.zone} is not set. */
  public static final String DEFAULT_ZONE = "Asia/Shanghai";

  /** Normalises a blank holiday file to {@code null} and a missing zone to {@link #DEFAULT_ZONE}. */
  public CalendarProperties {
    holidayFile = holidayFile == null || holidayFile.isBlank() ? null : holidayFile.strip();
    zone = zone == null ? ZoneId.of(DEFAULT_ZONE) : zone;
  }

  /** Settings as they are when nothing is configured: bundled holiday file, zone {@value #DEFAULT_ZONE}. */
  public static CalendarProperties defaults() {
    return new CalendarProperties(null, null);
  }

  /** Whether an operator-supplied holiday file replaces the bundled one. */
  public boolean hasExternalHolidayFile() {
    return holidayFile != null;
  }
}
