package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.decision.EffectRefused;
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
    Project project = lifecycle.get(projectId);
    if (project.getPublicityEnd() == null || lifecycle.today().isBefore(project.getPublicityEnd())) {
      throw new EffectRefused("「公示结束」被拒绝：公示期至 " + project.getPublicityEnd() + "，尚未届满 (publicity has not "
          + "run its course; a timer executed early does not end it)");
    }
    project.closePublicity(lifecycle.today());
    List<Objection> open = objections.open(projectId);
    execution.setVariable(ProjectVariables.OBJECTION_COUNT, (long) open.size());
    execution.setVariable(ProjectVariables.OBJECTION_SUMMARY, ObjectionService.summary(open));
    execution.setVariable(ProjectVariables.OBJECTION_UPHELD, false);
    lifecycle.note(projectId, "PUBLICITY_ENDED", "公示期满，收到异议 " + open.size() + " 件");
  }
}
