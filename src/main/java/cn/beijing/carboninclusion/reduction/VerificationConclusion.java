package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.common.TaskInputRejected;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Completing the verification task ({@code Task_Verification}) takes the verifier's filed report: without one, or
 * with conclusions that do not hold together, the completion is refused (400 naming the field) and nothing changes.
 * The conclusions are kept with the report, and the technical review reads them ({@code verificationSummary}).
 */
@Component("verificationConclusion")
class VerificationConclusion implements TaskListener {
  private final ReductionLifecycle lifecycle;
  private final VerificationReports reports;
  private final IdentityService identityService;
  private final Clock clock;

  VerificationConclusion(ReductionLifecycle lifecycle, VerificationReports reports, IdentityService identityService,
      Clock clock) {
    this.lifecycle = lifecycle;
    this.reports = reports;
    this.identityService = identityService;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    ReductionApplication application = lifecycle.get(ReductionVariables.applicationId(task));
    VerificationReport report = reports.findByApplicationId(application.getId())
        .filter(r -> r.getAgencyId().equals(application.getVerifierAgencyId()) && r.getSha256() != null)
        .orElseThrow(() -> new TaskInputRejected("须先上传核查报告 (verificationReport): POST /api/reduction-applications/"
            + application.getId() + "/verification-report"));
    VerificationOpinion opinion;
    try {
      opinion = VerificationOpinion.valueOf(String.valueOf(task.getVariable(ReductionVariables.VERIFICATION_OPINION)));
    } catch (IllegalArgumentException e) {
      throw new TaskInputRejected("核查结论无效 (verificationOpinion)");
    }
    BigDecimal claimed = application.getClaimedTco2e();
    BigDecimal verified = ReductionVariables.decimal(task, ReductionVariables.VERIFIER_VERIFIED);
    if (verified == null || verified.signum() < 0 || verified.compareTo(claimed) > 0) {
      throw new TaskInputRejected("核查减排量须在 0 至申报量 " + ReductionRules.plain(claimed)
          + " tCO2e 之间 (verifierVerifiedTco2e)");
    }
    boolean consistent = switch (opinion) {
      case CONFIRMED -> verified.compareTo(claimed) == 0;
      case ADJUSTED -> verified.signum() > 0 && verified.compareTo(claimed) < 0;
      case NOT_CONFIRMED -> verified.signum() == 0;
    };
    if (!consistent) {
      throw new TaskInputRejected("核查减排量与核查结论「" + opinion.label() + "」不一致：确认申报量时等于申报量，核减时小于申报量且大于零，"
          + "不予确认时为 0 (verifierVerifiedTco2e)");
    }
    String comment = ReductionVariables.text(task, ReductionVariables.VERIFICATION_COMMENT);
    var authentication = identityService.getCurrentAuthentication();
    String by = authentication != null && authentication.getUserId() != null ? authentication.getUserId()
        : task.getAssignee() == null ? "—" : task.getAssignee();
    report.conclude(opinion, verified, comment, by, Instant.now(clock));
    task.getExecution().setVariable(ReductionVariables.VERIFICATION_SUMMARY, "核查机构："
        + task.getVariable(ReductionVariables.VERIFIER_NAME) + "\n核查结论：" + opinion.label() + "，核查减排量 "
        + ReductionRules.plain(verified) + " tCO2e（申报 " + ReductionRules.plain(claimed) + " tCO2e）\n核查报告："
        + report.getFilename() + "，SHA-256 " + report.getSha256() + "\n核查意见：" + (comment == null ? "" : comment));
  }
}
