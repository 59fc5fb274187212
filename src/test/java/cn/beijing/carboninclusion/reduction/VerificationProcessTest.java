package cn.beijing.carboninclusion.reduction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.beijing.carboninclusion.common.CaseCheck;
import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.supervision.AgencyAccounts;
import cn.beijing.carboninclusion.supervision.AgencyRelationship;
import cn.beijing.carboninclusion.supervision.Bar;
import cn.beijing.carboninclusion.supervision.Bars;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The verification (核查) of a reduction claim: the engaged verifier's report and conclusions before the technical
 * review, the independence refusals, and the bureau's finding of a false verification that bars the verifier.
 */
class VerificationProcessTest extends PlatformIntegrationTest {
  static final String PASSWORD = "Verify-2026-ok";

  @Autowired ProcessEngine processEngine;
  @Autowired ApplicationContext context;
  @Autowired ReductionApplicationService service;
  @Autowired ReductionApplications applications;
  @Autowired VerificationReports reports;
  @Autowired RuntimeService runtimeService;
  @Autowired CaseChecks checks;
  @Autowired AgencyAccounts agencyAccounts;
  @Autowired Bars bars;
  @Autowired JdbcTemplate jdbc;

  ProjectCases cases;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    cases = new ProjectCases(context);
  }

  @AfterEach
  void tearDown() {
    runtimeService.createProcessInstanceQuery().processDefinitionKey("ReductionRegistration").list().forEach(pi ->
        runtimeService.deleteProcessInstance(pi.getId(), "test finished", true, true));
    cases.cleanUp();
  }

  @Test
  void theEngagedVerifierFilesItsReportAndConcludesBeforeTheTechnicalReview() {
    ProjectCases.Verifier verifier = cases.aVerifier(PASSWORD);
    Project project = cases.aRegisteredProject();
    ReductionApplication application = apply(project, LocalDate.of(2025, 4, 1), verifier.agencyId());
    ProcessInstance pi = instanceOf(application);
    assertThat(pi).hasPassed("Task_CheckVerifierIndependence");
    execute(job("Task_StartReview", pi));
    assertThat(pi).hasPassed("Task_EngageVerifier").isWaitingAt("Task_Verification");
    assertThat(task("Task_Verification", pi)).hasCandidateUser(verifier.account());
    assertThat(task("Task_Verification", pi).getDueDate()).isNotNull();

    // no report filed: refused, naming it, and the task stays
    assertThatThrownBy(() -> cases.as(verifier.account(), Groups.VERIFIER, () -> processEngine.getTaskService()
        .complete(task("Task_Verification", pi).getId(), withVariables("verificationOpinion", "CONFIRMED",
            "verifierVerifiedTco2e", 5.2, "verificationComment", "确认")))).hasMessageContaining("verificationReport");
    assertThat(pi).isWaitingAt("Task_Verification");
    // a report and an opinion its quantity contradicts: refused
    assertThatThrownBy(() -> cases.verifyAs(verifier.account(), pi, "ADJUSTED", 5.2))
        .hasMessageContaining("verifierVerifiedTco2e");
    assertThat(pi).isWaitingAt("Task_Verification");
    // only the engaged verifier files; the demo verifier was not engaged
    assertThatThrownBy(() -> cases.fileVerificationReport(application.getId()))
        .hasMessageContaining("reduction application");

    cases.verifyAs(verifier.account(), pi, "ADJUSTED", 4.5);
    assertThat(pi).isWaitingAt("Task_TechnicalReview");
    VerificationReport report = reports.findByApplicationId(application.getId()).orElseThrow();
    assertThat(report.getSha256()).hasSize(64);
    assertThat(report.getOpinion()).isEqualTo(VerificationOpinion.ADJUSTED);
    assertThat(report.getVerifiedTco2e()).isEqualByComparingTo("4.5");
    assertThat(report.getConcludedBy()).isEqualTo(verifier.account());
    assertThat(runtimeService.getVariable(pi.getId(), "verificationSummary").toString())
        .contains("核减后确认").contains("4.5").contains(report.getSha256());
  }

  @Test
  void aVerifierRelatedToTheDeveloperIsNotIndependentAndTheClaimIsRejected() {
    ProjectCases.Verifier verifier = cases.aVerifier(PASSWORD);
    Project project = cases.aRegisteredProject();
    cases.as("wangfang", Groups.TECHCENTER, () -> agencyAccounts.declare(verifier.agencyId(), project.getDeveloperId(),
        AgencyRelationship.Kind.CONSULTING, "为该开发方编制项目设计文件"));
    ReductionApplication application = apply(project, LocalDate.of(2025, 4, 1), verifier.agencyId());
    rejectedWith(application, "关联关系（咨询服务");
  }

  @Test
  void aBarredVerifierIsNotEngagedAndOneThatIsNotAVerifierIsRefusedAtFiling() {
    ProjectCases.Verifier verifier = cases.aVerifier(PASSWORD);
    cases.as("zhangwei", Groups.BUREAU, () -> bars.bar(Bar.SubjectKind.AGENCY, verifier.agencyId(), "测试禁入", null));
    Project project = cases.aRegisteredProject();
    rejectedWith(apply(project, LocalDate.of(2025, 4, 1), verifier.agencyId()), "处于禁入期");

    long auditor = jdbc.queryForObject("select id from service_agency where credit_code = '91110108MA03AU1D2U'",
        Long.class);
    assertThatThrownBy(() -> draft(project, auditor))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("不是核查机构");
    assertThatThrownBy(() -> draft(project, 999_999_999L))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("未登记");
  }

  @Test
  void aVerifierVerifiesTheSameProjectAtMostTheRuleAllowsInARow() {
    ProjectCases.Verifier verifier = cases.aVerifier(PASSWORD);
    Project project = cases.aRegisteredProject();
    for (int quarter = 0; quarter < 3; quarter++) {
      ReductionApplication application = apply(project, LocalDate.of(2025, 4, 1).plusMonths(3L * quarter),
          verifier.agencyId());
      registered(application, verifier.account());
    }
    ReductionApplication fourth = apply(project, LocalDate.of(2026, 1, 1), verifier.agencyId());
    rejectedWith(fourth, "已连续核查本项目 3 期");
    // another verifier may take the fourth period
    ProjectCases.Verifier other = cases.aVerifier(PASSWORD);
    ReductionApplication again = apply(project, LocalDate.of(2026, 1, 1), other.agencyId());
    assertThat(instanceOf(again)).hasPassed("Task_CheckVerifierIndependence").isWaitingAt("Task_StartReview");
  }

  @Test
  void theBureauFindsAVerificationFalseTheVerifierIsBarredAndPublishedAndTheClaimRejected() {
    ProjectCases.Verifier verifier = cases.aVerifier(PASSWORD);
    Project project = cases.aRegisteredProject();
    ReductionApplication application = apply(project, LocalDate.of(2025, 4, 1), verifier.agencyId());
    ProcessInstance pi = instanceOf(application);
    execute(job("Task_StartReview", pi));
    cases.verifyAs(verifier.account(), pi, "CONFIRMED", 5.2);
    cases.completeAs("wangfang", task("Task_TechnicalReview", pi),
        withVariables("reviewDecision", "APPROVE", "verifiedTco2e", 5.2, "reviewComment", "数据一致"));

    // the finding needs its facts, and cannot go with registration
    assertThatThrownBy(() -> cases.completeAs("zhangwei", task("Task_BureauApproval", pi), withVariables(
        "bureauDecision", "REJECT", "approvedTco2e", 0, "bureauComment", "核查不实", "verificationFalse", true,
        "falseVerificationReason", ""))).hasMessageContaining("falseVerificationReason");
    assertThatThrownBy(() -> cases.completeAs("zhangwei", task("Task_BureauApproval", pi), withVariables(
        "bureauDecision", "APPROVE", "approvedTco2e", 5.2, "bureauComment", "予以登记", "verificationFalse", true,
        "falseVerificationReason", "抽查发现出行记录系伪造"))).hasMessageContaining("verificationFalse");
    assertThat(pi).isWaitingAt("Task_BureauApproval");

    cases.completeAs("zhangwei", task("Task_BureauApproval", pi), withVariables("bureauDecision", "REJECT",
        "approvedTco2e", 0, "bureauComment", "核查不实，不予登记", "verificationFalse", true,
        "falseVerificationReason", "抽查发现核查报告所列出行记录系伪造"));
    execute(job("Task_RejectApplication", pi));
    assertThat(pi).hasPassed("Task_BarVerifier").isEnded().hasPassed("EndEvent_Rejected");
    assertThat(applications.findById(application.getId()).orElseThrow().getStatus())
        .isEqualTo(ReductionStatus.REJECTED);
    assertThat(bars.agencyBarred(verifier.agencyId())).isTrue();
    Bar bar = bars.agencyBar(verifier.agencyId()).orElseThrow();
    assertThat(bar.getReason()).contains("虚假核查").contains("伪造");
    assertThat(bar.getBarredUntil()).isEqualTo(bar.getBarredFrom().plusYears(3));
    assertThat(jdbc.queryForObject("select count(*) from disclosure_entry where kind = 'AGENCY_BARRED' and subject_id = ?",
        Long.class, bar.getId())).isEqualTo(1);
  }

  @Test
  void aSoundVerificationPassesTheFindingWithoutABar() {
    ProjectCases.Verifier verifier = cases.aVerifier(PASSWORD);
    Project project = cases.aRegisteredProject();
    ReductionApplication application = apply(project, LocalDate.of(2025, 4, 1), verifier.agencyId());
    ProcessInstance pi = registered(application, verifier.account());
    assertThat(pi).isEnded().hasPassed("Gateway_VerificationFinding", "EndEvent_Registered")
        .hasNotPassed("Task_BarVerifier");
    assertThat(bars.agencyBarred(verifier.agencyId())).isFalse();
  }

  @Test
  void theReviewMayNotExceedTheVerifiersQuantityNorPassAClaimTheVerifierDidNotConfirm() {
    ProjectCases.Verifier verifier = cases.aVerifier(PASSWORD);
    ReductionApplication adjusted = apply(cases.aRegisteredProject(), LocalDate.of(2025, 4, 1), verifier.agencyId());
    ProcessInstance pi = instanceOf(adjusted);
    execute(job("Task_StartReview", pi));
    cases.verifyAs(verifier.account(), pi, "ADJUSTED", 4.5);
    // the claim is 5.2, the verifier found 4.5: the review cannot restore the claim
    assertThatThrownBy(() -> cases.completeAs("wangfang", task("Task_TechnicalReview", pi),
        withVariables("reviewDecision", "APPROVE", "verifiedTco2e", 5.2, "reviewComment", "按申报量核定")))
        .hasMessageContaining("verifiedTco2e").hasMessageContaining("4.5");
    assertThat(pi).isWaitingAt("Task_TechnicalReview");
    cases.completeAs("wangfang", task("Task_TechnicalReview", pi),
        withVariables("reviewDecision", "APPROVE", "verifiedTco2e", 4.5, "reviewComment", "采信核查结论"));
    assertThat(pi).isWaitingAt("Task_BureauApproval");

    ProjectCases.Verifier second = cases.aVerifier(PASSWORD);
    ReductionApplication unconfirmed = apply(cases.aRegisteredProject(), LocalDate.of(2025, 4, 1), second.agencyId());
    ProcessInstance other = instanceOf(unconfirmed);
    execute(job("Task_StartReview", other));
    cases.verifyAs(second.account(), other, "NOT_CONFIRMED", 0);
    assertThatThrownBy(() -> cases.completeAs("wangfang", task("Task_TechnicalReview", other),
        withVariables("reviewDecision", "APPROVE", "verifiedTco2e", 0, "reviewComment", "通过")))
        .hasMessageContaining("reviewDecision");
    cases.completeAs("wangfang", task("Task_TechnicalReview", other),
        withVariables("reviewDecision", "REJECT", "verifiedTco2e", 0, "reviewComment", "核查机构不予确认"));
    execute(job("Task_RejectApplication", other));
    assertThat(other).isEnded().hasPassed("EndEvent_Rejected").hasNotPassed("Task_IssueReductions");
    assertThat(applications.findById(unconfirmed.getId()).orElseThrow().getStatus())
        .isEqualTo(ReductionStatus.REJECTED);
  }

  @Test
  void theIssuanceRefusesACaseWhoseVerificationWasSkippedWhateverRouteLedThere() {
    ReductionApplication application = apply(cases.aRegisteredProject(), LocalDate.of(2025, 4, 1),
        cases.demoVerifierId());
    ProcessInstance pi = instanceOf(application);
    execute(job("Task_StartReview", pi));
    // an administrator moves the case past the verification (instance modification, as Cockpit or the REST API can)
    runtimeService.createProcessInstanceModification(pi.getId()).cancelAllForActivity("Task_Verification")
        .startBeforeActivity("Task_TechnicalReview").execute();
    // the review cannot be approved without the verifier's conclusion
    assertThatThrownBy(() -> cases.completeAs("wangfang", task("Task_TechnicalReview", pi),
        withVariables("reviewDecision", "APPROVE", "verifiedTco2e", 5.2, "reviewComment", "数据一致")))
        .hasMessageContaining("verifiedTco2e");
    // nor issued when moved straight to the issuance
    runtimeService.createProcessInstanceModification(pi.getId()).cancelAllForActivity("SubProcess_Review")
        .startBeforeActivity("Task_IssueReductions").execute();
    assertThatThrownBy(() -> execute(job("Task_IssueReductions", pi))).hasMessageContaining("Task_Verification");
    assertThat(applications.findById(application.getId()).orElseThrow().getIssuedQuantity()).isNull();
    assertThat(jdbc.queryForObject("select count(*) from registry_journal where operation = 'ISSUE' and payload like ?",
        Long.class, "%application=" + application.getId() + ";%")).isZero();
  }

  @Test
  void aVerificationReportRewrittenBehindTheEngineIsFoundAtTheIssuance() {
    ProjectCases.Verifier verifier = cases.aVerifier(PASSWORD);
    ReductionApplication application = apply(cases.aRegisteredProject(), LocalDate.of(2025, 4, 1), verifier.agencyId());
    ProcessInstance pi = instanceOf(application);
    execute(job("Task_StartReview", pi));
    cases.verifyAs(verifier.account(), pi, "ADJUSTED", 4.5);
    // the verified quantity raised in the database after the verifier concluded
    jdbc.update("update verification_report set verified_tco2e = 5.2, opinion = 'CONFIRMED' where application_id = ?",
        application.getId());
    cases.completeAs("wangfang", task("Task_TechnicalReview", pi),
        withVariables("reviewDecision", "APPROVE", "verifiedTco2e", 5.2, "reviewComment", "数据一致"));
    cases.completeAs("zhangwei", task("Task_BureauApproval", pi),
        withVariables("bureauDecision", "APPROVE", "approvedTco2e", 5.2, "bureauComment", "同意登记"));
    assertThatThrownBy(() -> execute(job("Task_IssueReductions", pi)))
        .hasMessageContaining("verification report and decision differ");
    assertThat(applications.findById(application.getId()).orElseThrow().getIssuedQuantity()).isNull();
    assertThat(pi).isWaitingAt("Task_IssueReductions");
  }

  // ---- helpers ---------------------------------------------------------------------------------------------

  private ProcessInstance registered(ReductionApplication application, String verifierAccount) {
    ProcessInstance pi = instanceOf(application);
    execute(job("Task_StartReview", pi));
    cases.verifyAs(verifierAccount, pi, "CONFIRMED", 5.2);
    cases.completeAs("wangfang", task("Task_TechnicalReview", pi),
        withVariables("reviewDecision", "APPROVE", "verifiedTco2e", 5.2, "reviewComment", "数据一致"));
    cases.completeAs("zhangwei", task("Task_BureauApproval", pi),
        withVariables("bureauDecision", "APPROVE", "approvedTco2e", 5.2, "bureauComment", "同意登记"));
    execute(job("Task_IssueReductions", pi));
    assertThat(applications.findById(application.getId()).orElseThrow().getStatus())
        .isEqualTo(ReductionStatus.REGISTERED);
    return pi;
  }

  /** A claim of 5.2 tCO2e for the quarter from {@code start}: 100,000 bus passenger-km of uploaded trips. */
  private ReductionApplication apply(Project project, LocalDate start, long verifierAgencyId) {
    return new ReductionCases(context, cases).fileTrips(project, start, start.plusMonths(3).minusDays(1), "5.2",
        100_000, verifierAgencyId);
  }

  private ReductionApplication draft(Project project, long verifierAgencyId) {
    return cases.as("greentravel", Groups.DEVELOPER, () -> service.apply(project.getId(),
        new ReductionApplicationRequest(LocalDate.of(2025, 7, 1), LocalDate.of(2025, 9, 30), new BigDecimal("5.2"),
            "监测报告", null, false, verifierAgencyId)));
  }

  private ProcessInstance instanceOf(ReductionApplication application) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("ReductionRegistration")
        .variableValueEquals("applicationId", application.getId()).singleResult();
  }

  private void rejectedWith(ReductionApplication application, String reason) {
    ProcessInstance pi = instanceOf(application);
    assertThat(pi).hasPassed("Task_CheckVerifierIndependence", "BoundaryEvent_HardCheckFailed");
    execute(job("Task_RejectApplication", pi));
    assertThat(pi).isEnded().hasPassed("EndEvent_Rejected").hasNotPassed("Task_Verification");
    ReductionApplication current = applications.findById(application.getId()).orElseThrow();
    assertThat(current.getStatus()).isEqualTo(ReductionStatus.REJECTED);
    assertThat(current.getStatusReason()).contains(reason);
    assertThat(checks.of(ReductionLifecycle.CASE_TYPE, application.getId())).anySatisfy(c -> {
      assertThat(c.getCheckName()).isEqualTo(VerifierIndependenceCheck.NAME);
      assertThat(c.getOutcome()).isEqualTo(CaseCheck.Outcome.FAILED);
      assertThat(c.getDetail()).contains(reason);
    });
  }
}
