package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.common.CaseCheck;
import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckResult;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.common.PublicEvent;
import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectLifecycle;
import cn.beijing.carboninclusion.project.ProjectVersions;
import cn.beijing.carboninclusion.registry.RegistryViews.RevenueReturnRatio;
import cn.beijing.carboninclusion.registry.RevenueReturnMonitor;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit obligations of registered Class I projects (审计报告, Chapter 5): opens each audit period, asks for its
 * report, records the filing, checks it against the revenue rule and the registry, and records the decision. The
 * {@code AuditReport} process calls it step by step; the reduction check reads {@link #obligations(Long)}.
 */
@Service
public class AuditCycle {
  public static final String CASE_TYPE = "AUDIT_REPORT";
  static final String CHECK_RATIO = "核对收益返还比例";
  static final String CHECK_PROCEEDS = "核对收益与登记簿成交记录";
  static final String CHECK_PAYOUTS = "核对返还金额与发放台账";
  private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy年M月d日");

  private final AuditReports reports;
  private final ProjectLifecycle projects;
  private final RevenueReturnMonitor revenue;
  private final SchemeRuleBook rules;
  private final AuditSettings settings;
  private final CaseChecks checks;
  private final WorkingDayCalendar calendar;
  private final ProjectVersions versions;
  private final Clock clock;

  AuditCycle(AuditReports reports, ProjectLifecycle projects, RevenueReturnMonitor revenue, SchemeRuleBook rules,
      AuditSettings settings, CaseChecks checks, WorkingDayCalendar calendar, ProjectVersions versions, Clock clock) {
    this.versions = versions;
    this.reports = reports;
    this.projects = projects;
    this.revenue = revenue;
    this.rules = rules;
    this.settings = settings;
    this.checks = checks;
    this.calendar = calendar;
    this.clock = clock;
  }

  /** Opens the project's next audit period: the one its registration falls in, or the one after the last. */
  @Transactional(propagation = Propagation.MANDATORY)
  public AuditReport openPeriod(Long projectId) {
    ZoneId zone = calendar.zone();
    AuditPeriod period = reports.findFirstByProjectIdOrderByPeriodStartDesc(projectId)
        .map(last -> AuditPeriod.containing(last.getPeriodStart(), settings, zone).next(settings, zone))
        .orElseGet(() -> AuditPeriod.containing(registrationDay(projectId), settings, zone));
    AuditReport report = reports.save(new AuditReport(projectId, period.label(), period.start(),
        period.endExclusive(), period.dueAt()));
    projects.note(projectId, "AUDIT_PERIOD_OPENED", "审计期 " + period.label() + " 开始，审计报告应于 "
        + lastDay(report) + " 前提交");
    return report;
  }

  /** The period ended: the report is due, and the developer is told by when. */
  @Transactional(propagation = Propagation.MANDATORY)
  public AuditReport request(Long reportId) {
    AuditReport report = get(reportId);
    report.due();
    projects.inform(report.getProjectId(), "AUDIT_REPORT_DUE", "请提交收益使用审计报告",
        "审计期 " + report.getPeriodLabel() + " 已结束。请委托专业审计机构对收益使用情况进行审计，并于 "
            + lastDay(report) + " 前通过平台提交审计报告；逾期未提交的，项目将被暂停并责令整改。");
    return report;
  }

  /** Records the audit firm the developer engaged for the period (validated by {@link AuditFirmEngagement}). */
  @Transactional(propagation = Propagation.MANDATORY)
  public AuditReport engage(Long reportId, ServiceAgency firm, String by) {
    AuditReport report = get(reportId);
    report.engaged(firm, by, Instant.now(clock));
    projects.note(report.getProjectId(), "AUDIT_FIRM_ENGAGED", "委托审计机构 " + firm.getName() + "（"
        + firm.getCreditCode() + "）审计审计期 " + report.getPeriodLabel() + " 的收益使用情况");
    return report;
  }

  /** Records the audit firm's filing (validated by {@link AuditReportFiling}). */
  @Transactional(propagation = Propagation.MANDATORY)
  public AuditReport file(Long reportId, AuditReportFiling.Filing filing, String by) {
    AuditReport report = get(reportId);
    report.filed(filing, by, Instant.now(clock));
    projects.note(report.getProjectId(), "AUDIT_REPORT_FILED", "提交审计期 " + report.getPeriodLabel()
        + " 的审计报告（审计机构：" + report.getAgencyName() + "，审计意见：" + filing.opinion().label() + "）");
    return report;
  }

  /**
   * Checks the filed report: the return ratio after costs against the scheme rule {@code revenueReturnMin},
   * and the declared proceeds against the proceeds the exchange reported to the registry for the period. Both results
   * go on the case for the reviewer; neither stops the case (the technical center decides).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public AuditCheck check(Long reportId) {
    AuditReport report = get(reportId);
    Project project = projects.get(report.getProjectId());
    BigDecimal minimum = rules.share(SchemeRule.REVENUE_RETURN_MIN);
    // the developer of the audit period: the one of the project version in force on its last day
    Long developerId = versions.inForce(project.getId(), report.getPeriodEnd().minusDays(1)).getDeveloperId();
    RevenueReturnRatio rating = RevenueReturnMonitor.rate(project.getRegistrationNo(), developerId,
        report.getPeriodStart().getYear(), 0, report.getProceeds(), report.getOperatingCosts(),
        report.getReturnedAmount(), minimum, false);
    BigDecimal recorded = revenue.recordedProceeds(project.getRegistrationNo(), report.getPeriodStart(),
        report.getPeriodEnd());
    report.checked(rating.ratio(), recorded);

    String percent = minimum.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    CheckResult ratioResult;
    if (report.getProceeds().signum() == 0) {
      ratioResult = CheckResult.passed(CHECK_RATIO, "本期无减排量出售收益，无需返还");
    } else if (rating.ratio() == null) {
      ratioResult = CheckResult.flagged(CHECK_RATIO, "运营成本 " + yuan(report.getOperatingCosts())
          + " 不低于收益 " + yuan(report.getProceeds()) + "，无可返还收益，低于 " + percent + " 的要求");
    } else {
      String detail = "返还 " + yuan(report.getReturnedAmount()) + " ÷（收益 " + yuan(report.getProceeds())
          + " − 运营成本 " + yuan(report.getOperatingCosts()) + "）= " + asPercent(rating.ratio());
      ratioResult = rating.belowMinimum()
          ? CheckResult.flagged(CHECK_RATIO, detail + "，低于 " + percent)
          : CheckResult.passed(CHECK_RATIO, detail + "，不低于 " + percent);
    }
    BigDecimal difference = report.getProceeds().subtract(recorded);
    CheckResult proceedsResult = difference.signum() == 0
        ? CheckResult.passed(CHECK_PROCEEDS, "申报收益 " + yuan(report.getProceeds()) + " 与登记簿成交收益一致")
        : CheckResult.flagged(CHECK_PROCEEDS, "申报收益 " + yuan(report.getProceeds()) + "，登记簿记录的本期成交收益 "
            + yuan(recorded) + "，相差 " + yuan(difference));
    checks.record(CASE_TYPE, reportId, ratioResult);
    checks.record(CASE_TYPE, reportId, proceedsResult);
    checks.record(CASE_TYPE, reportId, payouts(report, project));
    return new AuditCheck(ratioResult.outcome() == CaseCheck.Outcome.PASSED,
        difference.signum() == 0, checks.summary(CASE_TYPE, reportId));
  }

  /**
   * The returned amount the audit firm states against what the reconciled payout ledgers of the year paid the
   * participants (the verified returns): equal passes, a difference or no ledger at all is shown to the reviewer.
   */
  private CheckResult payouts(AuditReport report, Project project) {
    int year = report.getPeriodStart().getYear();
    java.util.Optional<BigDecimal> paid = revenue.verifiedReturned(project.getRegistrationNo(), year);
    if (paid.isEmpty()) {
      return report.getReturnedAmount().signum() == 0
          ? CheckResult.passed(CHECK_PAYOUTS, "本期无返还，亦无发放台账")
          : CheckResult.flagged(CHECK_PAYOUTS, "审计报告所述返还 " + yuan(report.getReturnedAmount()) + "，但 " + year
              + " 年度没有经平台核对的发放台账（POST /api/reduction-applications/{id}/payouts），返还金额无从核实");
    }
    BigDecimal difference = report.getReturnedAmount().subtract(paid.get());
    return difference.signum() == 0
        ? CheckResult.passed(CHECK_PAYOUTS, "审计报告所述返还 " + yuan(report.getReturnedAmount()) + " 与发放台账一致")
        : CheckResult.flagged(CHECK_PAYOUTS, "审计报告所述返还 " + yuan(report.getReturnedAmount()) + "，发放台账合计 "
            + yuan(paid.get()) + "，相差 " + yuan(difference));
  }

  /** The outcome of {@link #check}: whether the ratio holds and the proceeds agree, and the summary for the form. */
  public record AuditCheck(boolean ratioMet, boolean proceedsConsistent, String summary) {}

  /** 合格: the report is accepted and published. */
  @Transactional(propagation = Propagation.MANDATORY)
  public AuditReport accept(Long reportId, String by, String comment) {
    AuditReport report = get(reportId);
    report.decided(true, by, Instant.now(clock), comment);
    Project project = projects.get(report.getProjectId());
    projects.inform(project.getId(), "AUDIT_REPORT_ACCEPTED", "审计报告审核合格",
        "审计期 " + report.getPeriodLabel() + " 的审计报告审核合格，已公开。" + comment);
    projects.publish(project, PublicEvent.Kind.AUDIT_REPORT_ACCEPTED,
        "审计报告：" + project.getName() + "（" + report.getPeriodLabel() + "）", disclosure(report));
    return report;
  }

  /** 不合格: the report is rejected (published); the process then orders rectification. */
  @Transactional(propagation = Propagation.MANDATORY)
  public AuditReport reject(Long reportId, String by, String comment) {
    AuditReport report = get(reportId);
    report.decided(false, by, Instant.now(clock), comment);
    Project project = projects.get(report.getProjectId());
    projects.inform(project.getId(), "AUDIT_REPORT_REJECTED", "审计报告审核不合格",
        "审计期 " + report.getPeriodLabel() + " 的审计报告审核不合格：" + comment);
    projects.publish(project, PublicEvent.Kind.AUDIT_REPORT_REJECTED,
        "审计报告不合格：" + project.getName() + "（" + report.getPeriodLabel() + "）",
        disclosure(report) + "。审核意见：" + comment);
    return report;
  }

  /** 逾期: no report by the due date (published); the process then orders rectification. */
  @Transactional(propagation = Propagation.MANDATORY)
  public AuditReport overdue(Long reportId) {
    AuditReport report = get(reportId);
    report.overdue();
    Project project = projects.get(report.getProjectId());
    String detail = "审计期 " + report.getPeriodLabel() + " 的审计报告应于 " + lastDay(report) + " 前提交，逾期未提交";
    projects.inform(project.getId(), "AUDIT_REPORT_OVERDUE", "审计报告逾期", detail);
    projects.publish(project, PublicEvent.Kind.AUDIT_REPORT_OVERDUE,
        "审计报告逾期：" + project.getName() + "（" + report.getPeriodLabel() + "）", detail);
    return report;
  }

  /** A rectification passed: the unmet audit obligations it answered are settled. */
  @Transactional(propagation = Propagation.MANDATORY)
  public int settleByRectification(Long projectId) {
    List<AuditReport> unmet = reports.findByProjectIdAndStatusIn(projectId,
        EnumSet.of(AuditReportStatus.REJECTED, AuditReportStatus.OVERDUE));
    unmet.forEach(AuditReport::rectified);
    return unmet.size();
  }

  /** The project is cancelled: its open audit obligations end. */
  @Transactional(propagation = Propagation.MANDATORY)
  public int close(Long projectId) {
    List<AuditReport> open = reports.findByProjectIdAndStatusIn(projectId,
        EnumSet.of(AuditReportStatus.OPEN, AuditReportStatus.DUE, AuditReportStatus.FILED));
    open.forEach(AuditReport::closed);
    if (!open.isEmpty()) {
      projects.note(projectId, "AUDIT_OBLIGATIONS_CLOSED", "项目已注销，审计义务终止");
    }
    return open.size();
  }

  /** Whether the project's audit obligations are met: no report overdue or rejected and not yet rectified. */
  @Transactional(propagation = Propagation.MANDATORY)
  public CheckResult obligations(Long projectId, String checkName, String errorCode) {
    List<AuditReport> all = reports.findByProjectIdOrderByPeriodStartAsc(projectId);
    List<AuditReport> unmet = all.stream().filter(r -> r.getStatus().unmet()).toList();
    if (!unmet.isEmpty()) {
      AuditReport first = unmet.get(0);
      return CheckResult.failed(checkName, errorCode, "审计期 " + first.getPeriodLabel() + " 的审计报告"
          + first.getStatus().label() + "，整改合格前不予登记减排量");
    }
    List<AuditReport> accepted = all.stream().filter(r -> r.getStatus() == AuditReportStatus.ACCEPTED).toList();
    if (accepted.isEmpty()) {
      return CheckResult.passed(checkName, "尚无到期的审计报告");
    }
    return CheckResult.passed(checkName, "最近一期审计报告（" + accepted.get(accepted.size() - 1).getPeriodLabel()
        + "）审核合格");
  }

  /** The project's audit reports, oldest first. */
  @Transactional(readOnly = true)
  public List<AuditReport> of(Long projectId) {
    return reports.findByProjectIdOrderByPeriodStartAsc(projectId);
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public AuditReport get(Long reportId) {
    return reports.findById(reportId).orElseThrow(() -> new NotFoundException("auditReport", reportId));
  }

  /** The last day on which the report is on time (the day before {@code dueAt}). */
  String lastDay(AuditReport report) {
    return DUE.format(report.getDueAt().atZone(calendar.zone()).minusDays(1));
  }

  private LocalDate registrationDay(Long projectId) {
    Project project = projects.get(projectId);
    Instant registered = project.getRegisteredAt() == null ? Instant.now(clock) : project.getRegisteredAt();
    return LocalDate.ofInstant(registered, calendar.zone());
  }

  private static String disclosure(AuditReport report) {
    String text = "审计期 " + report.getPeriodLabel() + "；审计机构 " + report.getAgencyName() + "（统一社会信用代码 "
        + report.getAgencyCreditCode() + "）；减排量出售收益 " + yuan(report.getProceeds()) + "，运营成本 "
        + yuan(report.getOperatingCosts()) + "，返还参与者 " + yuan(report.getReturnedAmount());
    text = report.getReturnRatio() == null ? text : text + "，返还比例 " + asPercent(report.getReturnRatio());
    return report.getAuditOpinion() == null ? text : text + "；审计意见：" + report.getAuditOpinion().label()
        + "；审计报告原件见门户 /portal/audit-reports/" + report.getId();
  }

  private static String yuan(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP).toPlainString() + " 元";
  }

  private static String asPercent(BigDecimal ratio) {
    return ratio.movePointRight(2).setScale(2, RoundingMode.DOWN).toPlainString() + "%";
  }
}
