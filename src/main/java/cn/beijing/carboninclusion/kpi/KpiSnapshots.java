package cn.beijing.carboninclusion.kpi;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The cached KPI snapshot behind {@code /api/kpi}, the Cockpit dashboard and the Prometheus gauges. It is recomputed
 * every {@code carbon-inclusion.kpi.refresh-interval}, so a scrape or a dashboard view costs no query; a reader who
 * finds no snapshot, or one older than twice the interval (the refresh failed), computes one. The gauges read the
 * snapshot's numbers (one row per tag combination; rows that vanish from the snapshot vanish from the scrape).
 */
@Component
public class KpiSnapshots {
  private static final Logger log = LoggerFactory.getLogger(KpiSnapshots.class);

  private final SchemeKpis kpis;
  private final Clock clock;
  private final Duration maxAge;
  private final AtomicReference<SchemeKpiSnapshot> current = new AtomicReference<>();

  private final MultiGauge cases;
  private final MultiGauge processCases;
  private final MultiGauge openTasks;
  private final MultiGauge oldestTaskAge;
  private final MultiGauge cycleTime;
  private final MultiGauge slaBreaches;
  private final MultiGauge projects;
  private final MultiGauge reductionsIssued;

  public KpiSnapshots(SchemeKpis kpis, Clock clock, KpiProperties properties, MeterRegistry registry) {
    this.kpis = kpis;
    this.clock = clock;
    this.maxAge = properties.refreshInterval().multipliedBy(2);
    this.cases = MultiGauge.builder("carbon.inclusion.cases")
        .description("Running cases waiting in a stage (activity) of a process").register(registry);
    this.processCases = MultiGauge.builder("carbon.inclusion.process.cases")
        .description("Running cases (process instances) per process").register(registry);
    this.openTasks = MultiGauge.builder("carbon.inclusion.open.tasks")
        .description("Open tasks per candidate group").register(registry);
    this.oldestTaskAge = MultiGauge.builder("carbon.inclusion.open.task.oldest.age.hours")
        .description("Age in hours of the oldest open task per candidate group").register(registry);
    this.cycleTime = MultiGauge.builder("carbon.inclusion.cycle.time.hours")
        .description("Cycle time of a user-task stage in hours (nearest-rank quantile over the window)").register(registry);
    this.slaBreaches = MultiGauge.builder("carbon.inclusion.sla.breaches")
        .description("Tasks past their working-day due date: open now, or completed late in the window").register(registry);
    this.projects = MultiGauge.builder("carbon.inclusion.projects")
        .description("Projects per status").register(registry);
    this.reductionsIssued = MultiGauge.builder("carbon.inclusion.reductions.issued.tco2e")
        .description("Reductions issued into the registry per calendar month (tCO2e)").register(registry);
  }

  /** The cached snapshot (computed first if there is none or it is stale). */
  public SchemeKpiSnapshot current() {
    SchemeKpiSnapshot snapshot = current.get();
    if (snapshot == null || snapshot.computedAt().plus(maxAge).isBefore(clock.instant())) {
      return refresh();
    }
    return snapshot;
  }

  /** Recomputes the snapshot and the gauges now. */
  public synchronized SchemeKpiSnapshot refresh() {
    SchemeKpiSnapshot snapshot = kpis.compute();
    current.set(snapshot);
    publish(snapshot);
    return snapshot;
  }

  @Scheduled(fixedDelayString = "${carbon-inclusion.kpi.refresh-interval:PT60S}", initialDelayString = "PT5S")
  void scheduledRefresh() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.warn("KPI snapshot not refreshed (the previous one stays): {}", e.toString());
    }
  }

  private void publish(SchemeKpiSnapshot s) {
    cases.register(s.casesByStage().stream().map(c -> MultiGauge.Row.of(
        Tags.of("process", c.processKey(), "stage", c.activityId()), c.cases())).toList(), true);
    processCases.register(s.casesByProcess().stream().map(c -> MultiGauge.Row.of(
        Tags.of("process", c.processKey()), c.cases())).toList(), true);
    openTasks.register(s.openTasks().stream().map(t -> MultiGauge.Row.of(
        Tags.of("group", t.group()), t.count())).toList(), true);
    oldestTaskAge.register(s.openTasks().stream().map(t -> MultiGauge.Row.of(
        Tags.of("group", t.group()), t.oldestAgeHours())).toList(), true);
    cycleTime.register(s.cycleTimes().stream().flatMap(c -> List.of(
        MultiGauge.Row.of(Tags.of("process", c.processKey(), "stage", c.taskKey(), "quantile", "0.5"), c.medianHours()),
        MultiGauge.Row.of(Tags.of("process", c.processKey(), "stage", c.taskKey(), "quantile", "0.9"), c.p90Hours()))
        .stream()).toList(), true);
    slaBreaches.register(s.slaBreaches().stream().flatMap(b -> List.of(
        MultiGauge.Row.of(Tags.of("group", b.group(), "state", "open"), b.openOverdue()),
        MultiGauge.Row.of(Tags.of("group", b.group(), "state", "completed_late"), b.completedLate())).stream())
        .toList(), true);
    projects.register(s.projectsByStatus().entrySet().stream().map(e -> MultiGauge.Row.of(
        Tags.of("status", e.getKey()), e.getValue())).toList(), true);
    reductionsIssued.register(s.reductionsIssued().stream().map(m -> MultiGauge.Row.of(
        Tags.of("month", m.month()), m.tco2e())).toList(), true);
  }
}
