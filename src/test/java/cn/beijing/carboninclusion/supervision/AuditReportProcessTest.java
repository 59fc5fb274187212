package cn.beijing.carboninclusion.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.beijing.carboninclusion.common.CaseCheck;
import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckResult;
import cn.beijing.carboninclusion.common.TaskInputRejected;
import cn.beijing.carboninclusion.decision.DecisionRefused;
import cn.beijing.carboninclusion.disclosure.DisclosureEntry;
import cn.beijing.carboninclusion.disclosure.DisclosureFeed;
import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.project.ProjectStatus;
import cn.beijing.carboninclusion.reduction.AuditObligations;
import cn.beijing.carboninclusion.registry.IssueRequest;
import cn.beijing.carboninclusion.registry.IssuedBlock;
import cn.beijing.carboninclusion.registry.Registry;
import cn.beijing.carboninclusion.registry.RegistryCommands;
import cn.beijing.carboninclusion.registry.TradeService;
import cn.beijing.carboninclusion.registry.TransferService;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every path of AuditReport on PostgreSQL: started by the registration, an accepted report published and the next
 * period opened; a rejected or overdue report suspending the project through Rectification (and the reduction
 * check refusing until the rectification passes); a project already under rectification; cancellation; the end of
 * the crediting period.
 */
class AuditReportProcessTest extends PlatformIntegrationTest {
  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  static final String PASSWORD = "Audit-2026-ok";

  @Autowired ProcessEngine processEngine;
  @Autowired ApplicationContext context;
  @Autowired AuditReportSubmissions submissions;
  @Autowired PublicAuditReports publicReports;
  @Autowired AuditReports reports;
  @Autowired AuditObligations obligations;
  @Autowired Rectifications rectifications;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired DisclosureFeed feed;
  @Autowired CaseChecks checks;
  @Autowired Registry registry;
  @Autowired TransferService transfers;
  @Autowired TradeService trades;
  @Autowired JdbcTemplate jdbc;
  @Autowired ServiceAgencies agencies;
  @Autowired Bars bars;
  @Autowired PlatformTransactionManager transactionManager;

  @Autowired AgencyAccounts agencyAccounts;

