package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckResult;
import org.springframework.stereotype.Component;

/** Refuses an application of a project whose revenue audit obligations are not met (see {@link AuditObligations}). */
@Component("auditObligationCheck")
class AuditObligationCheck extends ReductionCheckDelegate {
  private final AuditObligations obligations;

  AuditObligationCheck(ReductionLifecycle lifecycle, CaseChecks checks, AuditObligations obligations) {
    super(lifecycle, checks);
    this.obligations = obligations;
  }

  @Override
  CheckResult check(ReductionApplication application) {
    return obligations.check(application.getProjectId());
  }
}
