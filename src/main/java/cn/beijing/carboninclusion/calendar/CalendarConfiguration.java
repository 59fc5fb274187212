package cn.beijing.carboninclusion.calendar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The platform's holiday calendar: the schedules of the database ({@link HolidaySchedules}), seeded at the first start
 * from the bundled holiday file (or the operator's {@code carbon-inclusion.calendar.holiday-file}), cached per node.
 */
@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(CalendarConfiguration.class);

  @Bean
  HolidayCalendar holidayCalendar(HolidaySchedules schedules, CalendarProperties properties, DataSource dataSource,
      Clock clock, @Value("${carbon-inclusion.calendar.refresh-interval:PT5S}") Duration refreshInterval) {
    seed(schedules, HolidayCalendar.read(properties), new TransactionTemplate(
        new DataSourceTransactionManager(dataSource)), clock);
    CachedSchedule cache = new CachedSchedule(schedules, refreshInterval, System::nanoTime);
    schedules.onCommit(cache::invalidate);
    HolidayCalendar calendar = new HolidayCalendar(cache);
    LOG.info("Holiday calendar reads {}: years {} (refreshed every {} from the database on each node)",
        HolidaySchedules.DATABASE, calendar.coveredYears(), refreshInterval);
    return calendar;
  }

  /**
   * Stores each year of the file that has no schedule yet as its version 1 ({@code uploaded_by} {@value
   * HolidaySchedules#SYSTEM}, the SHA-256 of the year's rows as {@code date,type,name} lines): a fresh database starts
   * with the bundled years. A year that has a schedule is left as it is: from then on the bureau uploads. Each year in
   * a transaction of its own; another node seeding the same year at the same moment wins, and this one moves on.
   */
  static void seed(HolidaySchedules schedules, HolidayCalendar.Loaded file, TransactionTemplate transaction,
      Clock clock) {
    Map<Integer, List<HolidayEntry>> byYear = new TreeMap<>();
    file.entries().values().forEach(e -> byYear.computeIfAbsent(e.date().getYear(), y -> new ArrayList<>()).add(e));
    for (Map.Entry<Integer, List<HolidayEntry>> year : byYear.entrySet()) {
      try {
        transaction.executeWithoutResult(status -> {
          if (schedules.versions(year.getKey()).isEmpty()) {
            schedules.store(year.getKey(), year.getValue(), file.source(), null, sha256(year.getValue()),
                HolidaySchedules.SYSTEM, clock.instant());
            LOG.info("Holiday schedule {} seeded from {} as version 1 ({} dates)", year.getKey(), file.source(),
                year.getValue().size());
          }
        });
      } catch (DataIntegrityViolationException e) {
        LOG.info("Holiday schedule {} was seeded by another node at the same moment", year.getKey());
      }
    }
  }

  static String sha256(List<HolidayEntry> entries) {
    StringBuilder text = new StringBuilder(HolidayFileParser.HEADER).append('\n');
    entries.forEach(e -> text.append(e.date()).append(',').append(e.type()).append(',').append(e.name()).append('\n'));
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The schedules in force, kept in memory. A lookup older than the refresh interval asks the database one cheap
   * question (the number of versions and the highest id, {@link HolidaySchedules#fingerprint()}) and reloads only when
   * the answer changed; a version stored by this node reloads it right after its commit. So every node of a cluster
   * sees an upload at most one refresh interval after its commit, and the node that stored it at once. A refresh that
 * fails (the database away for a moment) keeps the schedules loaded and tries again after the interval.
   */
  static final class CachedSchedule implements Supplier<HolidayCalendar.Schedule> {
    private final HolidaySchedules schedules;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private volatile Loaded loaded;
    private volatile boolean stale;

    private record Loaded(HolidaySchedules.Fingerprint fingerprint, HolidayCalendar.Schedule schedule,
        long checkedAt) {}

    CachedSchedule(HolidaySchedules schedules, Duration interval, LongSupplier nanoTime) {
      this.schedules = schedules;
      this.intervalNanos = interval.toNanos();
      this.nanoTime = nanoTime;
    }

    @Override
    public HolidayCalendar.Schedule get() {
      Loaded current = loaded;
      if (current != null && !stale && nanoTime.getAsLong() - current.checkedAt() < intervalNanos) {
        return current.schedule();
      }
      return refresh().schedule();
    }

    void invalidate() {
      stale = true;
    }

    // not synchronized: a thread waiting here for the monitor may hold a pooled connection that the refreshing thread
    // needs; two threads that refresh at once both ask the database and both answers are right
    private Loaded refresh() {
      Loaded current = loaded;
      long now = nanoTime.getAsLong();
      if (current != null && !stale && now - current.checkedAt() < intervalNanos) {
        return current;
      }
      try {
        stale = false;
        HolidaySchedules.Fingerprint fingerprint = schedules.fingerprint();
        HolidayCalendar.Schedule schedule = current != null && fingerprint.equals(current.fingerprint())
            ? current.schedule() : schedules.current();
        if (current == null || schedule != current.schedule()) {
          LOG.info("Holiday schedules (re)loaded: {} dates, years {}", schedule.entries().size(),
              schedule.coveredYears());
        }
        loaded = new Loaded(fingerprint, schedule, now);
        return loaded;
      } catch (RuntimeException e) {
        if (current == null) {
          throw e;
        }
        LOG.warn("Holiday schedules could not be refreshed; keeping the ones loaded ({})", e.toString());
        loaded = new Loaded(current.fingerprint(), current.schedule(), now);
        return loaded;
      }
    }
  }
}
