package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckResult;
import cn.beijing.carboninclusion.methodology.Methodologies;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** Refuses registration unless the project's methodology exists, is EFFECTIVE today and is of level 1. */
@Component("methodologyEffectiveCheck")
class MethodologyEffectiveCheck extends ProjectCheckDelegate {
  private final Methodologies methodologies;
  private final ProjectRules rules;
  private final WorkingDayCalendar calendar;
  private final Clock clock;

  MethodologyEffectiveCheck(ProjectLifecycle lifecycle, CaseChecks checks, Methodologies methodologies,
      ProjectRules rules, WorkingDayCalendar calendar, Clock clock) {
    super(lifecycle, checks);
    this.methodologies = methodologies;
    this.rules = rules;
    this.calendar = calendar;
    this.clock = clock;
  }

  @Override
  CheckResult check(Project project) {
    return rules.methodology(methodologies.findById(project.getMethodologyId()).orElse(null),
        LocalDate.now(clock.withZone(calendar.zone())));
  }
}
