package cn.beijing.carboninclusion.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two nodes on one PostgreSQL: the platform's calendar (this node, which stores the version) and a second node's
 * calendar, a cache of its own over the same database with a clock the test moves. The storing node sees the new
 * version right after the commit; the other one at its next refresh, and not before; a rolled-back version is seen by
 * neither.
 */
class HolidayScheduleNodesTest extends PlatformIntegrationTest {
  private static final LocalDate NATIONAL_DAY = LocalDate.of(2093, 10, 2); // a Friday

  @Autowired HolidaySchedules schedules;
  @Autowired HolidayCalendar thisNode;
  @Autowired PlatformTransactionManager transactionManager;

  @Test
  void anotherNodeSeesAnUploadAtItsNextRefreshTheStoringNodeAtOnce() {
    AtomicLong nanos = new AtomicLong();
    HolidayCalendar otherNode = new HolidayCalendar(
        new CalendarConfiguration.CachedSchedule(schedules, Duration.ofSeconds(5), nanos::get));
    assertThat(thisNode.isWorkingDay(NATIONAL_DAY)).isTrue();
    assertThat(otherNode.isWorkingDay(NATIONAL_DAY)).isTrue();
    TransactionTemplate transaction = new TransactionTemplate(transactionManager);

    // rolled back: nobody sees it
    transaction.executeWithoutResult(status -> {
      store();
      status.setRollbackOnly();
    });
    nanos.addAndGet(Duration.ofSeconds(6).toNanos());
    assertThat(thisNode.isWorkingDay(NATIONAL_DAY)).isTrue();
    assertThat(otherNode.isWorkingDay(NATIONAL_DAY)).isTrue();

    transaction.executeWithoutResult(status -> store());
    assertThat(thisNode.isWorkingDay(NATIONAL_DAY)).as("the storing node, right after the commit").isFalse();
    assertThat(otherNode.isWorkingDay(NATIONAL_DAY)).as("the other node, within its refresh interval").isTrue();
    nanos.addAndGet(Duration.ofSeconds(4).toNanos());
    assertThat(otherNode.isWorkingDay(NATIONAL_DAY)).isTrue();
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(otherNode.isWorkingDay(NATIONAL_DAY)).as("the other node, after its refresh interval").isFalse();
    assertThat(otherNode.covers(2093)).isTrue();
    assertThat(schedules.versions(2093)).hasSize(1);
  }

  /**
   * The holiday file (bundled, or the operator's carbon-inclusion.calendar.holiday-file) is only the initial content:
   * a year of the file without a schedule is stored as version 1 by "system"; a year that has one is left alone, and
   * seeding again (a restart, another node) stores nothing.
   */
  @Test
  void theHolidayFileSeedsOnlyTheYearsThatHaveNoScheduleYet() {
    schedules.store(2091, List.of(new HolidayEntry(LocalDate.of(2091, 1, 1), DayType.HOLIDAY, "元旦（上传）")),
        HolidaySchedules.UPLOAD, "2091.csv", "1".repeat(64), "zhangwei", Instant.now());
    HolidayCalendar.Loaded file = new HolidayCalendar.Loaded("/etc/carbon-inclusion/holidays-cn.csv", Map.of(
        LocalDate.of(2091, 1, 1), new HolidayEntry(LocalDate.of(2091, 1, 1), DayType.HOLIDAY, "元旦（文件）"),
        LocalDate.of(2092, 1, 1), new HolidayEntry(LocalDate.of(2092, 1, 1), DayType.HOLIDAY, "元旦（文件）"),
        LocalDate.of(2092, 1, 5), new HolidayEntry(LocalDate.of(2092, 1, 5), DayType.WORKDAY, "调休（文件）")));
    TransactionTemplate transaction = new TransactionTemplate(transactionManager);

    CalendarConfiguration.seed(schedules, file, transaction, Clock.systemUTC());
    CalendarConfiguration.seed(schedules, file, transaction, Clock.systemUTC());

    assertThat(schedules.versions(2091)).singleElement().satisfies(v -> assertThat(v.uploadedBy()).isEqualTo("zhangwei"));
    assertThat(schedules.versions(2092)).singleElement().satisfies(v -> {
      assertThat(v.uploadedBy()).isEqualTo(HolidaySchedules.SYSTEM);
      assertThat(v.source()).isEqualTo("/etc/carbon-inclusion/holidays-cn.csv");
      assertThat(v.days()).isEqualTo(2);
      assertThat(v.sha256()).hasSize(64);
    });
    assertThat(thisNode.entryFor(LocalDate.of(2091, 1, 1)).orElseThrow().name()).isEqualTo("元旦（上传）");
    assertThat(thisNode.isWorkingDay(LocalDate.of(2092, 1, 5))).isTrue();
  }

  private void store() {
    schedules.store(2093, List.of(new HolidayEntry(LocalDate.of(2093, 1, 1), DayType.HOLIDAY, "元旦"),
            new HolidayEntry(NATIONAL_DAY, DayType.HOLIDAY, "国庆节")), HolidaySchedules.UPLOAD, "t.csv",
        "0".repeat(64), "zhangwei", Instant.now());
  }
}
