package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.SchemeRules;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 公示: publishes the application for the configured working days; the model's timer ends it. */
@Component("publicityStart")
class PublicityStart implements JavaDelegate {
  private final ProjectLifecycle lifecycle;
  private final SchemeRules rules;

  PublicityStart(ProjectLifecycle lifecycle, SchemeRules rules) {
    this.lifecycle = lifecycle;
    this.rules = rules;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int days = rules.publicityWorkingDays();
    execution.setVariable(ProjectVariables.PUBLICITY_DURATION, SchemeRules.workingDays(days));
    lifecycle.startPublicity(ProjectVariables.projectId(execution), days);
  }
}
