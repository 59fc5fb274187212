package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.CheckResult;
import cn.beijing.carboninclusion.reduction.AuditObligations;
import org.springframework.stereotype.Component;

/**
 * The reduction check's view of the audit obligations: an application of a project whose audit report is overdue or
 * was rejected, and not yet settled by a passed rectification, is refused.
 */
@Component
class AuditReportObligations implements AuditObligations {
  static final String ERROR_CODE = "AUDIT_OBLIGATIONS_UNMET";

  private final AuditCycle cycle;

  AuditReportObligations(AuditCycle cycle) {
    this.cycle = cycle;
  }

  @Override
  public CheckResult check(Long projectId) {
    return cycle.obligations(projectId, CHECK_NAME, ERROR_CODE);
  }
}
