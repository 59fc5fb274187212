package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.ProcessVariables;
import cn.beijing.carboninclusion.common.Texts;
import cn.beijing.carboninclusion.reduction.ReductionApplication;
import cn.beijing.carboninclusion.reduction.ReductionApplications;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * 虚假核查: when the bureau finds a verification false ({@code Task_BarVerifier}), the verifier named on the
 * application (its domain row, not a variable) is barred for the rule's years ({@code barYears}) with the bureau's
 * facts as the reason, and the bar is published with the others. An agency already barred stays under its bar.
 */
@Component("falseVerificationBar")
class FalseVerificationBar implements JavaDelegate {
  private static final Logger log = LoggerFactory.getLogger(FalseVerificationBar.class);

  private final ReductionApplications applications;
  private final Bars bars;

  FalseVerificationBar(ReductionApplications applications, Bars bars) {
    this.applications = applications;
    this.bars = bars;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long applicationId = ProcessVariables.id(execution, "applicationId");
    ReductionApplication application = applications.findById(applicationId).orElseThrow();
    Long agencyId = application.getVerifierAgencyId();
    if (agencyId == null) {
      return;
    }
    String facts = ProcessVariables.text(execution, "falseVerificationReason");
    try {
      bars.bar(Bar.SubjectKind.AGENCY, agencyId, Texts.abridged("虚假核查（减排量申请 " + applicationId + "）：" + facts,
          4000), null);
    } catch (ConflictException alreadyBarred) {
      log.info("verifier {} already barred; the finding on reduction application {} is in its case history",
          agencyId, applicationId);
    }
  }
}
