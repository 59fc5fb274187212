/**
 * Working days, PRC holidays and 调休, the scheme's time zone.
 *
 * <p>A Spring Modulith module: its public types are its API, package-private types its internals; it may depend only
 * on the modules named below (docs/architecture.md).
 */
@ApplicationModule(displayName = "工作日历 (calendar)", allowedDependencies = {})
package cn.beijing.carboninclusion.calendar;

import org.springframework.modulith.ApplicationModule;
