package cn.beijing.carboninclusion.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;

import org.junit.jupiter.api.Test;

/** Expected dates were worked out by hand from the 2025 and 2026 State Council notices. */
class WorkingDayCalendarTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private final WorkingDayCalendar calendar = new WorkingDayCalendar(HolidayCalendar.fromClasspath(), SHANGHAI);

  @Test
  void spring2026FestivalSpan() {
    LocalDate thursday = LocalDate.of(2026, 2, 12);
    // Fri 2-13 (1), Sat 2-14 make-up day (2), 2-15..2-23 off, Tue 2-24 (3), Wed 2-25 (4), Thu 2-26 (5)
    assertThat(calendar.addWorkingDays(thursday, 1)).isEqualTo(LocalDate.of(2026, 2, 13));
    assertThat(calendar.addWorkingDays(thursday, 2)).isEqualTo(LocalDate.of(2026, 2, 14));
    assertThat(calendar.addWorkingDays(thursday, 3)).isEqualTo(LocalDate.of(2026, 2, 24));
    assertThat(calendar.addWorkingDays(thursday, 5)).isEqualTo(LocalDate.of(2026, 2, 26));
    assertThat(calendar.addWorkingDays(thursday, 6)).isEqualTo(LocalDate.of(2026, 2, 27));
    // Sat 2-28 is the second make-up day, Sun 3-01 is off
    assertThat(calendar.addWorkingDays(thursday, 7)).isEqualTo(LocalDate.of(2026, 2, 28));
    assertThat(calendar.addWorkingDays(thursday, 8)).isEqualTo(LocalDate.of(2026, 3, 2));
  }

  @Test
  void spring2025FestivalSpan() {
    LocalDate friday = LocalDate.of(2025, 1, 24);
    // Sat 1-25 off, Sun 1-26 make-up (1), Mon 1-27 (2), 1-28..2-04 off, 2-05 (3), 2-06 (4), 2-07 (5),
    // Sat 2-08 make-up (6), Sun 2-09 off, Mon 2-10 (7)
    assertThat(calendar.addWorkingDays(friday, 1)).isEqualTo(LocalDate.of(2025, 1, 26));
    assertThat(calendar.addWorkingDays(friday, 2)).isEqualTo(LocalDate.of(2025, 1, 27));
    assertThat(calendar.addWorkingDays(friday, 3)).isEqualTo(LocalDate.of(2025, 2, 5));
    assertThat(calendar.addWorkingDays(friday, 5)).isEqualTo(LocalDate.of(2025, 2, 7));
    assertThat(calendar.addWorkingDays(friday, 6)).isEqualTo(LocalDate.of(2025, 2, 8));
    assertThat(calendar.addWorkingDays(friday, 7)).isEqualTo(LocalDate.of(2025, 2, 10));
  }

  @Test
  void makeUpSaturdayCountsAsWorkingDay() {
    assertThat(calendar.addWorkingDays(LocalDate.of(2025, 2, 7), 1)).isEqualTo(LocalDate.of(2025, 2, 8));
    assertThat(calendar.addWorkingDays(LocalDate.of(2026, 2, 13), 1)).isEqualTo(LocalDate.of(2026, 2, 14));
  }

  @Test
  void weekendIsSkipped() {
    // Fri 2025-03-14 -> Mon 2025-03-17
    assertThat(calendar.addWorkingDays(LocalDate.of(2025, 3, 14), 1)).isEqualTo(LocalDate.of(2025, 3, 17));
    // starting on a Saturday: the Saturday itself is not counted
    assertThat(calendar.addWorkingDays(LocalDate.of(2025, 3, 15), 1)).isEqualTo(LocalDate.of(2025, 3, 17));
  }

  @Test
  void nationalDay2025() {
    LocalDate friday = LocalDate.of(2025, 9, 26);
    // Sat 9-27 off, Sun 9-28 make-up (1), 9-29 (2), 9-30 (3), 10-01..10-08 off, 10-09 (4), 10-10 (5),
    // Sat 10-11 make-up (6), Sun 10-12 off, Mon 10-13 (7)
    assertThat(calendar.addWorkingDays(friday, 1)).isEqualTo(LocalDate.of(2025, 9, 28));
    assertThat(calendar.addWorkingDays(friday, 4)).isEqualTo(LocalDate.of(2025, 10, 9));
    assertThat(calendar.addWorkingDays(friday, 6)).isEqualTo(LocalDate.of(2025, 10, 11));
    assertThat(calendar.addWorkingDays(friday, 7)).isEqualTo(LocalDate.of(2025, 10, 13));
  }

  @Test
  void nationalDayAndMidAutumn2026() {
    // 中秋 9-25..9-27: Thu 9-24 + 1 -> Mon 9-28
    assertThat(calendar.addWorkingDays(LocalDate.of(2026, 9, 24), 1)).isEqualTo(LocalDate.of(2026, 9, 28));
    // 国庆 10-01..10-07: Wed 9-30 -> Thu 10-08 (1), Fri 10-09 (2), Sat 10-10 make-up (3), Mon 10-12 (4)
    LocalDate wednesday = LocalDate.of(2026, 9, 30);
    assertThat(calendar.addWorkingDays(wednesday, 1)).isEqualTo(LocalDate.of(2026, 10, 8));
    assertThat(calendar.addWorkingDays(wednesday, 3)).isEqualTo(LocalDate.of(2026, 10, 10));
    assertThat(calendar.addWorkingDays(wednesday, 4)).isEqualTo(LocalDate.of(2026, 10, 12));
  }

  @Test
  void zeroWorkingDaysIsTheStartDate() {
    assertThat(calendar.addWorkingDays(LocalDate.of(2026, 2, 15), 0)).isEqualTo(LocalDate.of(2026, 2, 15));
  }

  @Test
  void negativeWorkingDaysAreRejected() {
    assertThatThrownBy(() -> calendar.addWorkingDays(LocalDate.of(2025, 3, 14), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void instantKeepsTimeOfDayInShanghai() {
    Instant start = ZonedDateTime.of(2026, 2, 12, 16, 45, 30, 0, SHANGHAI).toInstant();
    Instant due = calendar.addWorkingDays(start, 5);
    assertThat(due).isEqualTo(ZonedDateTime.of(2026, 2, 26, 16, 45, 30, 0, SHANGHAI).toInstant());
  }

  @Test
  void instantCountsDaysInShanghaiNotUtc() {
    // 2025-02-07T17:30Z is already Saturday 2025-02-08 01:30 in Beijing (a make-up working day)
    Instant start = Instant.parse("2025-02-07T17:30:00Z");
    assertThat(calendar.addWorkingDays(start, 1))
        .isEqualTo(ZonedDateTime.of(2025, 2, 10, 1, 30, 0, 0, SHANGHAI).toInstant());
  }

  @Test
  void dateVariantMatchesInstantVariant() {
    Instant start = ZonedDateTime.of(2025, 9, 30, 9, 0, 0, 0, SHANGHAI).toInstant();
    Date due = calendar.addWorkingDays(Date.from(start), 1);
    assertThat(due.toInstant()).isEqualTo(ZonedDateTime.of(2025, 10, 9, 9, 0, 0, 0, SHANGHAI).toInstant());
  }

  @Test
  void workingDaysBetween() {
    assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 2, 12), LocalDate.of(2026, 2, 26))).isEqualTo(5);
    assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 2, 26), LocalDate.of(2026, 2, 12))).isEqualTo(-5);
    assertThat(calendar.workingDaysBetween(LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 8))).isZero();
    assertThat(calendar.workingDaysBetween(LocalDate.of(2025, 3, 14), LocalDate.of(2025, 3, 14))).isZero();
  }

  @Test
  void bothYearsHave248WorkingDays() {
    // 261 weekdays - 18 weekday holidays + 5 make-up days (2025); 261 - 19 + 6 (2026)
    assertThat(calendar.workingDaysBetween(LocalDate.of(2024, 12, 31), LocalDate.of(2025, 12, 31))).isEqualTo(248);
    assertThat(calendar.workingDaysBetween(LocalDate.of(2025, 12, 31), LocalDate.of(2026, 12, 31))).isEqualTo(248);
  }

  @Test
  void workingDaysBetweenInvertsAddWorkingDays() {
    LocalDate start = LocalDate.of(2025, 1, 20);
    for (int n = 0; n <= 300; n++) {
      assertThat(calendar.workingDaysBetween(start, calendar.addWorkingDays(start, n))).isEqualTo(n);
    }
  }
}
