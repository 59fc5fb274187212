package cn.beijing.carboninclusion.methodology;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.decision.Decisions;
import java.time.Clock;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 废止: the methodology is RETIRED today — no new project registers under it; projects registered under it keep
 * their registration for the rest of their current crediting period (docs/processes/methodology.md).
 */
@Component("methodologyRetirement")
class MethodologyRetirement implements JavaDelegate {
  private final MethodologyLifecycle lifecycle;
  private final Decisions decisions;
  private final WorkingDayCalendar calendar;
  private final Clock clock;

  MethodologyRetirement(MethodologyLifecycle lifecycle, Decisions decisions, WorkingDayCalendar calendar, Clock clock) {
    this.lifecycle = lifecycle;
    this.decisions = decisions;
    this.calendar = calendar;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long id = MethodologyVariables.methodologyId(execution);
    Decisions.Taken decision = EvaluationOutcome.decided(decisions, execution, "RETIRE");
    lifecycle.get(id).endOn(LocalDate.now(clock.withZone(calendar.zone())));
    String comment = decision.text(MethodologyVariables.EVALUATION_COMMENT);
    Methodology methodology = lifecycle.transition(id, MethodologyStatus.RETIRED, "RETIRED",
        "动态评估结论：废止。不再受理新项目登记；已登记项目在当前计入期内可继续适用。" + comment);
    lifecycle.publish(methodology, "方法学废止：" + MethodologyLifecycle.label(methodology), comment);
  }
}
