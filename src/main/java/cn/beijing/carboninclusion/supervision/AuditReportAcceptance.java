package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 公开审计报告: the technical center accepted the report; it is published on the disclosure data. */
@Component("auditReportAcceptance")
class AuditReportAcceptance implements JavaDelegate {
  private final AuditCycle cycle;
  private final AuditDecisions decisions;

  AuditReportAcceptance(AuditCycle cycle, AuditDecisions decisions) {
    this.cycle = cycle;
    this.decisions = decisions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    cycle.accept(ProcessVariables.id(execution, "auditReportId"), decisions.reviewer(execution),
        AuditDecisions.comment(execution));
  }
}
