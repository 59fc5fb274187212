package cn.beijing.carboninclusion.identity;

import java.util.List;

/**
 * Who may read the actuator's metrics: a port the security configuration asks, answered by the KPI capability's
 * settings ({@code carbon-inclusion.kpi.scrape-groups}, {@code carbon-inclusion.kpi.prometheus-open}).
 */
public interface MetricsAccess {
  /** Groups whose members may read {@code /actuator/prometheus} and {@code /actuator/metrics}. */
  List<String> scrapeGroups();

  /** Whether anyone may scrape {@code /actuator/prometheus} without credentials. */
  boolean prometheusOpen();
}
