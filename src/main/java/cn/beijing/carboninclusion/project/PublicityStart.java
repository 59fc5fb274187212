package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.common.SchemeRuleSet;
import cn.beijing.carboninclusion.decision.Decisions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 公示: publishes the application for the scheme rule {@code publicityWorkingDays} as it stands when publicity starts
 * (the latest scheme-rules.dmn); the model's timer ends it.
 */
@Component("publicityStart")
class PublicityStart implements JavaDelegate {
  private final ProjectLifecycle lifecycle;
  private final SchemeRuleBook rules;
  private final Decisions decisions;

  PublicityStart(ProjectLifecycle lifecycle, SchemeRuleBook rules, Decisions decisions) {
    this.lifecycle = lifecycle;
    this.rules = rules;
    this.decisions = decisions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    decisions.of(execution).require("Task_TechnicalReview", ProjectVariables.REVIEW_DECISION, "APPROVE");
    int days = rules.days(SchemeRule.PUBLICITY_WORKING_DAYS);
    execution.setVariable(ProjectVariables.PUBLICITY_DURATION, SchemeRuleSet.workingDays(days));
    lifecycle.startPublicity(ProjectVariables.projectId(execution), days);
  }
}
