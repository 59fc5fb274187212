package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.ProcessVariables;
import cn.beijing.carboninclusion.common.TaskInputRejected;
import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * 提交审计报告 (completion of the filing task by the engaged audit firm, from Tasklist or the API): refuses a filing
 * that does not hold together, one without the firm's signed report uploaded, or one completed by anyone but an
 * account of the engaged firm — the task stays open, 400 naming the field — and records a valid one on the audit
 * report.
 */
@Component("auditReportFiling")
class AuditReportFiling implements TaskListener {
  private final AuditCycle cycle;
  private final AuditTrail auditTrail;
  private final AuditReportDocuments documents;
  private final AgencyMembers members;

  AuditReportFiling(AuditCycle cycle, AuditTrail auditTrail, AuditReportDocuments documents, AgencyMembers members) {
    this.cycle = cycle;
    this.auditTrail = auditTrail;
    this.documents = documents;
    this.members = members;
  }

  /** What the audit firm files: its opinion and the audited figures of the period. */
  record Filing(AuditOpinion opinion, BigDecimal proceeds, BigDecimal operatingCosts, BigDecimal returnedAmount,
      String reportSummary) {}

  @Override
  public void notify(DelegateTask task) {
    Filing filing = read(task);
    Long reportId = ProcessVariables.id(task, "auditReportId");
    AuditReport report = cycle.get(reportId);
    String actor = auditTrail.currentActor();
    boolean ofTheFirm = report.getAgencyId() != null && members.findById(actor)
        .filter(m -> m.getAgencyId().equals(report.getAgencyId())).isPresent();
    if (!ofTheFirm) {
      throw new TaskInputRejected("仅受托审计机构的账号可提交审计报告 (auditFirm: only the engaged audit firm files)");
    }
    documents.findById(reportId).filter(d -> d.getAgencyId().equals(report.getAgencyId()))
        .orElseThrow(() -> new TaskInputRejected("须先上传签章的审计报告（PDF）(auditReportDocument): POST /api/audit-reports/"
            + reportId + "/document"));
    cycle.file(reportId, filing, actor);
  }

  static Filing read(DelegateTask task) {
    AuditOpinion opinion;
    try {
      opinion = AuditOpinion.valueOf(ProcessVariables.text(task, "auditOpinion"));
    } catch (IllegalArgumentException e) {
      throw new TaskInputRejected("请选择审计意见类型 (auditOpinion)");
    }
    String summary = ProcessVariables.text(task, "reportSummary");
    if (summary.isEmpty() || summary.length() > 8000) {
      throw new TaskInputRejected("请填写审计结论摘要（不超过 8000 字）(reportSummary)");
    }
    return new Filing(opinion, amount(task, "proceeds", "减排量出售收益"),
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
