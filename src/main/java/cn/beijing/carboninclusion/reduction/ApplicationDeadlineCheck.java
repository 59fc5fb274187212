package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckResult;
import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * 申请期限: the monitoring period has ended, lies in the crediting period and within the look-back years (the scheme
 * rule {@code applicationLookBackYears} as deployed when the check runs).
 */
@Component("applicationDeadlineCheck")
class ApplicationDeadlineCheck extends ReductionCheckDelegate {
  private final ReductionRules rules;
  private final SchemeRuleBook schemeRules;
  private final WorkingDayCalendar calendar;
  private final Clock clock;

  ApplicationDeadlineCheck(ReductionLifecycle lifecycle, CaseChecks checks, ReductionRules rules,
      SchemeRuleBook schemeRules, WorkingDayCalendar calendar, Clock clock) {
    super(lifecycle, checks);
    this.rules = rules;
    this.schemeRules = schemeRules;
    this.calendar = calendar;
    this.clock = clock;
  }

  @Override
  CheckResult check(ReductionApplication application) {
    return rules.deadline(application, lifecycle.projectOf(application),
        LocalDate.now(clock.withZone(calendar.zone())), schemeRules.count(SchemeRule.APPLICATION_LOOK_BACK_YEARS));
  }
}
