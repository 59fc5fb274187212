package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckResult;
import cn.beijing.carboninclusion.reduction.activity.ActivityUploads;
import org.springframework.stereotype.Component;

/** 数据质量: refuses missing activity data and missing, negative or out-of-range values. */
@Component("dataQualityCheck")
class DataQualityCheck extends ReductionCheckDelegate {
  private final ActivityUploads uploads;
  private final ReductionRules rules;

  DataQualityCheck(ReductionLifecycle lifecycle, CaseChecks checks, ActivityUploads uploads, ReductionRules rules) {
    super(lifecycle, checks);
    this.uploads = uploads;
    this.rules = rules;
  }

  @Override
  CheckResult check(ReductionApplication application) {
    return rules.dataQuality(application.getClaimedTco2e(), ReductionActivities.of(application),
        uploads.resultFor(application.getId()).isPresent());
  }
}
