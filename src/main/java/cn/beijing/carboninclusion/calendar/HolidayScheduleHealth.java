package cn.beijing.carboninclusion.calendar;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code holidaySchedule}: {@code UP} while the schedules cover the current year
 * and, from 1 November, the next; else {@code WARNING} (ordered between {@code OUT_OF_SERVICE} and {@code UP}, HTTP
 * 200: the platform serves, but deadlines that run into the uncovered year ignore its holidays). Not part of the
 * liveness and readiness probes.
 */
@Component("holidaySchedule")
class HolidayScheduleHealth implements HealthIndicator {
  /** The status of a missing schedule (management.endpoint.health.status.order in application.yml). */
  static final Status WARNING = new Status("WARNING", "holiday schedule missing");

  private final HolidayCoverage coverage;

  HolidayScheduleHealth(HolidayCoverage coverage) {
    this.coverage = coverage;
  }

  @Override
  public Health health() {
    HolidayCoverage.Coverage now = coverage.now();
    Health.Builder health = now.ok() ? Health.up() : Health.status(WARNING).withDetail("warning", now.warning())
        .withDetail("missingYear", now.missingYear());
    return health.withDetail("coveredYears", now.coveredYears()).withDetail("today", now.today().toString()).build();
  }
}
