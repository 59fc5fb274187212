package cn.beijing.carboninclusion.project;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Returns a Class II disclosure request to the developer with the technical center's reasons. */
@Component("disclosureReturn")
class DisclosureReturn implements JavaDelegate {
  private final ProjectLifecycle lifecycle;

  DisclosureReturn(ProjectLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    lifecycle.inform(ProjectVariables.projectId(execution), "DISCLOSURE_RETURNED", "信息公开申请被退回",
        ProjectVariables.text(execution, ProjectVariables.DISCLOSURE_COMMENT));
  }
}
