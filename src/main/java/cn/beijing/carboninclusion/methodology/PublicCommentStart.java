package cn.beijing.carboninclusion.methodology;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.common.SchemeRuleSet;
import java.time.Clock;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 征求意见: publishes the draft for public comment for the scheme rule {@code methodologyCommentWorkingDays} as it
 * stands when the comment period starts.
 */
@Component("publicCommentStart")
class PublicCommentStart implements JavaDelegate {
  private final MethodologyLifecycle lifecycle;
  private final SchemeRuleBook rules;
  private final WorkingDayCalendar calendar;
  private final Clock clock;

  PublicCommentStart(MethodologyLifecycle lifecycle, SchemeRuleBook rules, WorkingDayCalendar calendar,
      Clock clock) {
    this.lifecycle = lifecycle;
    this.rules = rules;
    this.calendar = calendar;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int days = rules.days(SchemeRule.METHODOLOGY_COMMENT_WORKING_DAYS);
    execution.setVariable(MethodologyVariables.COMMENT_DURATION, SchemeRuleSet.workingDays(days));
    LocalDate end = calendar.addWorkingDays(LocalDate.now(clock.withZone(calendar.zone())), days);
    Methodology methodology = lifecycle.transition(MethodologyVariables.methodologyId(execution),
        MethodologyStatus.PUBLIC_COMMENT, "PUBLIC_COMMENT_STARTED", "专家评审完成，公开征求意见至 " + end);
    lifecycle.publish(methodology, "方法学征求意见：" + MethodologyLifecycle.label(methodology),
        "征求意见截止 " + end + "（" + days + " 个工作日）。适用条件：" + methodology.getApplicability()
            + "。计算公式：" + methodology.getFormula());
  }
}
