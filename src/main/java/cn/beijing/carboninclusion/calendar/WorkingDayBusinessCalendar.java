package cn.beijing.carboninclusion.calendar;

import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;

/**
 * A Camunda business calendar that understands working-day durations {@code P<n>WD} (e.g.
 * {@code P20WD}: 20 working days, counted by the {@link WorkingDayCalendar} and keeping the time of
 * day) in timer definitions and task due / follow-up dates. Every other expression — ISO 8601
 * durations such as {@code PT1H}, dates such as {@code 2025-06-03T09:30:00} — is passed unchanged to
 * the engine's own calendar that this one wraps, so existing models keep working.
 *
 * <p>Without a start date the engine clock ({@link ClockUtil}) is "now", as for the engine's own calendars.
 */
public class WorkingDayBusinessCalendar implements BusinessCalendar {

  /** The working-day duration syntax: {@code P}, a non-negative number of days, {@code WD}. */
  public static final Pattern WORKING_DAYS = Pattern.compile("P(\\d+)WD");

  private final WorkingDayCalendar workingDays;
  private final BusinessCalendar delegate;

  /**
   * @param workingDays counts the working days of {@code P<n>WD} expressions
   * @param delegate the engine calendar that resolves every other expression
   */
  public WorkingDayBusinessCalendar(WorkingDayCalendar workingDays, BusinessCalendar delegate) {
    this.workingDays = Objects.requireNonNull(workingDays, "workingDays");
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The wrapped engine calendar. */
  public BusinessCalendar getDelegate() {
    return delegate;
  }

  @Override
  public Date resolveDuedate(String duedate) {
    return resolveDuedate(duedate, (Date) null);
  }

  @Override
  public Date resolveDuedate(String duedate, Task task) {
    Optional<Integer> days = parseWorkingDays(duedate);
    return days.isPresent() ? addWorkingDays(ClockUtil.getCurrentTime(), days.get())
        : delegate.resolveDuedate(duedate, task);
  }

  @Override
  public Date resolveDuedate(String duedate, Date startDate) {
    Optional<Integer> days = parseWorkingDays(duedate);
    if (days.isEmpty()) {
      return delegate.resolveDuedate(duedate, startDate);
    }
    return addWorkingDays(startDate != null ? startDate : ClockUtil.getCurrentTime(), days.get());
  }

  /**
   * The number of working days in a {@code P<n>WD} expression, or empty if the expression has a
   * different form (and belongs to the wrapped calendar).
   *
   * @throws ProcessEngineException if the number is too large to count
   */
  public static Optional<Integer> parseWorkingDays(String duedate) {
    if (duedate == null) {
      return Optional.empty();
    }
    Matcher matcher = WORKING_DAYS.matcher(duedate.strip());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(matcher.group(1)));
    } catch (NumberFormatException e) {
      throw new ProcessEngineException("Cannot resolve due date '" + duedate + "': too many working days", e);
    }
  }

  private Date addWorkingDays(Date start, int days) {
    return workingDays.addWorkingDays(start, days);
  }
}
