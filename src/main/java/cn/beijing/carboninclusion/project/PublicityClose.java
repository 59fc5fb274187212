package cn.beijing.carboninclusion.project;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Closes publicity: counts the open objections and lists them for the technical center. */
@Component("publicityClose")
class PublicityClose implements JavaDelegate {
  private final ProjectLifecycle lifecycle;
  private final ObjectionService objections;

  PublicityClose(ProjectLifecycle lifecycle, ObjectionService objections) {
    this.lifecycle = lifecycle;
    this.objections = objections;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long projectId = ProjectVariables.projectId(execution);
    List<Objection> open = objections.open(projectId);
    execution.setVariable(ProjectVariables.OBJECTION_COUNT, (long) open.size());
    execution.setVariable(ProjectVariables.OBJECTION_SUMMARY, ObjectionService.summary(open));
    execution.setVariable(ProjectVariables.OBJECTION_UPHELD, false);
    lifecycle.note(projectId, "PUBLICITY_ENDED", "公示期满，收到异议 " + open.size() + " 件");
  }
}
