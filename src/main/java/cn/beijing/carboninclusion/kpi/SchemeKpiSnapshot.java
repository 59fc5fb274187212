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
    List<MonthlyIssuance> reductionsIssued) {

  public SchemeKpiSnapshot {
    casesByProcess = List.copyOf(casesByProcess);
    casesByStage = List.copyOf(casesByStage);
    openTasks = List.copyOf(openTasks);
    cycleTimes = List.copyOf(cycleTimes);
    slaBreaches = List.copyOf(slaBreaches);
    projectsByStatus = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(projectsByStatus));
    reductionsIssued = List.copyOf(reductionsIssued);
  }

  /** The history windows the figures were computed over. */
  public record Windows(int cycleTimeDays, int slaDays, int issuanceMonths, String zone) {}

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
}
