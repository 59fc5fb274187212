package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.PublicEvent;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 二类项目信息公开: publishes a Class II project's information, including its revenue management plan. */
@Component("classTwoDisclosure")
class ClassTwoDisclosure implements JavaDelegate {
  private final ProjectLifecycle lifecycle;

  ClassTwoDisclosure(ProjectLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long projectId = ProjectVariables.projectId(execution);
    Project project = lifecycle.transition(projectId, ProjectStatus.DISCLOSED, "DISCLOSED",
        "项目信息已公开。" + ProjectVariables.text(execution, ProjectVariables.DISCLOSURE_COMMENT));
    lifecycle.publish(project, PublicEvent.Kind.CLASS_II_DISCLOSED, "二类项目信息公开：" + project.getName(),
        ProjectVariables.text(execution, ProjectVariables.DISCLOSURE_SUMMARY));
  }
}
