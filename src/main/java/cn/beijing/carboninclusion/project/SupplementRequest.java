package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.common.SchemeRules;
import java.time.Clock;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Asks the developer to supplement the application: counts the round and sets the deadline. */
@Component("supplementRequest")
class SupplementRequest implements JavaDelegate {
  private final ProjectLifecycle lifecycle;
  private final SchemeRules rules;
  private final WorkingDayCalendar calendar;
  private final Clock clock;

  SupplementRequest(ProjectLifecycle lifecycle, SchemeRules rules, WorkingDayCalendar calendar, Clock clock) {
    this.lifecycle = lifecycle;
    this.rules = rules;
    this.calendar = calendar;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long projectId = ProjectVariables.projectId(execution);
    int round = lifecycle.countSupplementRound(projectId);
    execution.setVariable(ProjectVariables.SUPPLEMENT_ROUND, round);
    execution.setVariable(ProjectVariables.SUPPLEMENT_DUE, SchemeRules.workingDays(rules.supplementWorkingDays()));
    execution.removeVariable(ProjectVariables.SUPPLEMENT_NOTE);
    LocalDate deadline = calendar.addWorkingDays(LocalDate.now(clock.withZone(calendar.zone())),
        rules.supplementWorkingDays());
    lifecycle.transition(projectId, ProjectStatus.SUPPLEMENT_REQUESTED, "SUPPLEMENT_REQUESTED",
        "第 " + round + " 次补正（至多 " + rules.maxSupplementRounds() + " 次），请于 " + deadline + " 前提交。补正要求："
            + ProjectVariables.text(execution, ProjectVariables.REVIEW_COMMENT));
  }
}
