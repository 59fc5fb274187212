package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 记录审计报告逾期: no report by the due date; recorded, published, and the finding for the rectification set. */
@Component("auditReportOverdue")
class AuditReportOverdue implements JavaDelegate {
  private final AuditCycle cycle;

  AuditReportOverdue(AuditCycle cycle) {
    this.cycle = cycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    AuditReport report = cycle.overdue(ProcessVariables.id(execution, "auditReportId"));
    execution.setVariable("auditFindingKind", FindingKind.AUDIT_REPORT.name());
    execution.setVariable("auditFinding", "审计期 " + report.getPeriodLabel() + " 的审计报告应于 "
        + cycle.lastDay(report) + " 前提交，逾期未提交");
  }
}
