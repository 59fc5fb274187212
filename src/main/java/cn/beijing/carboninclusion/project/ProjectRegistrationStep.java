package cn.beijing.carboninclusion.project;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 予以登记: gives the project its registration number, status REGISTERED, and publishes the registration. */
@Component("projectRegistration")
class ProjectRegistrationStep implements JavaDelegate {
  private final ProjectLifecycle lifecycle;

  ProjectRegistrationStep(ProjectLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Project project = lifecycle.register(ProjectVariables.projectId(execution),
        ProjectVariables.text(execution, ProjectVariables.BUREAU_COMMENT));
    execution.setVariable(ProjectVariables.REGISTRATION_NO, project.getRegistrationNo());
  }
}
