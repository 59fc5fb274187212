package cn.beijing.carboninclusion.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * One audit period of a project: [start, endExclusive), aligned on period boundaries counted from 1 January, and the
 * moment its report is due ({@code reportDueDays} calendar days after the period ends, at the start of that day).
 */
record AuditPeriod(LocalDate start, LocalDate endExclusive, Instant dueAt, String label) {

  /** The period in which a project registered on {@code day} starts its audit obligations. */
  static AuditPeriod containing(LocalDate day, AuditSettings settings, ZoneId zone) {
    int months = settings.periodMonths();
    LocalDate boundary = day.withDayOfYear(1).plusMonths((long) (day.getMonthValue() - 1) / months * months);
    return of(day, boundary.plusMonths(months), settings, zone);
  }

  /** The period after this one. */
  AuditPeriod next(AuditSettings settings, ZoneId zone) {
    return of(endExclusive, endExclusive.plusMonths(settings.periodMonths()), settings, zone);
  }

  /** When the period ends (the timer of the process): the start of its first day after. */
  Instant endsAt(ZoneId zone) {
    return endExclusive.atStartOfDay(zone).toInstant();
  }

  private static AuditPeriod of(LocalDate start, LocalDate endExclusive, AuditSettings settings, ZoneId zone) {
    Instant due = endExclusive.plusDays(settings.reportDueDays()).atStartOfDay(zone).toInstant();
    LocalDate last = endExclusive.minusDays(1);
    String label = settings.periodMonths() == 12
        ? start.getYear() + "年度"
        : start + " 至 " + last;
    return new AuditPeriod(start, endExclusive, due, label);
  }
}
