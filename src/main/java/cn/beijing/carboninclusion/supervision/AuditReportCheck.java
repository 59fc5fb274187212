package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.CheckDelegate;
import cn.beijing.carboninclusion.common.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 核对审计报告: the return ratio after costs and the declared proceeds against the registry (see
 * {@link AuditCycle#check}); the results go to the reviewer in {@code checkSummary}, and as {@code auditRatioMet} and
 * {@code auditProceedsConsistent}.
 */
@Component("auditReportCheck")
class AuditReportCheck implements JavaDelegate {
  private final AuditCycle cycle;

  AuditReportCheck(AuditCycle cycle) {
    this.cycle = cycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    AuditCycle.AuditCheck check = cycle.check(ProcessVariables.id(execution, "auditReportId"));
    execution.setVariable(CheckDelegate.CHECK_SUMMARY, check.summary());
    execution.setVariable("auditRatioMet", check.ratioMet());
    execution.setVariable("auditProceedsConsistent", check.proceedsConsistent());
  }
}
