package cn.beijing.carboninclusion.kpi;

import cn.beijing.carboninclusion.identity.MetricsAccess;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the scheme's KPIs ({@code carbon-inclusion.kpi.*}), documented in docs/kpi.md and docs/operations.md.
 *
 * @param refreshInterval how often the cached snapshot behind {@code /api/kpi}, the Cockpit dashboard and the
 *     Prometheus gauges is recomputed; key {@code carbon-inclusion.kpi.refresh-interval}, default 60 s
 * @param cycleTimeDays window of the cycle-time figures: tasks completed in the last so many days; key
 *     {@code carbon-inclusion.kpi.cycle-time-days}, default 90
 * @param slaDays window of the finished SLA breaches: tasks completed after their due date in the last so many days;
 *     key {@code carbon-inclusion.kpi.sla-days}, default 30
 * @param issuanceMonths calendar months (the current one included) of the reductions-issued series; key
 *     {@code carbon-inclusion.kpi.issuance-months}, default 12
 * @param scrapeGroups groups whose members may read {@code /actuator/prometheus} and {@code /actuator/metrics}
 *     with HTTP Basic; key {@code carbon-inclusion.kpi.scrape-groups}, default {@code camunda-admin, monitoring}
 * @param prometheusOpen {@code true} lets anyone scrape {@code /actuator/prometheus} without credentials (only behind
 *     a network that keeps the public out); key {@code carbon-inclusion.kpi.prometheus-open}, default false
 * @param dailyDays days of daily snapshots ({@code kpi_daily}) the snapshot answers for the charts over time; key
 *     {@code carbon-inclusion.kpi.daily-days}, default 90
 * @param dailyRetentionDays days the daily snapshots are kept (older ones are purged each day); key
 *     {@code carbon-inclusion.kpi.daily-retention-days}, default 400
 */
@ConfigurationProperties(prefix = "carbon-inclusion.kpi")
public record KpiProperties(
    @DefaultValue("PT60S") Duration refreshInterval,
    @DefaultValue("90") int cycleTimeDays,
    @DefaultValue("30") int slaDays,
    @DefaultValue("12") int issuanceMonths,
    @DefaultValue({"camunda-admin", "monitoring"}) List<String> scrapeGroups,
    @DefaultValue("false") boolean prometheusOpen,
    @DefaultValue("90") int dailyDays,
    @DefaultValue("400") int dailyRetentionDays) implements MetricsAccess {

  public KpiProperties {
    if (refreshInterval == null || refreshInterval.isNegative() || refreshInterval.isZero()) {
      throw new IllegalArgumentException("carbon-inclusion.kpi.refresh-interval must be positive, was " + refreshInterval);
    }
    if (cycleTimeDays < 1 || slaDays < 1) {
      throw new IllegalArgumentException("carbon-inclusion.kpi.cycle-time-days and sla-days must be at least 1");
    }
    if (issuanceMonths < 1 || issuanceMonths > 120) {
      throw new IllegalArgumentException("carbon-inclusion.kpi.issuance-months must lie in [1, 120], was " + issuanceMonths);
    }
    if (dailyDays < 1 || dailyRetentionDays < dailyDays) {
      throw new IllegalArgumentException("carbon-inclusion.kpi.daily-days must be at least 1 and at most "
          + "daily-retention-days, were " + dailyDays + " and " + dailyRetentionDays);
    }
    scrapeGroups = scrapeGroups == null ? List.of() : List.copyOf(scrapeGroups);
  }
}
