package cn.beijing.carboninclusion.kpi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One immutable set of the scheme's KPIs, computed at {@link #computedAt} (docs/kpi.md defines every figure).
 * Durations and ages are hours with two decimals; percentiles are nearest-rank.
 */
public record SchemeKpiSnapshot(
    Instant computedAt,
    Windows windows,
    List<ProcessCases> casesByProcess,
    List<StageCases> casesByStage,
    List<GroupTasks> openTasks,
    List<StageCycleTime> cycleTimes,
    List<GroupBreaches> slaBreaches,
    Map<String, Long> projectsByStatus,
    long suspendedProjects,
    List<MonthlyIssuance> reductionsIssued,
    List<StageBox> cycleTimeBoxes,
    List<MonthlyBreaches> slaBreachesByMonth,
    List<MonthlyRetirement> reductionsRetired,
    List<DailyFigure> daily) {

  public SchemeKpiSnapshot {
    casesByProcess = List.copyOf(casesByProcess);
    casesByStage = List.copyOf(casesByStage);
    openTasks = List.copyOf(openTasks);
    cycleTimes = List.copyOf(cycleTimes);
    slaBreaches = List.copyOf(slaBreaches);
    projectsByStatus = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(projectsByStatus));
    reductionsIssued = List.copyOf(reductionsIssued);
    cycleTimeBoxes = List.copyOf(cycleTimeBoxes);
    slaBreachesByMonth = List.copyOf(slaBreachesByMonth);
    reductionsRetired = List.copyOf(reductionsRetired);
    daily = List.copyOf(daily);
  }

  /** The history windows the figures were computed over. */
  public record Windows(int cycleTimeDays, int slaDays, int issuanceMonths, String zone, int dailyDays) {}

  /** Running process instances of one process definition key (all versions). */
  public record ProcessCases(String processKey, String processName, long cases) {}

  /** Running process instances waiting in one activity (stage) of a process. */
  public record StageCases(String processKey, String activityId, String activityName, long cases) {}

  /**
   * Open tasks offered to one candidate group ({@value SchemeKpis#NO_GROUP} for tasks without one): how many, how old
   * the oldest is and the median age, in hours.
   */
  public record GroupTasks(String group, long count, BigDecimal oldestAgeHours, BigDecimal medianAgeHours) {}

  /** Completed task instances of one user task of one process in the window: count, median and p90 duration. */
  public record StageCycleTime(String processKey, String taskKey, String taskName, long count, BigDecimal medianHours,
      BigDecimal p90Hours) {}

  /** SLA breaches of one candidate group: open tasks past their due date, tasks completed after it in the window. */
  public record GroupBreaches(String group, long openOverdue, long completedLate) {}

  /** Units (1 unit = 1 tCO2e) issued into the registry in one calendar month ({@code yyyy-MM}, in the scheme's zone). */
  public record MonthlyIssuance(String month, long tco2e) {}

  /**
   * The five numbers of a box plot of the durations (hours) of one user task's instances completed in the cycle-time
   * window: minimum, first quartile, median, third quartile, maximum (quartiles nearest-rank, p = 0.25, 0.5, 0.75).
   */
  public record StageBox(String processKey, String taskKey, String taskName, long count, BigDecimal minHours,
      BigDecimal q1Hours, BigDecimal medianHours, BigDecimal q3Hours, BigDecimal maxHours) {}

  /** Tasks completed after their due date in one calendar month ({@code yyyy-MM}) of their completion. */
  public record MonthlyBreaches(String month, long completedLate) {}

  /**
   * Units retired (消纳, kind RETIREMENT) in one calendar month ({@code yyyy-MM}) per purpose (every purpose listed,
   * 0 included), and the month's total.
   */
  public record MonthlyRetirement(String month, Map<String, Long> tco2eByPurpose, long tco2e) {
    public MonthlyRetirement {
      tco2eByPurpose = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tco2eByPurpose));
    }
  }

  /**
   * One figure of a daily snapshot ({@code kpi_daily}): {@code day} (ISO date in the scheme's zone), {@code kind}
   * ({@code STAGE}: running cases in stage {@code key2} of process {@code key1}; {@code GROUP}: open tasks of group
   * {@code key1}; {@code CASES}: running cases in all), the stage's or process's {@code label}, the {@code value}.
   */
  public record DailyFigure(String day, String kind, String key1, String key2, String label, BigDecimal value) {}
}
