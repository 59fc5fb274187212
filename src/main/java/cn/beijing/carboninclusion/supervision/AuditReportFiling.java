package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.ProcessVariables;
import cn.beijing.carboninclusion.common.TaskInputRejected;
import cn.beijing.carboninclusion.developer.UnifiedSocialCreditCode;
import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * 提交审计报告 (completion of the filing task, from Tasklist or the API): refuses a filing that does not hold
 * together or names a barred audit agency — the task stays open, 400 naming the field — and records a valid one on
 * the audit report (an agency not yet on record is recorded as an auditor).
 */
@Component("auditReportFiling")
class AuditReportFiling implements TaskListener {
  private final AuditCycle cycle;
  private final AuditTrail auditTrail;
  private final ServiceAgencies agencies;

  AuditReportFiling(AuditCycle cycle, AuditTrail auditTrail, ServiceAgencies agencies) {
    this.cycle = cycle;
    this.auditTrail = auditTrail;
    this.agencies = agencies;
  }

  /** What the developer files: the audit agency and the audited figures of the period. */
  record Filing(String agencyName, String agencyCreditCode, BigDecimal proceeds, BigDecimal operatingCosts,
      BigDecimal returnedAmount, String reportSummary) {}

  @Override
  public void notify(DelegateTask task) {
    Filing filing = read(task);
    try {
      agencies.engage(filing.agencyCreditCode(), filing.agencyName(), AgencyKind.AUDITOR);
    } catch (ConflictException barred) {
      throw new TaskInputRejected("该审计机构已被禁入，不得出具审计报告 (agencyCreditCode)");
    }
    cycle.file(ProcessVariables.id(task, "auditReportId"), filing, auditTrail.currentActor());
  }

  static Filing read(DelegateTask task) {
    String agencyName = ProcessVariables.text(task, "agencyName");
    if (agencyName.isEmpty() || agencyName.length() > 200) {
      throw new TaskInputRejected("请填写审计机构名称（不超过 200 字）(agencyName)");
    }
    String creditCode = ProcessVariables.text(task, "agencyCreditCode").toUpperCase();
    if (!UnifiedSocialCreditCode.Validator.isValid(creditCode)) {
      throw new TaskInputRejected("审计机构统一社会信用代码无效 (agencyCreditCode)");
    }
    String summary = ProcessVariables.text(task, "reportSummary");
    if (summary.isEmpty() || summary.length() > 8000) {
      throw new TaskInputRejected("请填写审计结论摘要（不超过 8000 字）(reportSummary)");
    }
    return new Filing(agencyName, creditCode, amount(task, "proceeds", "减排量出售收益"),
        amount(task, "operatingCosts", "运营成本"), amount(task, "returnedAmount", "返还参与者金额"), summary);
  }

  private static BigDecimal amount(DelegateTask task, String name, String label) {
    BigDecimal value;
    try {
      value = ProcessVariables.decimal(task, name);
    } catch (NumberFormatException e) {
      throw new TaskInputRejected(label + "须为数字 (" + name + ")");
    }
    if (value == null || value.signum() < 0 || value.stripTrailingZeros().scale() > 2
        || value.compareTo(new BigDecimal("1e16")) >= 0) {
      throw new TaskInputRejected(label + "须为不小于 0 的金额，最多两位小数 (" + name + ")");
    }
    return value.setScale(2);
  }
}
