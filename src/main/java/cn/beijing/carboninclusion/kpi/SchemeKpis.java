package cn.beijing.carboninclusion.kpi;

import cn.beijing.carboninclusion.calendar.CalendarProperties;
import cn.beijing.carboninclusion.kpi.SchemeKpiSnapshot.DailyFigure;
import cn.beijing.carboninclusion.kpi.SchemeKpiSnapshot.GroupBreaches;
import cn.beijing.carboninclusion.kpi.SchemeKpiSnapshot.GroupTasks;
import cn.beijing.carboninclusion.kpi.SchemeKpiSnapshot.MonthlyBreaches;
import cn.beijing.carboninclusion.kpi.SchemeKpiSnapshot.MonthlyIssuance;
import cn.beijing.carboninclusion.kpi.SchemeKpiSnapshot.MonthlyRetirement;
import cn.beijing.carboninclusion.kpi.SchemeKpiSnapshot.ProcessCases;
import cn.beijing.carboninclusion.kpi.SchemeKpiSnapshot.StageCases;
import cn.beijing.carboninclusion.kpi.SchemeKpiSnapshot.StageBox;
import cn.beijing.carboninclusion.kpi.SchemeKpiSnapshot.StageCycleTime;
import cn.beijing.carboninclusion.project.ProjectStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Computes the scheme's KPIs (docs/kpi.md) in eleven aggregate SQL queries over the engine's runtime and history tables
 * and the domain tables; nothing is loaded row by row. With n rows in the table a query reads:
 * <ul>
 *   <li>cases by process: running process instances, O(n) over {@code ACT_RU_EXECUTION};</li>
 *   <li>cases by stage: unfinished historic activity instances, O(n) over {@code ACT_HI_ACTINST} rows without an end
 *       time;</li>
 *   <li>open tasks and open SLA breaches: O(t log t) over the t open tasks ({@code ACT_RU_TASK} joined with their
 *       candidate links; the median is a sort per group);</li>
 *   <li>cycle time: O(h log h) over the h task instances completed in the window ({@code ACT_HI_TASKINST}, sorted
 *       per stage for the percentiles); finished SLA breaches: O(h) plus their candidate links in
 *       {@code ACT_HI_IDENTITYLINK};</li>
 *   <li>projects: O(p) over {@code project}; reductions issued: O(i) over the window's {@code registry_issuance}
 *       rows.</li>
 *   <li>for the charts: the box plot of cycle times, O(h log h) like the cycle time; late completions per month,
 *       O(h') over the task instances completed in the months; retirements per month and purpose, O(r) over the
 *       months' {@code registry_retirement} rows; the daily snapshots, O(d) over the last {@code daily-days} days of
 *       {@code kpi_daily}.</li>
 * </ul>
 * Percentiles are <b>nearest-rank</b>: of the n values sorted ascending, the p-th percentile is the value at rank
 * ⌈p·n⌉ (1-based); the median is p = 0.5, so of an even number of values the lower middle one. SQL's
 * {@code percentile_disc} computes exactly this, on PostgreSQL and on H2.
 */
@Service
public class SchemeKpis {
  /** The purposes of a retirement (消纳), as the registry's {@code registry_retirement} check constraint lists them. */
  public static final List<String> RETIREMENT_PURPOSES = List.of("ETS_OFFSET", "ORGANISATION_NEUTRALITY",
      "EVENT_NEUTRALITY", "VOLUNTARY", "ECOLOGICAL_COMPENSATION");

  /** Group name under which tasks without a candidate group are counted (a literal in the queries below). */
  public static final String NO_GROUP = "(none)";

  private static final BigDecimal MILLIS_PER_HOUR = BigDecimal.valueOf(3_600_000L);

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final KpiProperties properties;
  private final ZoneId zone;

  public SchemeKpis(JdbcTemplate jdbc, Clock clock, KpiProperties properties, CalendarProperties calendar) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.properties = properties;
    this.zone = calendar.zone();
  }

  /** Computes a snapshot now (the engine's clock). */
  public SchemeKpiSnapshot compute() {
    Instant now = clock.instant();
    Map<String, Long> projects = projectsByStatus();
    return new SchemeKpiSnapshot(now,
        new SchemeKpiSnapshot.Windows(properties.cycleTimeDays(), properties.slaDays(), properties.issuanceMonths(),
            zone.getId(), properties.dailyDays()),
        casesByProcess(), casesByStage(), openTasks(now), cycleTimes(now), slaBreaches(now), projects,
        projects.getOrDefault(ProjectStatus.SUSPENDED.name(), 0L), reductionsIssued(now), cycleTimeBoxes(now),
        slaBreachesByMonth(now), reductionsRetired(now), daily(now));
  }

  List<ProcessCases> casesByProcess() {
    return jdbc.query("""
        select d.KEY_ as process_key, max(d.NAME_) as process_name, count(*) as cases
          from ACT_RU_EXECUTION e join ACT_RE_PROCDEF d on d.ID_ = e.PROC_DEF_ID_
         where e.ID_ = e.PROC_INST_ID_
         group by d.KEY_
         order by d.KEY_""",
        (rs, i) -> new ProcessCases(rs.getString("process_key"), rs.getString("process_name"), rs.getLong("cases")));
  }

  /** Stages are the leaf activities a running case waits in; scopes (sub-processes, multi-instance bodies) are not. */
  List<StageCases> casesByStage() {
    return jdbc.query("""
        select d.KEY_ as process_key, a.ACT_ID_ as activity_id, max(a.ACT_NAME_) as activity_name,
               count(distinct a.PROC_INST_ID_) as cases
          from ACT_HI_ACTINST a
          join ACT_RE_PROCDEF d on d.ID_ = a.PROC_DEF_ID_
          join ACT_RU_EXECUTION e on e.ID_ = a.PROC_INST_ID_
         where a.END_TIME_ is null
           and a.ACT_TYPE_ not in ('subProcess', 'multiInstanceBody', 'transaction')
         group by d.KEY_, a.ACT_ID_
         order by d.KEY_, a.ACT_ID_""",
        (rs, i) -> new StageCases(rs.getString("process_key"), rs.getString("activity_id"),
            rs.getString("activity_name"), rs.getLong("cases")));
  }

  List<GroupTasks> openTasks(Instant now) {
    return jdbc.query("""
        select coalesce(i.GROUP_ID_, '(none)') as grp, count(*) as tasks, min(t.CREATE_TIME_) as oldest,
               percentile_disc(0.5) within group (order by t.CREATE_TIME_ desc) as median_created
          from ACT_RU_TASK t
          left join ACT_RU_IDENTITYLINK i on i.TASK_ID_ = t.ID_ and i.TYPE_ = 'candidate' and i.GROUP_ID_ is not null
         group by coalesce(i.GROUP_ID_, '(none)')
         order by 1""",
        (rs, i) -> new GroupTasks(rs.getString("grp"), rs.getLong("tasks"),
            hoursBetween(rs.getTimestamp("oldest"), now), hoursBetween(rs.getTimestamp("median_created"), now)));
  }

  List<StageCycleTime> cycleTimes(Instant now) {
    Timestamp since = Timestamp.from(now.minus(Duration.ofDays(properties.cycleTimeDays())));
    return jdbc.query("""
        select h.PROC_DEF_KEY_ as process_key, h.TASK_DEF_KEY_ as task_key, max(h.NAME_) as task_name,
               count(*) as tasks,
               percentile_disc(0.5) within group (order by h.DURATION_) as median_ms,
               percentile_disc(0.9) within group (order by h.DURATION_) as p90_ms
          from ACT_HI_TASKINST h
         where h.END_TIME_ >= ? and h.DELETE_REASON_ = 'completed' and h.DURATION_ is not null
         group by h.PROC_DEF_KEY_, h.TASK_DEF_KEY_
         order by h.PROC_DEF_KEY_, h.TASK_DEF_KEY_""",
        (rs, i) -> new StageCycleTime(rs.getString("process_key"), rs.getString("task_key"),
            rs.getString("task_name"), rs.getLong("tasks"), hours(rs.getLong("median_ms")), hours(rs.getLong("p90_ms"))),
        since);
  }

  /** Five-number summaries of the completed task durations per user task in the cycle-time window. */
  List<StageBox> cycleTimeBoxes(Instant now) {
    Timestamp since = Timestamp.from(now.minus(Duration.ofDays(properties.cycleTimeDays())));
    return jdbc.query("""
        select h.PROC_DEF_KEY_ as process_key, h.TASK_DEF_KEY_ as task_key, max(h.NAME_) as task_name,
               count(*) as tasks, min(h.DURATION_) as min_ms,
               percentile_disc(0.25) within group (order by h.DURATION_) as q1_ms,
               percentile_disc(0.5) within group (order by h.DURATION_) as median_ms,
               percentile_disc(0.75) within group (order by h.DURATION_) as q3_ms,
               max(h.DURATION_) as max_ms
          from ACT_HI_TASKINST h
         where h.END_TIME_ >= ? and h.DELETE_REASON_ = 'completed' and h.DURATION_ is not null
         group by h.PROC_DEF_KEY_, h.TASK_DEF_KEY_
         order by h.PROC_DEF_KEY_, h.TASK_DEF_KEY_""",
        (rs, i) -> new StageBox(rs.getString("process_key"), rs.getString("task_key"), rs.getString("task_name"),
            rs.getLong("tasks"), hours(rs.getLong("min_ms")), hours(rs.getLong("q1_ms")),
            hours(rs.getLong("median_ms")), hours(rs.getLong("q3_ms")), hours(rs.getLong("max_ms"))),
        since);
  }

  /**
   * Tasks completed after their due date per calendar month of completion, the same months as
   * {@link #reductionsIssued}, oldest first, 0 where none.
   */
  List<MonthlyBreaches> slaBreachesByMonth(Instant now) {
    List<YearMonth> series = months(now);
    StringBuilder sql = new StringBuilder("select ");
    List<Object> args = new ArrayList<>();
    for (int m = 0; m < series.size(); m++) {
      sql.append(m == 0 ? "" : ", ")
          .append("coalesce(sum(case when h.END_TIME_ >= ? and h.END_TIME_ < ? then 1 else 0 end), 0) as m").append(m);
      args.add(Timestamp.from(start(series.get(m)).toInstant()));
      args.add(Timestamp.from(start(series.get(m).plusMonths(1)).toInstant()));
    }
    sql.append("""
         from ACT_HI_TASKINST h
        where h.END_TIME_ >= ? and h.END_TIME_ < ? and h.DELETE_REASON_ = 'completed' and h.DUE_DATE_ is not null
          and h.END_TIME_ > h.DUE_DATE_""");
    args.add(Timestamp.from(start(series.get(0)).toInstant()));
    args.add(Timestamp.from(start(series.get(series.size() - 1).plusMonths(1)).toInstant()));
    return jdbc.query(sql.toString(), rs -> {
      List<MonthlyBreaches> result = new ArrayList<>();
      rs.next();
      for (int m = 0; m < series.size(); m++) {
        result.add(new MonthlyBreaches(series.get(m).toString(), rs.getLong("m" + m)));
      }
      return result;
    }, args.toArray());
  }

  /**
   * Units retired (kind RETIREMENT; administrative cancellations are not counted) per calendar month of
   * {@code occurred_at} and purpose, the same months as {@link #reductionsIssued}, every purpose with 0 where none.
   */
  List<MonthlyRetirement> reductionsRetired(Instant now) {
    List<YearMonth> series = months(now);
    List<Map<String, Long>> byMonth = new ArrayList<>();
    for (int m = 0; m < series.size(); m++) {
      Map<String, Long> purposes = new LinkedHashMap<>();
      RETIREMENT_PURPOSES.forEach(p -> purposes.put(p, 0L));
      byMonth.add(purposes);
    }
    StringBuilder sql = new StringBuilder("select purpose");
    List<Object> args = new ArrayList<>();
    for (int m = 0; m < series.size(); m++) {
      sql.append(", coalesce(sum(case when occurred_at >= ? and occurred_at < ? then quantity else 0 end), 0) as m")
          .append(m);
      args.add(start(series.get(m)));
      args.add(start(series.get(m).plusMonths(1)));
    }
    sql.append("""
         from registry_retirement
        where kind = 'RETIREMENT' and occurred_at >= ? and occurred_at < ?
        group by purpose""");
    args.add(start(series.get(0)));
    args.add(start(series.get(series.size() - 1).plusMonths(1)));
    jdbc.query(sql.toString(), rs -> {
      for (int m = 0; m < series.size(); m++) {
        byMonth.get(m).put(rs.getString("purpose"), rs.getLong("m" + m));
      }
    }, args.toArray());
    List<MonthlyRetirement> result = new ArrayList<>();
    for (int m = 0; m < series.size(); m++) {
      result.add(new MonthlyRetirement(series.get(m).toString(), byMonth.get(m),
          byMonth.get(m).values().stream().mapToLong(Long::longValue).sum()));
    }
    return result;
  }

  /** The daily snapshots of the last {@code daily-days} days (today included), oldest first. */
  List<DailyFigure> daily(Instant now) {
    LocalDate today = LocalDate.ofInstant(now, zone);
    return jdbc.query("""
        select snapshot_day, kind, key1, key2, label, figure from kpi_daily
         where snapshot_day > ? and snapshot_day <= ?
         order by snapshot_day, kind, key1, key2""",
        (rs, i) -> new DailyFigure(rs.getDate("snapshot_day").toLocalDate().toString(), rs.getString("kind"),
            rs.getString("key1"), rs.getString("key2"), rs.getString("label"), rs.getBigDecimal("figure")),
        java.sql.Date.valueOf(today.minusDays(properties.dailyDays())), java.sql.Date.valueOf(today));
  }

  List<GroupBreaches> slaBreaches(Instant now) {
    Timestamp nowTs = Timestamp.from(now);
    Timestamp since = Timestamp.from(now.minus(Duration.ofDays(properties.slaDays())));
    Map<String, long[]> byGroup = new TreeMap<>();
    jdbc.query("""
        select coalesce(i.GROUP_ID_, '(none)') as grp, count(distinct t.ID_) as tasks
          from ACT_RU_TASK t
          left join ACT_RU_IDENTITYLINK i on i.TASK_ID_ = t.ID_ and i.TYPE_ = 'candidate' and i.GROUP_ID_ is not null
         where t.DUE_DATE_ < ?
         group by coalesce(i.GROUP_ID_, '(none)')""",
        rs -> { byGroup.computeIfAbsent(rs.getString("grp"), g -> new long[2])[0] = rs.getLong("tasks"); },
        nowTs);
    jdbc.query("""
        select coalesce(l.GROUP_ID_, '(none)') as grp, count(distinct h.ID_) as tasks
          from ACT_HI_TASKINST h
          left join ACT_HI_IDENTITYLINK l on l.TASK_ID_ = h.ID_ and l.TYPE_ = 'candidate'
                and l.OPERATION_TYPE_ = 'add' and l.GROUP_ID_ is not null
         where h.END_TIME_ >= ? and h.DELETE_REASON_ = 'completed' and h.DUE_DATE_ is not null
           and h.END_TIME_ > h.DUE_DATE_
         group by coalesce(l.GROUP_ID_, '(none)')""",
        rs -> { byGroup.computeIfAbsent(rs.getString("grp"), g -> new long[2])[1] = rs.getLong("tasks"); },
        since);
    List<GroupBreaches> breaches = new ArrayList<>();
    byGroup.forEach((group, counts) -> breaches.add(new GroupBreaches(group, counts[0], counts[1])));
    return breaches;
  }

  /** Every status of {@link ProjectStatus}, in its order, with 0 where no project has it. */
  Map<String, Long> projectsByStatus() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (ProjectStatus status : ProjectStatus.values()) {
      counts.put(status.name(), 0L);
    }
    jdbc.query("select status, count(*) as projects from project group by status",
        rs -> { counts.put(rs.getString("status"), rs.getLong("projects")); });
    return counts;
  }

  /** The last {@code issuance-months} calendar months, oldest first, each with 0 when nothing was issued. */
  List<MonthlyIssuance> reductionsIssued(Instant now) {
    YearMonth current = YearMonth.from(now.atZone(zone));
    int months = properties.issuanceMonths();
    List<YearMonth> series = months(now);
    StringBuilder sql = new StringBuilder("select ");
    List<Object> args = new ArrayList<>();
    for (int m = 0; m < months; m++) {
      sql.append(m == 0 ? "" : ", ")
          .append("coalesce(sum(case when issued_at >= ? and issued_at < ? then quantity else 0 end), 0) as m").append(m);
      args.add(start(series.get(m)));
      args.add(start(series.get(m).plusMonths(1)));
    }
    sql.append(" from registry_issuance where issued_at >= ? and issued_at < ?");
    args.add(start(series.get(0)));
    args.add(start(current.plusMonths(1)));
    return jdbc.query(sql.toString(), rs -> {
      List<MonthlyIssuance> result = new ArrayList<>();
      rs.next();
      for (int m = 0; m < months; m++) {
        result.add(new MonthlyIssuance(series.get(m).toString(), rs.getLong("m" + m)));
      }
      return result;
    }, args.toArray());
  }

  /** The last {@code issuance-months} calendar months in the scheme's zone, oldest first, the current one last. */
  private List<YearMonth> months(Instant now) {
    YearMonth current = YearMonth.from(now.atZone(zone));
    List<YearMonth> series = new ArrayList<>();
    for (int m = properties.issuanceMonths() - 1; m >= 0; m--) {
      series.add(current.minusMonths(m));
    }
    return series;
  }

  private java.time.OffsetDateTime start(YearMonth month) {
    return month.atDay(1).atStartOfDay(zone).toOffsetDateTime();
  }

  static BigDecimal hours(long millis) {
    return BigDecimal.valueOf(millis).divide(MILLIS_PER_HOUR, 2, RoundingMode.HALF_UP);
  }

  private static BigDecimal hoursBetween(Timestamp from, Instant to) {
    return from == null ? null : hours(Math.max(0, to.toEpochMilli() - from.getTime()));
  }
}
