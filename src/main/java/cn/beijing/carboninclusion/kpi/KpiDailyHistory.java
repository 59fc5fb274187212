package cn.beijing.carboninclusion.kpi;

import cn.beijing.carboninclusion.calendar.CalendarProperties;
import cn.beijing.carboninclusion.kpi.SchemeKpiSnapshot.GroupTasks;
import cn.beijing.carboninclusion.kpi.SchemeKpiSnapshot.ProcessCases;
import cn.beijing.carboninclusion.kpi.SchemeKpiSnapshot.StageCases;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily snapshots behind the Cockpit charts over time ({@code kpi_daily}, docs/kpi.md): once a day (default 00:05
 * Beijing time) and on start-up when today's is missing, the running cases per stage ({@code STAGE}), the open tasks
 * per candidate group ({@code GROUP}) and the running cases in all ({@code CASES}) are written for today, in one
 * transaction. Cluster-safe: a day already written is not written again, and when two nodes write the same day at once
 * the primary key {@code (snapshot_day, kind, key1, key2)} rolls the second one back. Days older than
 * {@code daily-retention-days} are purged at the same time.
 */
@Component
public class KpiDailyHistory {
  private static final Logger log = LoggerFactory.getLogger(KpiDailyHistory.class);

  private final SchemeKpis kpis;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final ZoneId zone;
  private final KpiProperties properties;

  KpiDailyHistory(SchemeKpis kpis, JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock,
      CalendarProperties calendar, KpiProperties properties) {
    this.kpis = kpis;
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
    this.clock = clock;
    this.zone = calendar.zone();
    this.properties = properties;
  }

  @EventListener(ApplicationReadyEvent.class)
  void onStart() {
    scheduledRecord();
  }

  @Scheduled(cron = "${carbon-inclusion.kpi.daily-cron:0 5 0 * * *}", zone = "Asia/Shanghai")
  void scheduledRecord() {
    try {
      recordToday();
      purge();
    } catch (RuntimeException e) {
      log.warn("KPI daily snapshot not written: {}", e.toString());
    }
  }

  /** Writes today's snapshot unless it exists; returns whether this call wrote it. */
  public boolean recordToday() {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, zone);
    java.sql.Date day = java.sql.Date.valueOf(today);
    if (written(day)) {
      return false;
    }
    List<ProcessCases> processes = kpis.casesByProcess();
    Map<String, String> processNames = processes.stream().collect(Collectors.toMap(ProcessCases::processKey,
        p -> p.processName() == null ? p.processKey() : p.processName(), (a, b) -> a));
    List<Object[]> rows = new ArrayList<>();
    Timestamp at = Timestamp.from(now);
    rows.add(new Object[] {day, "CASES", "", "", "在办案件",
        BigDecimal.valueOf(processes.stream().mapToLong(ProcessCases::cases).sum()), at});
    for (StageCases stage : kpis.casesByStage()) {
      String label = processNames.getOrDefault(stage.processKey(), stage.processKey()) + " · "
          + (stage.activityName() == null ? stage.activityId() : stage.activityName());
      rows.add(new Object[] {day, "STAGE", stage.processKey(), stage.activityId(), truncate(label),
          BigDecimal.valueOf(stage.cases()), at});
    }
    for (GroupTasks group : kpis.openTasks(now)) {
      rows.add(new Object[] {day, "GROUP", group.group(), "", null, BigDecimal.valueOf(group.count()), at});
    }
    try {
      return Boolean.TRUE.equals(transaction.execute(s -> {
        if (written(day)) {
          return false;
        }
        jdbc.batchUpdate("""
            insert into kpi_daily (snapshot_day, kind, key1, key2, label, figure, recorded_at)
            values (?, ?, ?, ?, ?, ?, ?)""", rows);
        log.info("KPI daily snapshot of {} written ({} figures)", today, rows.size());
        return true;
      }));
    } catch (DuplicateKeyException e) {
      return false; // another node wrote the day meanwhile
    }
  }

  /** Deletes the days older than {@code daily-retention-days}; returns the number of rows deleted. */
  public int purge() {
    LocalDate oldest = LocalDate.ofInstant(clock.instant(), zone).minusDays(properties.dailyRetentionDays());
    return jdbc.update("delete from kpi_daily where snapshot_day < ?", java.sql.Date.valueOf(oldest));
  }

  private boolean written(java.sql.Date day) {
    Integer rows = jdbc.queryForObject("select count(*) from kpi_daily where snapshot_day = ?", Integer.class, day);
    return rows != null && rows > 0;
  }

  private static String truncate(String label) {
    return label.length() <= 300 ? label : label.substring(0, 300);
  }
}
