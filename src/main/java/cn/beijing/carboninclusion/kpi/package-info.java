/**
 * The scheme's KPIs: snapshots, Cockpit dashboard, Prometheus gauges.
 *
 * <p>A Spring Modulith module: its public types are its API, package-private types its internals; it may depend only
 * on the modules named below (docs/architecture.md).
 */
@ApplicationModule(displayName = "运行指标 (kpi)", allowedDependencies = {"calendar", "identity", "notification", "project"})
package cn.beijing.carboninclusion.kpi;

import org.springframework.modulith.ApplicationModule;
