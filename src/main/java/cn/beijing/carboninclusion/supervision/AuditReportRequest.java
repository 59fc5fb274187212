package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 通知提交审计报告: the period ended; the report is due and the developer is told. The developer's current accounts
 * become the candidates of the filing task (members may have changed since registration).
 */
@Component("auditReportRequest")
class AuditReportRequest implements JavaDelegate {
  private final AuditCycle cycle;
  private final SupervisedProjects supervised;

  AuditReportRequest(AuditCycle cycle, SupervisedProjects supervised) {
    this.cycle = cycle;
    this.supervised = supervised;
  }

  @Override
  public void execute(DelegateExecution execution) {
    cycle.request(ProcessVariables.id(execution, "auditReportId"));
    execution.setVariable("developerAccounts",
        supervised.developerAccounts(ProcessVariables.id(execution, "developerId")));
  }
}
