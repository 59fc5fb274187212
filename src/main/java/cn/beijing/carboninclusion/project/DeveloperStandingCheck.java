package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckResult;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.supervision.Bars;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** Refuses an application from a developer that is barred (a bar in force, 禁入) or deregistered. */
@Component("developerStandingCheck")
class DeveloperStandingCheck extends ProjectCheckDelegate {
  private final ProjectLifecycle lifecycle;
  private final ProjectRules rules;
  private final Bars bars;
  private final WorkingDayCalendar calendar;
  private final Clock clock;

  DeveloperStandingCheck(ProjectLifecycle lifecycle, CaseChecks checks, ProjectRules rules, Bars bars,
      WorkingDayCalendar calendar, Clock clock) {
    super(lifecycle, checks);
    this.lifecycle = lifecycle;
    this.rules = rules;
    this.bars = bars;
    this.calendar = calendar;
    this.clock = clock;
  }

  @Override
  CheckResult check(Project project) {
    DeveloperOrganisation developer = lifecycle.developerOf(project);
    return bars.developerBar(developer.getId())
        .map(bar -> rules.barred(developer, bar.getBarredUntil(), bar.getReason()))
        .orElseGet(() -> rules.developer(developer, LocalDate.now(clock.withZone(calendar.zone()))));
  }
}
