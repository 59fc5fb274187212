package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.ProcessVariables;
import cn.beijing.carboninclusion.decision.Decisions;
import cn.beijing.carboninclusion.project.ProjectLifecycle;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 责令整改: the inspector found a problem with a project and proposed rectification (the recorded decision of that
 * inspection, whatever route led here); the project is suspended and its rectification ordered on the same path as an
 * audit finding ({@link Rectifications#orderOnFinding}). A project already being rectified, or no longer registered,
 * keeps the finding on its case.
 */
@Component("spotCheckRectificationStart")
class SpotCheckRectificationStart implements JavaDelegate {
  private final SpotChecks spotChecks;
  private final Decisions decisions;
  private final ProjectLifecycle projects;

  SpotCheckRectificationStart(SpotChecks spotChecks, Decisions decisions, ProjectLifecycle projects) {
    this.spotChecks = spotChecks;
    this.decisions = decisions;
    this.projects = projects;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SpotCheckItem item = spotChecks.item(ProcessVariables.id(execution, "spotCheckItemId"));
    Decisions.Trail trail = decisions.of(execution);
    if (item.getSubjectKind() != SpotCheckSubjectKind.PROJECT || item.getTaskId() == null) {
      throw trail.refused("抽查对象不是已检查的项目 (the item is no inspected project)");
    }
    trail.requireTask(item.getTaskId(), "inspectionConclusion", "FINDING");
    trail.requireTask(item.getTaskId(), "proposedAction", "RECTIFY");
    var project = projects.get(item.getSubjectId());
    if (spotChecks.orderRectification(item, project) == SpotCheckItem.Outcome.FINDING_RECORDED) {
      projects.note(project.getId(), "SPOT_CHECK_FINDING_RECORDED", "项目当前状态为" + project.getStatus().label()
          + "，未另行启动整改；双随机抽查发现的问题记入案卷：" + item.getFinding());
    }
  }
}