  ProjectCases cases;
  ProjectCases.AuditFirm firm;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    cases = new ProjectCases(context);
    firm = cases.anAuditFirm(PASSWORD);
  }

  @AfterEach
  void tearDown() {
    runtimeService.createProcessInstanceQuery().processDefinitionKey("Rectification").list().forEach(pi ->
        runtimeService.deleteProcessInstance(pi.getId(), "test finished", true, true));
    cases.cleanUp();
  }

  @Test
  void theRegistrationStartsTheCycleAndAnAcceptedReportIsPublishedBeforeTheNextPeriod() {
    Project project = cases.aRegisteredProject();
    ProcessInstance pi = cycleOf(project);
    LocalDate registered = LocalDate.ofInstant(project.getRegisteredAt(), BEIJING);
    LocalDate nextYear = LocalDate.of(registered.getYear() + 1, 1, 1);

    assertThat(pi).isWaitingAt("Timer_AuditPeriodEnd");
    AuditReport first = only(project);
    assertThat(first.getPeriodLabel()).isEqualTo(registered.getYear() + "年度");
    assertThat(first.getPeriodStart()).isEqualTo(registered);
    assertThat(first.getPeriodEnd()).isEqualTo(nextYear);
    assertThat(first.getDueAt()).isEqualTo(nextYear.plusDays(90).atStartOfDay(BEIJING).toInstant());
    assertThat(first.getStatus()).isEqualTo(AuditReportStatus.OPEN);
    assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(pi.getId())
        .activityId("Timer_AuditPeriodEnd").singleResult().getDuedate().toInstant())
        .isEqualTo(nextYear.atStartOfDay(BEIJING).toInstant());

    periodEnds(pi);
    assertThat(pi).isWaitingAt("Task_EngageAuditFirm");
    assertThat(task("Task_EngageAuditFirm", pi)).hasCandidateUser("greentravel");
    assertThat(reports.findById(first.getId()).orElseThrow().getStatus()).isEqualTo(AuditReportStatus.DUE);
    assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getDueDate().toInstant())
        .isEqualTo(first.getDueAt());

    // the exchange sold 100 t of the project's units for 10 000.00 yuan in the period
    sell(project, 100, new BigDecimal("100.00"));
    file(project, "10000.00", "1000.00", "8100.00");
    assertThat(pi).isWaitingAt("Task_ReviewAuditReport");
    String summary = (String) runtimeService.getVariable(pi.getId(), "checkSummary");
    assertThat(summary).contains("【通过】核对收益返还比例：返还 8100.00 元 ÷（收益 10000.00 元 − 运营成本 1000.00 元）= 90.00%")
        .contains("【通过】核对收益与登记簿成交记录：申报收益 10000.00 元 与登记簿成交收益一致");
    AuditReport filed = reports.findById(first.getId()).orElseThrow();
    assertThat(filed.getStatus()).isEqualTo(AuditReportStatus.FILED);
    assertThat(filed.getReturnRatio()).isEqualByComparingTo("0.9000");
    assertThat(filed.getRegistryProceeds()).isEqualByComparingTo("10000.00");
    assertThat(filed.getFiledBy()).isEqualTo(firm.account());
    assertThat(filed.getEngagedBy()).isEqualTo("greentravel");
    assertThat(filed.getAgencyId()).isEqualTo(firm.agencyId());
    assertThat(filed.getAuditOpinion()).isEqualTo(AuditOpinion.UNQUALIFIED);

    review(pi, "ACCEPT", "审计报告真实完整，返还比例符合要求");
    execute(job("Task_PublishAuditReport", pi));

    AuditReport accepted = reports.findById(first.getId()).orElseThrow();
    assertThat(accepted.getStatus()).isEqualTo(AuditReportStatus.ACCEPTED);
    assertThat(accepted.getDecidedBy()).isEqualTo("liuyang");
    assertThat(pi).hasPassed("Gateway_CreditingContinues").isWaitingAt("Timer_AuditPeriodEnd");
    List<AuditReport> all = reports.findByProjectIdOrderByPeriodStartAsc(project.getId());
    assertThat(all).hasSize(2);
    assertThat(all.get(1).getPeriodLabel()).isEqualTo(nextYear.getYear() + "年度");
    assertThat(all.get(1).getPeriodStart()).isEqualTo(nextYear);
    assertThat(all.get(1).getStatus()).isEqualTo(AuditReportStatus.OPEN);

    DisclosureEntry published = feed.about("PROJECT", project.getId()).stream()
        .filter(e -> e.getKind().equals("AUDIT_REPORT_ACCEPTED")).findFirst().orElseThrow();
    assertThat(published.getBody()).contains(firmName(), firm.creditCode(), "返还比例 90.00%").doesNotContain("liuyang");
    assertThat(publicReports.published(null, org.springframework.data.domain.PageRequest.of(0, 100)).getContent())
        .anySatisfy(r -> {
          assertThat(r.id()).isEqualTo(first.getId());
          assertThat(r.statusLabel()).isEqualTo("合格并公开");
        });
    assertThat(check(project).failed()).isFalse();
    assertThat(cases.current(project.getId()).getStatus()).isEqualTo(ProjectStatus.REGISTERED);
  }

  @Test
  void theReturnedAmountIsCheckedAgainstThePayoutLedgersOfTheYear() {
    Project project = cases.aRegisteredProject();
    ProcessInstance pi = cycleOf(project);
    int year = only(project).getPeriodStart().getYear();
    // reconciled payout ledgers of the year paid the participants 8 000.00 yuan (recorded as verified returns)
    jdbc.update("""
        insert into registry_revenue_return (project_registration_no, developer_id, period_year, returned_amount,
          operating_costs, participants, reported_by, reported_at, source, application_id)
        values (?, ?, ?, 8000.00, 0, 40, 'greentravel', current_timestamp, 'VERIFIED', null)""",
        project.getRegistrationNo(), project.getDeveloperId(), year);
    periodEnds(pi);
    sell(project, 100, new BigDecimal("100.00"));
    file(project, "10000.00", "1000.00", "8100.00");
    assertThat((String) runtimeService.getVariable(pi.getId(), "checkSummary"))
        .contains("【提示】核对返还金额与发放台账：审计报告所述返还 8100.00 元，发放台账合计 8000.00 元，相差 100.00 元");
    assertThat(checks.of(AuditCycle.CASE_TYPE, only(project).getId())).extracting(CaseCheck::getCheckName,
        CaseCheck::getOutcome).contains(org.assertj.core.groups.Tuple.tuple(AuditCycle.CHECK_RATIO,
            CaseCheck.Outcome.PASSED), org.assertj.core.groups.Tuple.tuple(AuditCycle.CHECK_PAYOUTS,
            CaseCheck.Outcome.FLAGGED));
  }

  @Test
  void aRejectedReportSuspendsTheProjectUntilTheRectificationPasses() {
    Project project = cases.aRegisteredProject();
    ProcessInstance pi = cycleOf(project);
    periodEnds(pi);
    // nothing recorded in the registry, yet 20 000 declared; half of it returned
    file(project, "20000.00", "0", "10000.00");
    String summary = (String) runtimeService.getVariable(pi.getId(), "checkSummary");
    assertThat(summary).contains("【提示】核对收益返还比例：返还 10000.00 元 ÷（收益 20000.00 元 − 运营成本 0.00 元）= 50.00%，低于 90%")
        .contains("【提示】核对收益与登记簿成交记录：申报收益 20000.00 元，登记簿记录的本期成交收益 0.00 元，相差 20000.00 元");
    // nor was any payout ledger reconciled: the returned amount stands on the audit firm's word alone
    assertThat(summary).contains("【提示】核对返还金额与发放台账：审计报告所述返还 10000.00 元，但")
        .contains("没有经平台核对的发放台账");
    assertThat(checks.of(AuditCycle.CASE_TYPE, only(project).getId())).extracting(CaseCheck::getOutcome)
        .containsExactly(CaseCheck.Outcome.FLAGGED, CaseCheck.Outcome.FLAGGED, CaseCheck.Outcome.FLAGGED);

    review(pi, "REJECT", "返还比例不足且收益与登记簿不符");
    execute(job("Task_RejectAuditReport", pi));
    execute(job("Task_StartRectification", pi));

    first(project, AuditReportStatus.REJECTED);
    assertThat(cases.current(project.getId()).getStatus()).isEqualTo(ProjectStatus.SUSPENDED);
    ProcessInstance rectification = rectificationOf(project);
    assertThat(rectification).isWaitingAt("Task_SubmitRectificationReport").variables()
        .containsEntry("findingKind", FindingKind.REVENUE_RETURN_LOW.label())
        .containsEntry("orderedBy", "system");
    assertThat((String) runtimeService.getVariable(rectification.getId(), "finding"))
        .contains("审核不合格：返还比例不足且收益与登记簿不符");
    assertThat(pi).isWaitingAt("Timer_AuditPeriodEnd").variables().containsEntry("rectificationStarted", true);
    assertThat(feedKinds(project)).contains("AUDIT_REPORT_REJECTED", "PROJECT_SUSPENDED");
    CheckResult refused = check(project);
    assertThat(refused.failed()).isTrue();
    assertThat(refused.detail()).contains("不合格");

    cases.as("greentravel", Groups.DEVELOPER, () -> rectifications.report(project.getId(),
        "已补足返还并重新审计", "补充返还的银行回单"));
    cases.completeAs("wangfang", task("Task_VerifyRectification", rectification),
        withVariables("verificationResult", "PASS", "verificationComment", "已补足"));
    cases.completeAs("lina", task("Task_RectificationDecision", rectification),
        withVariables("rectificationDecision", "RESTORE", "decisionComment", "整改合格"));
    execute(job("Task_RestoreProject", rectification));

    assertThat(cases.current(project.getId()).getStatus()).isEqualTo(ProjectStatus.REGISTERED);
    first(project, AuditReportStatus.RECTIFIED);
    assertThat(check(project).failed()).isFalse();
  }

  @Test
  void anOverdueReportOrdersRectificationAutomatically() {
    Project project = cases.aRegisteredProject();
    ProcessInstance pi = cycleOf(project);
    periodEnds(pi);
    execute(job("Timer_AuditFirmEngagementOverdue", pi));
    execute(job("Task_RecordAuditReportOverdue", pi));
    execute(job("Task_StartRectification", pi));

    assertThat(pi).hasPassed("Task_RecordAuditReportOverdue").hasNotPassed("Task_FileAuditReport", "Task_ReviewAuditReport")
        .isWaitingAt("Timer_AuditPeriodEnd");
    first(project, AuditReportStatus.OVERDUE);
    assertThat(cases.current(project.getId()).getStatus()).isEqualTo(ProjectStatus.SUSPENDED);
    assertThat(rectificationOf(project)).variables().containsEntry("findingKind", FindingKind.AUDIT_REPORT.label());
    assertThat(feedKinds(project)).contains("AUDIT_REPORT_OVERDUE", "PROJECT_SUSPENDED");
    assertThat(check(project).detail()).contains("逾期未提交");
    // the engagement task is gone: a late engagement through the API is refused
    assertThatThrownBy(() -> cases.as("greentravel", Groups.DEVELOPER, () -> submissions.engage(project.getId(),
        firm.creditCode()))).hasMessageContaining("没有待委托审计机构");
  }

  @Test
  void aFirmThatDoesNotFileInTimeLeavesTheReportOverdue() {
    Project project = cases.aRegisteredProject();
    ProcessInstance pi = cycleOf(project);
    periodEnds(pi);
    engage(project);
    assertThat(pi).isWaitingAt("Task_FileAuditReport");
    assertThat(task("Task_FileAuditReport", pi)).hasCandidateUser(firm.account());
    execute(job("Timer_AuditReportOverdue", pi));
    execute(job("Task_RecordAuditReportOverdue", pi));
    execute(job("Task_StartRectification", pi));
    assertThat(pi).hasPassed("Task_EngageAuditFirm", "Task_RecordAuditReportOverdue")
        .hasNotPassed("Task_ReviewAuditReport").isWaitingAt("Timer_AuditPeriodEnd");
    first(project, AuditReportStatus.OVERDUE);
    Long reportId = reports.findByProjectIdOrderByPeriodStartAsc(project.getId()).get(0).getId();
    // the filing task is gone: a late filing by the firm is refused
    assertThatThrownBy(() -> cases.as(firm.account(), Groups.AUDITOR, () -> submissions.file(reportId,
        filing("1.00", "0", "1.00")))).hasMessageContaining("没有待提交");
  }

  @Test
  void aProjectAlreadyUnderRectificationKeepsTheAuditFindingOnItsCase() {
    Project project = cases.aRegisteredProject();
    ProcessInstance pi = cycleOf(project);
    cases.as("zhangwei", Groups.BUREAU, () -> rectifications.suspend(project.getId(), FindingKind.DATA_QUALITY,
        "监测数据缺失"));
    periodEnds(pi);
    execute(job("Timer_AuditFirmEngagementOverdue", pi));
    execute(job("Task_RecordAuditReportOverdue", pi));
    execute(job("Task_StartRectification", pi));

    assertThat(pi).variables().containsEntry("rectificationStarted", false);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("Rectification")
        .processInstanceBusinessKey(String.valueOf(project.getId())).count()).isEqualTo(1);
    assertThat(rectificationOf(project)).variables().containsEntry("findingKind", FindingKind.DATA_QUALITY.label());
    assertThat(jdbc.queryForObject("select count(*) from audit_entry where case_type = 'PROJECT' and case_id = ? "
        + "and action = 'AUDIT_FINDING_RECORDED'", Long.class, project.getId())).isEqualTo(1L);
  }

  @Test
  void cancellingTheProjectEndsTheCycleAndItsOpenObligations() {
    Project project = cases.aRegisteredProject();
    ProcessInstance pi = cycleOf(project);
    periodEnds(pi);
    cases.requestCancellation(project, "项目停止运营");
    cases.completeAs("zhangwei", task("Task_ConfirmCancellation", cases.cancellationOf(project)),
        withVariables("cancellationDecision", "CONFIRM", "cancellationComment", "同意注销"));
    execute(job("Task_CancelProject", cases.cancellationOf(project)));
    assertThat(cases.current(project.getId()).getStatus()).isEqualTo(ProjectStatus.CANCELLED);
    assertThat(pi).isEnded().hasPassed("Task_CloseAuditObligations", "EndEvent_AuditEnded");
    assertThat(only(project).getStatus()).isEqualTo(AuditReportStatus.CLOSED);
  }

  @Test
  void theCycleEndsAfterThePeriodThatReachesTheEndOfTheCreditingPeriod() {
    Project project = cases.aRegisteredProject();
    ProcessInstance pi = cycleOf(project);
    LocalDate nextYear = LocalDate.of(LocalDate.ofInstant(project.getRegisteredAt(), BEIJING).getYear() + 1, 1, 1);
    jdbc.update("update project set crediting_end = ? where id = ?", nextYear.plusMonths(5), project.getId());
    periodEnds(pi);
    file(project, "0", "0", "0");
    review(pi, "ACCEPT", "本期无收益");
    execute(job("Task_PublishAuditReport", pi));
    assertThat(pi).isWaitingAt("Timer_AuditPeriodEnd").variables().containsEntry("auditLastPeriod", true);

    periodEnds(pi);
    file(project, "0", "0", "0");
    review(pi, "ACCEPT", "计入期最后一期");
    execute(job("Task_PublishAuditReport", pi));
    assertThat(pi).isEnded().hasPassed("EndEvent_AuditCompleted");
    assertThat(reports.findByProjectIdOrderByPeriodStartAsc(project.getId()))
        .extracting(AuditReport::getStatus).containsExactly(AuditReportStatus.ACCEPTED, AuditReportStatus.ACCEPTED);
  }

  @Test
  void tasklistRefusesAnEngagementOrAFilingThatDoesNotHoldTogetherAndTheTaskStaysOpen() {
    Project project = cases.aRegisteredProject();
    ProcessInstance pi = cycleOf(project);
    periodEnds(pi);
    String engagement = task("Task_EngageAuditFirm", pi).getId();
    // the developer finds it in its Tasklist filter; another developer does not
    String filterId = processEngine.getFilterService().createFilterQuery().filterName("本单位待办").singleResult()
        .getId();
    assertThat(cases.as("greentravel", Groups.DEVELOPER, () -> processEngine.getFilterService().<Task>list(filterId)))
        .extracting(Task::getId).contains(engagement);
    assertThat(cases.as("sunroof", Groups.DEVELOPER, () -> processEngine.getFilterService().<Task>list(filterId)))
        .extracting(Task::getId).doesNotContain(engagement);
    String wrong = firm.creditCode().substring(0, 17) + (firm.creditCode().endsWith("0") ? "1" : "0");
    cases.as("greentravel", Groups.DEVELOPER, () -> assertThatThrownBy(() -> taskService.complete(engagement,
        withVariables("auditFirmCreditCode", wrong))).hasMessageContaining("auditFirmCreditCode"));
    assertThat(pi).isWaitingAt("Task_EngageAuditFirm");
    cases.as("greentravel", Groups.DEVELOPER, () -> taskService.complete(engagement,
        withVariables("auditFirmCreditCode", firm.creditCode())));
    assertThat(pi).isWaitingAt("Task_FileAuditReport");
    AuditReport engaged = only(project);
    assertThat(engaged.getAgencyId()).isEqualTo(firm.agencyId());
    assertThat(engaged.getAgencyCreditCode()).isEqualTo(firm.creditCode());

    String filing = task("Task_FileAuditReport", pi).getId();
    // the firm's account, without the signed report uploaded: refused naming it
    cases.as(firm.account(), Groups.AUDITOR, () -> assertThatThrownBy(() -> taskService.complete(filing,
        withVariables("auditOpinion", "UNQUALIFIED", "proceeds", 100.0, "operatingCosts", 0L, "returnedAmount", 95L,
            "reportSummary", "结论"))).hasMessageContaining("auditReportDocument"));
    upload(engaged.getId());
    cases.as(firm.account(), Groups.AUDITOR, () -> {
      assertThatThrownBy(() -> taskService.complete(filing, withVariables("auditOpinion", "UNQUALIFIED",
          "proceeds", -1.5, "operatingCosts", 0L, "returnedAmount", 95L, "reportSummary", "结论")))
          .isInstanceOf(DecisionRefused.class).hasMessageContaining("proceeds");
      assertThatThrownBy(() -> taskService.complete(filing, withVariables("auditOpinion", "GOOD",
          "proceeds", 100.5, "operatingCosts", 0L, "returnedAmount", 95L, "reportSummary", "结论")))
          .hasMessageContaining("auditOpinion");
    });
    // the developer is not the auditor: its own completion of the firm's task is refused
    assertThatThrownBy(() -> cases.as("greentravel", Groups.DEVELOPER, () -> taskService.complete(filing,
        withVariables("auditOpinion", "UNQUALIFIED", "proceeds", 100.5, "operatingCosts", 0L, "returnedAmount", 95L,
            "reportSummary", "结论"))));
    assertThat(pi).isWaitingAt("Task_FileAuditReport");
    assertThat(only(project).getStatus()).isEqualTo(AuditReportStatus.DUE);
    // as Tasklist submits it: numbers as Double and Long
    cases.as(firm.account(), Groups.AUDITOR, () -> taskService.complete(filing, withVariables(
        "auditOpinion", "QUALIFIED", "proceeds", 100.5, "operatingCosts", 0L, "returnedAmount", 95L,
        "reportSummary", "结论")));
    assertThat(pi).isWaitingAt("Task_ReviewAuditReport");
    assertThat(only(project).getProceeds()).isEqualByComparingTo("100.50");
    assertThat(only(project).getAuditOpinion()).isEqualTo(AuditOpinion.QUALIFIED);
  }

  @Test
  void onlyARecordedIndependentAuditFirmWithAccountsThatIsNotBarredCanBeEngaged() {
    Project project = cases.aRegisteredProject();
    ProcessInstance pi = cycleOf(project);
    periodEnds(pi);
    // not recorded
    assertThatThrownBy(() -> engageWith(project, ProjectCases.aCreditCode()))
        .isInstanceOf(TaskInputRejected.class).hasMessageContaining("auditFirmCreditCode");
    // a verifier is not an audit firm
    ProjectCases.Verifier verifier = cases.aVerifier(PASSWORD);
    String verifierCode = jdbc.queryForObject("select credit_code from service_agency where id = ?", String.class,
        verifier.agencyId());
    assertThatThrownBy(() -> engageWith(project, verifierCode)).hasMessageContaining("auditFirmCreditCode");
    // recorded, but without an account on the platform
    String silent = ProjectCases.aCreditCode();
    cases.as("zhangwei", Groups.BUREAU, () -> agencies.record(silent, "无账号的审计所", AgencyKind.AUDITOR));
    assertThatThrownBy(() -> engageWith(project, silent)).hasMessageContaining("无平台账号");
    // barred
    ProjectCases.AuditFirm barred = cases.anAuditFirm(PASSWORD);
    cases.as("zhangwei", Groups.BUREAU, () -> bars.bar(Bar.SubjectKind.AGENCY, barred.agencyId(), "出具虚假审计报告", null));
    assertThatThrownBy(() -> engageWith(project, barred.creditCode())).hasMessageContaining("禁入")
        .hasMessageContaining("auditFirmCreditCode");
    // a declared relationship with the developer
    ProjectCases.AuditFirm related = cases.anAuditFirm(PASSWORD);
    cases.as("zhangwei", Groups.BUREAU, () -> agencyAccounts.declare(related.agencyId(), project.getDeveloperId(),
        AgencyRelationship.Kind.CONSULTING, "为开发方提供财务咨询"));
    assertThatThrownBy(() -> engageWith(project, related.creditCode())).hasMessageContaining("不具备独立性")
        .hasMessageContaining("auditFirmCreditCode");
    assertThat(pi).isWaitingAt("Task_EngageAuditFirm");
    assertThat(only(project).getAgencyId()).isNull();

    engageWith(project, firm.creditCode());
    assertThat(pi).isWaitingAt("Task_FileAuditReport");
    // another audit firm cannot upload to or file a report it was not engaged on: it does not learn of it
    Long reportId = only(project).getId();
    assertThatThrownBy(() -> cases.as(related.account(), Groups.AUDITOR, () -> submissions.upload(reportId, pdf())))
        .isInstanceOf(cn.beijing.carboninclusion.common.NotFoundException.class);
    assertThatThrownBy(() -> cases.as(related.account(), Groups.AUDITOR, () -> submissions.file(reportId,
        filing("0", "0", "0")))).isInstanceOf(cn.beijing.carboninclusion.common.NotFoundException.class);
    assertThat(cases.as(related.account(), Groups.AUDITOR, () -> submissions.engagements(
        org.springframework.data.domain.PageRequest.of(0, 20)).getContent())).isEmpty();
    assertThat(cases.as(firm.account(), Groups.AUDITOR, () -> submissions.engagements(
        org.springframework.data.domain.PageRequest.of(0, 20)).getContent())).extracting(AuditReport::getId)
        .contains(reportId);
  }

  // ---- helpers -----------------------------------------------------------------------------------------------

  private ProcessInstance cycleOf(Project project) {
    ProcessInstance pi = runtimeService.createProcessInstanceQuery().processDefinitionKey("AuditReport")
        .processInstanceBusinessKey(String.valueOf(project.getId())).singleResult();
    assertThat(pi).as("audit cycle of project %s", project.getId()).isNotNull();
    return pi;
  }

  private ProcessInstance rectificationOf(Project project) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("Rectification")
        .processInstanceBusinessKey(String.valueOf(project.getId())).singleResult();
  }

  private void periodEnds(ProcessInstance pi) {
    execute(job("Timer_AuditPeriodEnd", pi));
    execute(job("Task_RequestAuditReport", pi));
    assertThat(pi).isWaitingAt("Task_EngageAuditFirm");
  }

  private static AuditReportFiling.Filing filing(String proceeds, String costs, String returned) {
    return new AuditReportFiling.Filing(AuditOpinion.UNQUALIFIED, new BigDecimal(proceeds), new BigDecimal(costs),
        new BigDecimal(returned), "收益使用符合组织实施方案，无重大异常。");
  }

  private void engage(Project project) {
    engageWith(project, firm.creditCode());
  }

  private void engageWith(Project project, String creditCode) {
    cases.as("greentravel", Groups.DEVELOPER, () -> submissions.engage(project.getId(), creditCode));
  }

  private String firmName() {
    return jdbc.queryForObject("select name from service_agency where id = ?", String.class, firm.agencyId());
  }

  private static org.springframework.mock.web.MockMultipartFile pdf() {
    return new org.springframework.mock.web.MockMultipartFile("file", "审计报告.pdf", "application/pdf",
        "%PDF-1.4\n% 收益使用审计报告（签章）\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private void upload(Long reportId) {
    cases.as(firm.account(), Groups.AUDITOR, () -> submissions.upload(reportId, pdf()));
  }

  /** The developer engages the firm, the firm uploads its signed report and files its conclusions. */
  private void file(Project project, String proceeds, String costs, String returned) {
    engage(project);
    Long reportId = reports.findFirstByProjectIdOrderByPeriodStartDesc(project.getId()).orElseThrow().getId();
    upload(reportId);
    cases.as(firm.account(), Groups.AUDITOR, () -> submissions.file(reportId, filing(proceeds, costs, returned)));
  }

  private void review(ProcessInstance pi, String decision, String comment) {
    cases.completeAs("liuyang", task("Task_ReviewAuditReport", pi),
        withVariables("auditDecision", decision, "auditComment", comment));
  }

  private AuditReport only(Project project) {
    List<AuditReport> all = reports.findByProjectIdOrderByPeriodStartAsc(project.getId());
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  /** The first period's report, once the cycle has moved on to the next period. */
  private AuditReport first(Project project, AuditReportStatus status) {
    List<AuditReport> all = reports.findByProjectIdOrderByPeriodStartAsc(project.getId());
    assertThat(all).hasSize(2);
    assertThat(all.get(1).getStatus()).isEqualTo(AuditReportStatus.OPEN);
    assertThat(all.get(0).getStatus()).isEqualTo(status);
    return all.get(0);
  }

  private CheckResult check(Project project) {
    return new TransactionTemplate(transactionManager).execute(s -> obligations.check(project.getId()));
  }

  private List<String> feedKinds(Project project) {
    return feed.about("PROJECT", project.getId()).stream().map(DisclosureEntry::getKind).toList();
  }

  /** Issues {@code tonnes} to the project, moves them to the exchange and reports their sale today. */
  private void sell(Project project, long tonnes, BigDecimal price) {
    IssuedBlock block = new TransactionTemplate(transactionManager).execute(s -> registry.issue(new IssueRequest(
        ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L), project.getId(),
        project.getRegistrationNo(), project.getDeveloperId(), 2025, tonnes)));
    var transfer = cases.as("greentravel", Groups.DEVELOPER, () -> transfers.transferToExchange(
        new RegistryCommands.TransferCommand(tonnes, block.blockId())));
    cases.as("chenjing", Groups.EXCHANGE, () -> transfers.confirmReceipt(transfer.id()));
    cases.as("chenjing", Groups.EXCHANGE, () -> trades.reportTrade(new RegistryCommands.TradeCommand(
        project.getRegistrationNo(), 2025, tonnes, price, null, null, "审计测试买方",
        OffsetDateTime.now(BEIJING).toLocalDate())));
  }
}
