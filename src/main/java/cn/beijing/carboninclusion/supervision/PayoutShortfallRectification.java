package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectLifecycle;
import cn.beijing.carboninclusion.reduction.PayoutShortfall;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A reconciled payout ledger below {@code revenueReturnMin} orders rectification (finding
 * {@link FindingKind#REVENUE_RETURN_LOW}) by the same path as a failed audit report ({@link AuditRectificationStart});
 * a project already being rectified, or not registered, keeps the finding on its case.
 */
@Component
class PayoutShortfallRectification {
  private final Rectifications rectifications;
  private final ProjectLifecycle projects;

  PayoutShortfallRectification(Rectifications rectifications, ProjectLifecycle projects) {
    this.rectifications = rectifications;
    this.projects = projects;
  }

  @EventListener
  void on(PayoutShortfall shortfall) {
    Project project = projects.get(shortfall.projectId());
    if (!rectifications.orderOnFinding(project, FindingKind.REVENUE_RETURN_LOW, shortfall.finding())) {
      projects.note(project.getId(), "PAYOUT_SHORTFALL_RECORDED", "项目当前状态为" + project.getStatus().label()
          + "，未另行启动整改；发放台账核对问题记入案卷：" + shortfall.finding());
    }
  }
}
