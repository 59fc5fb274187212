package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 审计报告不合格: the rejection is recorded and published, and the finding for the rectification is set — revenue
 * return under the minimum when the ratio check flagged it, otherwise a failed audit report.
 */
@Component("auditReportRejection")
class AuditReportRejection implements JavaDelegate {
  private final AuditCycle cycle;
  private final AuditDecisions decisions;

  AuditReportRejection(AuditCycle cycle, AuditDecisions decisions) {
    this.cycle = cycle;
    this.decisions = decisions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    AuditReport report = cycle.reject(ProcessVariables.id(execution, "auditReportId"),
        decisions.reviewer(execution), AuditDecisions.comment(execution));
    FindingKind kind = Boolean.FALSE.equals(execution.getVariable("auditRatioMet"))
        ? FindingKind.REVENUE_RETURN_LOW : FindingKind.AUDIT_REPORT;
    execution.setVariable("auditFindingKind", kind.name());
    execution.setVariable("auditFinding", "审计期 " + report.getPeriodLabel() + " 的审计报告审核不合格："
        + report.getDecisionComment());
  }
}
