package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.common.PublicEvent;
import cn.beijing.carboninclusion.decision.Decisions;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectVersions;
import cn.beijing.carboninclusion.registry.IssueRequest;
import cn.beijing.carboninclusion.registry.IssuedBlock;
import cn.beijing.carboninclusion.registry.Registry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 签发登记: checks that this case's verification, technical review and bureau approval are on record (the engaged
 * agency's report filed and concluded CONFIRMED or ADJUSTED, the review approved, the bureau approved; by three people,
 * in that order, issued ≤ approved ≤ reviewed ≤ verified by the agency ≤ claimed, and — for a registered quantity above the platform's
 * recomputation limit — the reasons both decisions recorded for it), then registers the approved quantity and issues it into the registry as whole 1-tCO2e units (a fraction is not
 * issued, and the case says so); the registration is published. The vintage is the year the monitoring period ends.
 */
@Component("reductionIssuance")
class ReductionIssuance implements JavaDelegate {
  private final ReductionLifecycle lifecycle;
  private final Registry registry;
  private final ProjectVersions versions;
  private final Decisions decisions;
  private final ReductionRules rules;
  private final VerificationReports reports;
  private final cn.beijing.carboninclusion.methodology.Methodologies methodologies;
  private final WorkingDayCalendar calendar;
  private final Clock clock;

