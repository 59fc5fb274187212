package cn.beijing.carboninclusion.methodology;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.decision.Decisions;
import java.time.Clock;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 废止: the methodology is RETIRED today — no new project registers under it; the bureau's decision states what
 * happens to the projects registered under it: they continue for the rest of their current crediting period, or
 * become Class II projects with no issuance from a date (docs/processes/methodology.md, issue 20 item 3).
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
    String existing = decision.text(MethodologyVariables.EXISTING_PROJECTS).trim();
    LocalDate stopsOn = "CLASS_TWO".equals(existing)
        ? LocalDate.parse(decision.text(MethodologyVariables.ISSUANCE_STOPS_ON).trim()) : null;
    Methodology retiring = lifecycle.get(id);
    retiring.endOn(LocalDate.now(clock.withZone(calendar.zone())));
    // a decision recorded before issue 20 names no choice: the projects continue, as the measures' default
    retiring.decideExistingProjects(existing.isEmpty() ? "CONTINUE" : existing, stopsOn);
    String comment = decision.text(MethodologyVariables.EVALUATION_COMMENT);
    Methodology methodology = lifecycle.transition(id, MethodologyStatus.RETIRED, "RETIRED",
        "动态评估结论：废止。不再受理新项目登记；" + MethodologyRelevel.existingProjectsText(
            existing.isEmpty() ? "CONTINUE" : existing, stopsOn) + comment);
    lifecycle.publish(methodology, "方法学废止：" + MethodologyLifecycle.label(methodology),
        MethodologyRelevel.existingProjectsText(existing.isEmpty() ? "CONTINUE" : existing, stopsOn) + comment);
  }
}
