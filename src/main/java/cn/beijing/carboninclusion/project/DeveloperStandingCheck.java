package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckResult;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** Refuses an application from a developer that is barred or deregistered. */
@Component("developerStandingCheck")
class DeveloperStandingCheck extends ProjectCheckDelegate {
  private final ProjectLifecycle lifecycle;
  private final ProjectRules rules;
  private final WorkingDayCalendar calendar;
  private final Clock clock;

  DeveloperStandingCheck(ProjectLifecycle lifecycle, CaseChecks checks, ProjectRules rules,
      WorkingDayCalendar calendar, Clock clock) {
    super(lifecycle, checks);
    this.lifecycle = lifecycle;
    this.rules = rules;
    this.calendar = calendar;
    this.clock = clock;
  }

  @Override
  CheckResult check(Project project) {
    return rules.developer(lifecycle.developerOf(project), LocalDate.now(clock.withZone(calendar.zone())));
  }
}
