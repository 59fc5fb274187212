package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.decision.Decisions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 予以登记: checks the decisions on record for this case, then gives the project its registration number, status REGISTERED, and publishes the registration. */
@Component("projectRegistration")
class ProjectRegistrationStep implements JavaDelegate {
  private final ProjectLifecycle lifecycle;
  private final Decisions decisions;

  ProjectRegistrationStep(ProjectLifecycle lifecycle, Decisions decisions) {
    this.lifecycle = lifecycle;
    this.decisions = decisions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // the technical review and the bureau's decision of this case, by two people, in that order, after publicity
    Decisions.Trail trail = decisions.of(execution);
    Decisions.Taken review = trail.require("Task_TechnicalReview", ProjectVariables.REVIEW_DECISION, "APPROVE");
    Decisions.Taken decision = trail.require("Task_BureauDecision", ProjectVariables.BUREAU_DECISION, "APPROVE");
    trail.byDistinctPeople(review, decision).inOrder(review, decision);
    Project current = lifecycle.get(ProjectVariables.projectId(execution));
    if (current.getStatus() != ProjectStatus.IN_PUBLICITY || current.getPublicityClosedOn() == null
        || current.getPublicityClosedOn().isBefore(current.getPublicityEnd())) {
      throw trail.refused("项目未经完整公示 (publicity not completed: " + current.getStatus() + ", 公示至 "
          + current.getPublicityEnd() + "，结束于 " + current.getPublicityClosedOn() + ")");
    }
    Project project = lifecycle.register(current.getId(), decision.text(ProjectVariables.BUREAU_COMMENT));
    execution.setVariable(ProjectVariables.REGISTRATION_NO, project.getRegistrationNo());
  }
}
