package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckResult;
import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.methodology.Methodologies;
import cn.beijing.carboninclusion.project.Project;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * 申请期限: the monitoring period has ended, lies in the crediting period and within the look-back years (the scheme
 * rule {@code applicationLookBackYears} as deployed when the check runs); and the project's methodology version still
 * allows issuance (the bureau's evaluation decision did not move its projects to Class II from a date before today).
 */
@Component("applicationDeadlineCheck")
class ApplicationDeadlineCheck extends ReductionCheckDelegate {
  private final ReductionRules rules;
  private final SchemeRuleBook schemeRules;
  private final WorkingDayCalendar calendar;
  private final Clock clock;
  private final Methodologies methodologies;

  ApplicationDeadlineCheck(ReductionLifecycle lifecycle, CaseChecks checks, ReductionRules rules,
      SchemeRuleBook schemeRules, WorkingDayCalendar calendar, Clock clock, Methodologies methodologies) {
    super(lifecycle, checks);
    this.methodologies = methodologies;
    this.rules = rules;
    this.schemeRules = schemeRules;
    this.calendar = calendar;
    this.clock = clock;
  }

  @Override
  CheckResult check(ReductionApplication application) {
    Project project = lifecycle.projectOf(application);
    LocalDate today = LocalDate.now(clock.withZone(calendar.zone()));
    CheckResult deadline = rules.deadline(application, project, today,
        schemeRules.count(SchemeRule.APPLICATION_LOOK_BACK_YEARS));
    if (deadline.failed()) {
      return deadline;
    }
    return ReductionRules.methodologyStopsIssuance(methodologies.findById(project.getMethodologyId()).orElse(null),
            today)
        .map(refusal -> CheckResult.failed(ReductionRules.DEADLINE, "Error_OutsideDeadline", refusal))
        .orElse(deadline);
  }
}