  ReductionIssuance(ReductionLifecycle lifecycle, Registry registry, ProjectVersions versions, Decisions decisions,
      ReductionRules rules, VerificationReports reports, cn.beijing.carboninclusion.methodology.Methodologies methodologies,
      WorkingDayCalendar calendar, Clock clock) {
    this.methodologies = methodologies;
    this.calendar = calendar;
    this.clock = clock;
    this.lifecycle = lifecycle;
    this.registry = registry;
    this.versions = versions;
    this.decisions = decisions;
    this.rules = rules;
    this.reports = reports;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long id = ReductionVariables.applicationId(execution);
    ReductionApplication application = lifecycle.get(id);
    Project project = lifecycle.projectOf(application);
    // the quantities come from the decisions on record for this case, never from process variables
    Decisions.Trail trail = decisions.of(execution);
    Decisions.Taken verification = trail.require("Task_Verification", ReductionVariables.VERIFICATION_OPINION,
        VerificationOpinion.CONFIRMED.name(), VerificationOpinion.ADJUSTED.name());
    Decisions.Taken review = trail.require("Task_TechnicalReview", ReductionVariables.REVIEW_DECISION, "APPROVE");
    Decisions.Taken approval = trail.require("Task_BureauApproval", ReductionVariables.BUREAU_DECISION, "APPROVE");
    trail.byDistinctPeople(verification, review, approval).inOrder(verification, review, approval);
    BigDecimal verifierVerified = verification.decimal(ReductionVariables.VERIFIER_VERIFIED);
    requireReport(trail, application, verification, verifierVerified);
    BigDecimal verified = review.decimal(ReductionVariables.VERIFIED);
    if (verified.compareTo(verifierVerified) > 0) {
      throw trail.refused("核定减排量 " + verified.toPlainString() + " 高于核查机构核查的 " + verifierVerified.toPlainString()
          + " tCO2e (verifiedTco2e: the review may not exceed the verification)");
    }
    BigDecimal approved = approval.decimal(ReductionVariables.APPROVED);
    if (approved.signum() < 0 || approved.compareTo(verified) > 0 || verified.compareTo(application.getClaimedTco2e()) > 0) {
      throw trail.refused("数量不一致：登记 " + approved.toPlainString() + " ≤ 核定 " + verified.toPlainString() + " ≤ 申报 "
          + application.getClaimedTco2e().toPlainString() + " 不成立 (issued ≤ approved ≤ verified ≤ claimed)");
    }
    // the recomputation gate: above the limit fixed when the platform recomputed, both decisions must give their reason
    BigDecimal limit = application.getRecomputeLimitTco2e() != null ? application.getRecomputeLimitTco2e()
        : rules.recomputeLimit(application.getRecomputedTco2e());
    String aboveRecomputation = "";
    if (ReductionRules.aboveRecomputation(approved, limit)) {
      String reviewReason = review.text(ReductionVariables.EXCESS_REASON).trim();
      String bureauReason = approval.text(ReductionVariables.BUREAU_EXCESS_REASON).trim();
      if (reviewReason.isEmpty() || bureauReason.isEmpty()) {
        throw trail.refused("登记 " + approved.toPlainString() + " tCO2e 高于" + rules.limitText(
            application.getRecomputedTco2e(), limit) + "，" + (reviewReason.isEmpty() ? "技术审核" : "登记审批")
            + "未记录理由 (" + (reviewReason.isEmpty() ? ReductionVariables.EXCESS_REASON
                : ReductionVariables.BUREAU_EXCESS_REASON) + ": a quantity above the recomputation needs its reason)");
      }
      String reasons = "技术中心：" + reviewReason + "；生态环境局：" + bureauReason;
      application.registeredAboveRecomputation(reasons);
      aboveRecomputation = "。登记量高于" + rules.limitText(application.getRecomputedTco2e(), limit) + "，理由——"
          + reasons;
    }
    // the bureau's evaluation decision on the methodology version, whatever the case's checks said when they ran
    java.util.Optional<String> stopped = ReductionRules.methodologyStopsIssuance(
        methodologies.findById(project.getMethodologyId()).orElse(null),
        LocalDate.now(clock.withZone(calendar.zone())));
    if (stopped.isPresent()) {
      throw trail.refused(stopped.get());
    }
    application.verify(verified);
    application.approve(approved);
    long units = approved.setScale(0, RoundingMode.DOWN).longValueExact();
    String fraction = approved.subtract(BigDecimal.valueOf(units)).signum() > 0
        ? "（不足 1 吨的 " + approved.subtract(BigDecimal.valueOf(units)).stripTrailingZeros().toPlainString()
            + " tCO2e 不予签发）" : "";
    String issued;
    if (units > 0) {
      // the reductions of the period belong to the developer of the version in force on its last day
      Long developerId = versions.inForce(project.getId(), application.getPeriodEnd()).getDeveloperId();
      IssuedBlock block = registry.issue(new IssueRequest(id, project.getId(), project.getRegistrationNo(),
          developerId, application.getPeriodEnd().getYear(), units, trail.head()));
      application.issued(block.quantity(), block.firstSerial(), block.lastSerial());
      issued = "签发 " + block.quantity() + " tCO2e，序号 " + block.firstSerial() + " 至 " + block.lastSerial() + fraction;
    } else {
      application.issued(0, null, null);
      issued = "登记减排量不足 1 吨，无签发" + fraction;
    }
    lifecycle.transition(id, ReductionStatus.REGISTERED, "REGISTERED", "予以登记 " + approved.stripTrailingZeros()
        .toPlainString() + " tCO2e；" + issued + "。" + approval.text(ReductionVariables.BUREAU_COMMENT));
    lifecycle.publish(application, PublicEvent.Kind.REDUCTION_REGISTERED, "减排量登记：" + project.getName(),
        "登记编号 " + project.getRegistrationNo() + "，监测期 " + application.getPeriodStart() + " 至 "
            + application.getPeriodEnd() + "，登记减排量 " + approved.stripTrailingZeros().toPlainString() + " tCO2e；" + issued
            + aboveRecomputation);
  }

  /**
   * The verification report on file must be the engaged agency's, with its document (SHA-256) and the same
   * conclusion the verification decision recorded, by the same person.
   */
  private void requireReport(Decisions.Trail trail, ReductionApplication application, Decisions.Taken verification,
      BigDecimal verifierVerified) {
    VerificationReport report = reports.findByApplicationId(application.getId())
        .filter(r -> r.getAgencyId().equals(application.getVerifierAgencyId()) && r.getSha256() != null)
        .orElseThrow(() -> trail.refused("无受托核查机构的核查报告 (verification report of the engaged agency missing)"));
    if (report.getOpinion() == null || !report.getOpinion().name().equals(verification.text(
        ReductionVariables.VERIFICATION_OPINION)) || report.getVerifiedTco2e() == null
        || report.getVerifiedTco2e().compareTo(verifierVerified) != 0
        || !verification.by().equals(report.getConcludedBy())) {
      throw trail.refused("核查报告记载的结论与核查决定不一致 (verification report and decision differ)");
    }
  }
}
