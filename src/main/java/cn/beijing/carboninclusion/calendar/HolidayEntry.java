package cn.beijing.carboninclusion.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One row of the holiday file: a date whose working-day status deviates from the weekday rule.
 *
 * @param date the calendar date
 * @param type whether the date is a day off ({@link DayType#HOLIDAY}) or a make-up working day
 *     ({@link DayType#WORKDAY})
 * @param name the holiday's name as published, e.g. {@code 春节}
 */
public record HolidayEntry(LocalDate date, DayType type, String name) {

  public HolidayEntry {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
  }
}
