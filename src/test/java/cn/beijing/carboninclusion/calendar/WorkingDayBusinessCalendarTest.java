package cn.beijing.carboninclusion.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkingDayBusinessCalendarTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  /** An ordinary Wednesday without holidays nearby. */
  private static final Date WEDNESDAY_10AM = at(2025, 3, 12, 10, 0);
  private static final Date MONDAY_10AM = at(2025, 3, 17, 10, 0);

  private final WorkingDayCalendar workingDays = new WorkingDayCalendar(HolidayCalendar.fromClasspath(), SHANGHAI);
  private final WorkingDayBusinessCalendar duration =
      new WorkingDayBusinessCalendar(workingDays, new DurationBusinessCalendar());
  private final WorkingDayBusinessCalendar dueDate =
      new WorkingDayBusinessCalendar(workingDays, new DueDateBusinessCalendar());

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void threeWorkingDaysFromWednesdayIsMonday() {
    // Thu 3-13 (1), Fri 3-14 (2), weekend, Mon 3-17 (3)
    assertThat(duration.resolveDuedate("P3WD", WEDNESDAY_10AM)).isEqualTo(MONDAY_10AM);
    assertThat(dueDate.resolveDuedate("P3WD", WEDNESDAY_10AM)).isEqualTo(MONDAY_10AM);
  }

  @Test
  void withoutStartDateTheEngineClockIsNow() {
    ClockUtil.setCurrentTime(WEDNESDAY_10AM);
    assertThat(duration.resolveDuedate("P3WD")).isEqualTo(MONDAY_10AM);
    assertThat(duration.resolveDuedate("P3WD", (Date) null)).isEqualTo(MONDAY_10AM);
    assertThat(dueDate.resolveDuedate("P3WD", (Task) null)).isEqualTo(MONDAY_10AM);
  }

  @Test
  void workingDaysSkipHolidays() {
    // Wed 2025-04-30, 5-01..5-05 off: Tue 5-06 (1), Wed 5-07 (2), Thu 5-08 (3)
    assertThat(duration.resolveDuedate("P3WD", at(2025, 4, 30, 15, 30))).isEqualTo(at(2025, 5, 8, 15, 30));
    // 20 working days from Thu 2026-02-12: 2-13, 2-14, 2-24..2-27 (6), 2-28 (7), 3-02..3-06 (12),
    // 3-09..3-13 (17), 3-16, 3-17, 3-18 (20)
    assertThat(dueDate.resolveDuedate("P20WD", at(2026, 2, 12, 9, 0))).isEqualTo(at(2026, 3, 18, 9, 0));
  }

  @Test
  void isoDurationStillWorks() {
    assertThat(duration.resolveDuedate("PT1H", WEDNESDAY_10AM)).isEqualTo(at(2025, 3, 12, 11, 0));
    // a calendar day duration ignores working days: Wed + P5D = Mon
    assertThat(dueDate.resolveDuedate("P5D", WEDNESDAY_10AM)).isEqualTo(at(2025, 3, 17, 10, 0));
  }

  @Test
  void isoDurationWithoutStartUsesEngineClock() {
    ClockUtil.setCurrentTime(WEDNESDAY_10AM);
    assertThat(duration.resolveDuedate("PT1H")).isEqualTo(Date.from(WEDNESDAY_10AM.toInstant().plus(Duration.ofHours(1))));
  }

  @Test
  void plainDateStillWorks() {
    assertThat(dueDate.resolveDuedate("2025-06-03T09:30:00+08:00")).isEqualTo(at(2025, 6, 3, 9, 30));
    assertThat(dueDate.resolveDuedate("2025-06-03T09:30:00+08:00", WEDNESDAY_10AM)).isEqualTo(at(2025, 6, 3, 9, 30));
  }

  @Test
  void recognisesOnlyTheWorkingDaySyntax() {
    assertThat(WorkingDayBusinessCalendar.parseWorkingDays("P20WD")).contains(20);
    assertThat(WorkingDayBusinessCalendar.parseWorkingDays(" P3WD ")).contains(3);
    assertThat(WorkingDayBusinessCalendar.parseWorkingDays("P3D")).isEmpty();
    assertThat(WorkingDayBusinessCalendar.parseWorkingDays("PT3H")).isEmpty();
    assertThat(WorkingDayBusinessCalendar.parseWorkingDays("P-3WD")).isEmpty();
    assertThat(WorkingDayBusinessCalendar.parseWorkingDays("PWD")).isEmpty();
    assertThat(WorkingDayBusinessCalendar.parseWorkingDays(null)).isEmpty();
  }

  @Test
  void tooManyWorkingDaysIsAnEngineError() {
    assertThatThrownBy(() -> duration.resolveDuedate("P99999999999WD", WEDNESDAY_10AM))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("P99999999999WD");
  }

  @Test
  void unknownExpressionFailsInTheDelegateAsBefore() {
    assertThatThrownBy(() -> duration.resolveDuedate("P3XY", WEDNESDAY_10AM))
        .isInstanceOf(ProcessEngineException.class);
  }

  private static Date at(int year, int month, int day, int hour, int minute) {
    return Date.from(ZonedDateTime.of(year, month, day, hour, minute, 0, 0, SHANGHAI).toInstant());
  }
}
