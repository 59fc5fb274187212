package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.common.CheckResult;
import cn.beijing.carboninclusion.developer.DeveloperBars;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * A developer's standing today, the one answer for every check that asks: a bar of the bureau in force (禁入, the
 * {@code bar} table) fails it with its reason; otherwise the organisation's own status decides (deregistered, or a
 * bar recorded on the organisation).
 */
@Component
class DeveloperStanding {
  private final DeveloperBars bars;
  private final ProjectRules rules;
  private final WorkingDayCalendar calendar;
  private final Clock clock;

  DeveloperStanding(DeveloperBars bars, ProjectRules rules, WorkingDayCalendar calendar, Clock clock) {
    this.bars = bars;
    this.rules = rules;
    this.calendar = calendar;
    this.clock = clock;
  }

  CheckResult of(DeveloperOrganisation developer) {
    return bars.barInForce(developer.getId())
        .map(bar -> rules.barred(developer, bar.barredUntil(), bar.reason()))
        .orElseGet(() -> rules.developer(developer, LocalDate.now(clock.withZone(calendar.zone()))));
  }
}
