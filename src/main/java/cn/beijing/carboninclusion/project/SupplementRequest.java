package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.common.SchemeRuleSet;
import java.time.Clock;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Asks the developer to supplement the application: counts the round and sets the deadline. */
@Component("supplementRequest")
class SupplementRequest implements JavaDelegate {
  private final ProjectLifecycle lifecycle;
  private final SchemeRuleBook rules;
  private final WorkingDayCalendar calendar;
  private final Clock clock;

  SupplementRequest(ProjectLifecycle lifecycle, SchemeRuleBook rules, WorkingDayCalendar calendar, Clock clock) {
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
    // the supplement time limit is the application's rule: as it stood when the application was filed
    // (docs/admin-rules.md, statutory moments), whatever changed since
    int days = rules.at(lifecycle.get(projectId).getCreatedAt()).days(SchemeRule.SUPPLEMENT_WORKING_DAYS);
    execution.setVariable(ProjectVariables.SUPPLEMENT_DUE, SchemeRuleSet.workingDays(days));
    execution.removeVariable(ProjectVariables.SUPPLEMENT_NOTE);
    LocalDate deadline = calendar.addWorkingDays(LocalDate.now(clock.withZone(calendar.zone())), days);
    lifecycle.transition(projectId, ProjectStatus.SUPPLEMENT_REQUESTED, "SUPPLEMENT_REQUESTED",
        "第 " + round + " 次补正（至多 " + execution.getVariable(ProjectVariables.MAX_SUPPLEMENT_ROUNDS) + " 次），请于 "
            + deadline + " 前提交。补正要求："
            + ProjectVariables.text(execution, ProjectVariables.REVIEW_COMMENT));
  }
}
