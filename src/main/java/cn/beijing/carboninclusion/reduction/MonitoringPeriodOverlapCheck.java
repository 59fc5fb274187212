package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckResult;
import org.springframework.stereotype.Component;

/** Refuses a monitoring period that overlaps another live application of the same project. */
@Component("monitoringPeriodOverlapCheck")
class MonitoringPeriodOverlapCheck extends ReductionCheckDelegate {
  private final ReductionApplications applications;
  private final ReductionRules rules;

  MonitoringPeriodOverlapCheck(ReductionLifecycle lifecycle, CaseChecks checks, ReductionApplications applications,
      ReductionRules rules) {
    super(lifecycle, checks);
    this.applications = applications;
    this.rules = rules;
  }

  @Override
  CheckResult check(ReductionApplication application) {
    return rules.overlap(application, applications.findByProjectIdOrderByPeriodStartAsc(application.getProjectId()));
  }
}
