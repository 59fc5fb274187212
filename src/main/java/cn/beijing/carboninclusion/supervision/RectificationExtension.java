package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.ProcessVariables;

import cn.beijing.carboninclusion.project.ProjectLifecycle;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 延期: the bureau gives the developer another rectification period. */
@Component("rectificationExtension")
class RectificationExtension implements JavaDelegate {
  private final ProjectLifecycle lifecycle;

  RectificationExtension(ProjectLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    lifecycle.inform(ProcessVariables.id(execution, "projectId"), "RECTIFICATION_EXTENDED", "整改期限已延长",
        String.valueOf(execution.getVariable("overdueComment")));
  }
}
