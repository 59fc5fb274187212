package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.ProcessVariables;
import cn.beijing.carboninclusion.common.TaskInputRejected;
import cn.beijing.carboninclusion.developer.UnifiedSocialCreditCode;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * 委托审计机构 (completion of {@code Task_EngageAuditFirm}, from Tasklist or the API): the developer names, by its
 * unified social credit code, the audit firm that audits the period. Refused (400 naming {@code auditFirmCreditCode},
 * the task stays open) unless the firm is a recorded audit firm ({@link AgencyKind#AUDITOR}), not barred, with at
 * least one platform account, and without a declared relationship with the developer. The engagement is kept on the
 * audit report; the firm's accounts become the candidates of the filing task ({@code auditFirmAccounts}).
 */
@Component("auditFirmEngagement")
class AuditFirmEngagement implements TaskListener {
  static final String FIELD = "auditFirmCreditCode";

  private final AuditCycle cycle;
  private final ServiceAgencies agencies;
  private final AgencyMembers members;
  private final AgencyRelationships relationships;
  private final AuditTrail auditTrail;

  AuditFirmEngagement(AuditCycle cycle, ServiceAgencies agencies, AgencyMembers members,
      AgencyRelationships relationships, AuditTrail auditTrail) {
    this.cycle = cycle;
    this.agencies = agencies;
    this.members = members;
    this.relationships = relationships;
    this.auditTrail = auditTrail;
  }

  @Override
  public void notify(DelegateTask task) {
    String code = ProcessVariables.text(task, FIELD).trim().toUpperCase();
    if (!UnifiedSocialCreditCode.Validator.isValid(code)) {
      throw new TaskInputRejected("审计机构统一社会信用代码无效 (" + FIELD + ")");
    }
    ServiceAgency firm = agencies.byCreditCode(code).filter(a -> a.getKind() == AgencyKind.AUDITOR)
        .orElseThrow(() -> new TaskInputRejected("该代码不是已登记的审计机构，请主管部门先予登记 (" + FIELD
            + ": not a recorded audit firm)"));
    if (agencies.isBarred(firm.getId())) {
      throw new TaskInputRejected("该审计机构已被禁入，不得出具审计报告 (" + FIELD + ")");
    }
    List<String> accounts = members.findByAgencyIdOrderByUserIdAsc(firm.getId()).stream()
        .map(AgencyMember::getUserId).toList();
    if (accounts.isEmpty()) {
      throw new TaskInputRejected("该审计机构尚无平台账号，无法在平台出具审计报告 (" + FIELD + ": the firm has no account)");
    }
    Long developerId = ProcessVariables.id(task, "developerId");
    List<AgencyRelationship> related = relationships.findByAgencyIdAndDeveloperId(firm.getId(), developerId);
    if (!related.isEmpty()) {
      throw new TaskInputRejected(firm.getName() + "与项目开发方存在已申报的关联关系（" + related.get(0).getKind().label()
          + "），不具备独立性 (" + FIELD + ": not independent of the developer)");
    }
    cycle.engage(ProcessVariables.id(task, "auditReportId"), firm, auditTrail.currentActor());
    task.getExecution().setVariable("auditFirmAccounts", accounts);
    task.getExecution().setVariable("agencyName", firm.getName());
    task.getExecution().setVariable("agencyCreditCode", firm.getCreditCode());
  }
}
