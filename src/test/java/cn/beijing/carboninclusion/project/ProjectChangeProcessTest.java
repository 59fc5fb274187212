package cn.beijing.carboninclusion.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.beijing.carboninclusion.common.CaseCheck;
import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.developer.DeveloperService;
import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.reduction.ReductionApplication;
import cn.beijing.carboninclusion.reduction.ReductionCases;
import cn.beijing.carboninclusion.reduction.ReductionApplicationRequest;
import cn.beijing.carboninclusion.reduction.ReductionApplicationService;
import cn.beijing.carboninclusion.reduction.ReductionApplications;
import cn.beijing.carboninclusion.reduction.ReductionStatus;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Every path of ProjectChange on PostgreSQL (DMN classification, checks, transfer acceptance, review, approval,
 * versions), and its message contract with ReductionRegistration: an application whose monitoring period reaches the
 * effective date of a pending major change waits for the decision, and resumes on it.
 */
class ProjectChangeProcessTest extends PlatformIntegrationTest {
  static final String PROCESS = "ProjectChange";

  @Autowired ProcessEngine processEngine;
  @Autowired ApplicationContext context;
  @Autowired ProjectChangeService changes;
  @Autowired ProjectChanges changeRows;
  @Autowired ProjectVersions versions;
  @Autowired DeveloperService developers;
  @Autowired cn.beijing.carboninclusion.supervision.Bars bars;
  @Autowired cn.beijing.carboninclusion.developer.DeveloperOrganisations organisations;
  @Autowired ReductionApplicationService reductions;
  @Autowired ReductionApplications reductionApplications;
  @Autowired CaseChecks checks;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired org.camunda.bpm.engine.IdentityService identityService;

  ProjectCases cases;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    cases = new ProjectCases(context);
  }

  @AfterEach
  void tearDown() {
    for (String key : List.of(PROCESS, "ReductionRegistration", "Rectification")) {
      runtimeService.createProcessInstanceQuery().processDefinitionKey(key).list().forEach(pi ->
          runtimeService.deleteProcessInstance(pi.getId(), "test finished", true, true));
    }
    cases.cleanUp();
  }

  @Test
  void registrationCreatesVersionOneInForceFromTheCreditingStart() {
    Project project = cases.aRegisteredProject();
    List<ProjectVersion> history = versions.history(project.getId());
    assertThat(history).singleElement().satisfies(v -> {
      assertThat(v.getVersionNo()).isEqualTo(1);
      assertThat(v.getEffectiveFrom()).isEqualTo(project.getCreditingStart());
      assertThat(v.getDeveloperId()).isEqualTo(project.getDeveloperId());
      assertThat(v.getRevenueReturnRatio()).isEqualByComparingTo("0.95");
    });
  }

  @Test
  void aMinorChangeAppliesAfterTheCompletenessCheck() {
    Project project = cases.aRegisteredProject();
    ProjectChange change = file(project, contact("李联系", "010-12345678"));
    ProcessInstance pi = instanceOf(change);
    assertThat(pi).hasPassed("Task_ClassifyChange", "Task_CheckCompleteness").isWaitingAt("Task_ApplyChange")
        .variables().containsEntry("changeClass", "MINOR");
    execute(job("Task_ApplyChange", pi));

    assertThat(pi).isEnded().hasPassed("EndEvent_ChangeApplied").hasNotPassed("Task_TechnicalReview");
    assertThat(row(change).getStatus()).isEqualTo(ProjectChangeStatus.APPLIED);
    assertThat(row(change).getPendingKey()).isNull();
    ProjectVersion v2 = versions.latest(project.getId()).orElseThrow();
    assertThat(v2.getVersionNo()).isEqualTo(2);
    assertThat(v2.getContactName()).isEqualTo("李联系");
    assertThat(v2.getContactPhone()).isEqualTo("010-12345678");
    assertThat(v2.getRevenueReturnRatio()).isEqualByComparingTo("0.95");
    assertThat(v2.getCreatedByChangeId()).isEqualTo(change.getId());
    // contact data is personal: no disclosure entry for it
    assertThat(cases.feedKindsAbout(project)).doesNotContain("PROJECT_CHANGED");
    assertThat(cases.auditOf(project)).extracting(a -> a.getAction()).contains("CHANGE_FILED", "CHANGE_CLASSIFIED",
        "CHANGE_APPLIED");
  }

  @Test
  void aChangeThatChangesNothingEndsIncomplete() {
    Project project = cases.aRegisteredProject();
    ProjectChange change = file(project, request(ChangeKind.REVENUE_SHARE).ratio("0.95").build());
    ProcessInstance pi = instanceOf(change);
    execute(job("Task_RejectChange", pi));
    assertThat(pi).isEnded().hasPassed("BoundaryEvent_ChangeCheckFailed", "EndEvent_ChangeRejected");
    assertThat(row(change).getStatus()).isEqualTo(ProjectChangeStatus.INCOMPLETE);
    assertThat(row(change).getPendingKey()).isNull();
    assertThat(versions.history(project.getId())).hasSize(1);
  }

  @Test
  void aMajorChangeIsReviewedApprovedAndBecomesTheNextVersion() {
    Project project = cases.aRegisteredProject();
    ProjectChange change = file(project, request(ChangeKind.REVENUE_SHARE).ratio("0.92")
        .effective(LocalDate.of(2025, 6, 1)).build());
    ProcessInstance pi = instanceOf(change);
    assertThat(row(change).getChangeClass()).isEqualTo(ProjectChange.ChangeClass.MAJOR);
    assertThat(row(change).getPendingKey()).isEqualTo(project.getId());
    execute(job("Task_StartChangeReview", pi));
    assertThat(pi).isWaitingAt("Task_TechnicalReview");
    assertThat(cases.formOf(task("Task_TechnicalReview", pi))).isEqualTo("form-change-review");
    assertThat(row(change).getStatus()).isEqualTo(ProjectChangeStatus.UNDER_REVIEW);

    cases.completeAs("wangfang", task("Task_TechnicalReview", pi),
        withVariables("reviewDecision", "APPROVE", "reviewComment", "比例仍不低于下限"));
    // separation of duties: the technical reviewer does not approve the same case
    identityService.createMembership("wangfang", Groups.BUREAU);
    try {
      ProjectCases.assertRefused(() -> cases.as("wangfang", List.of(Groups.TECHCENTER, Groups.BUREAU),
          () -> taskService.complete(task("Task_BureauApproval", pi).getId(),
              withVariables("bureauDecision", "APPROVE", "bureauComment", "同意"))), "同一案件");
    } finally {
      identityService.deleteMembership("wangfang", Groups.BUREAU);
    }
    assertThat(cases.auditOf(project)).anySatisfy(a -> assertThat(a.getAction()).isEqualTo("REFUSED_COMPLETE"));
    cases.completeAs("zhangwei", task("Task_BureauApproval", pi),
        withVariables("bureauDecision", "APPROVE", "bureauComment", "准予变更"));
    execute(job("Task_ApplyChange", pi));

    assertThat(pi).isEnded().hasPassed("EndEvent_ChangeApplied");
    ProjectChange decided = row(change);
    assertThat(decided.getStatus()).isEqualTo(ProjectChangeStatus.APPLIED);
    assertThat(decided.getDecidedBy()).isEqualTo("zhangwei");
    assertThat(decided.getPendingKey()).isNull();
    assertThat(cases.current(project).getRevenueReturnRatio()).isEqualByComparingTo("0.92");
    assertThat(versions.inForce(project.getId(), LocalDate.of(2025, 6, 1)).getRevenueReturnRatio())
        .isEqualByComparingTo("0.92");
    assertThat(cases.feedKindsAbout(project)).contains("PROJECT_CHANGED");
    assertThat(checks.of(ProjectChangeDelegates.CASE_TYPE, change.getId())).extracting(CaseCheck::getCheckName)
        .containsExactly("核查变更内容完整性", "核查变更后收益返还比例", "核查受让开发方资格");
    assertThat(cases.noticeSubjectsAbout(project)).anyMatch(s -> s.contains("已变更"));
  }

  @Test
  void aMajorChangeRejectedInReviewLeavesTheRegistrationAsItWas() {
    Project project = cases.aRegisteredProject();
    ProjectChange change = file(project, request(ChangeKind.PARTICIPANT_SCOPE).text("participantScope",
        "扩大至河北省廊坊市的骑行用户").build());
    ProcessInstance pi = instanceOf(change);
    execute(job("Task_StartChangeReview", pi));
    cases.completeAs("wangfang", task("Task_TechnicalReview", pi),
        withVariables("reviewDecision", "REJECT", "reviewComment", "超出本市范围"));
    execute(job("Task_RejectChange", pi));

    assertThat(pi).isEnded().hasPassed("EndEvent_ChangeRejected").hasNotPassed("Task_BureauApproval");
    assertThat(row(change).getStatus()).isEqualTo(ProjectChangeStatus.REJECTED);
    assertThat(row(change).getDecidedBy()).isEqualTo("wangfang");
    assertThat(row(change).getDecisionComment()).contains("超出本市范围");
    assertThat(row(change).getPendingKey()).isNull();
    assertThat(versions.history(project.getId())).hasSize(1);
    assertThat(cases.feedKindsAbout(project)).contains("PROJECT_CHANGE_REJECTED");
  }

  @Test
  void aRevenueShareBelowTheMinimumIsRejectedByTheCheckAsAtRegistration() {
    Project project = cases.aRegisteredProject();
    ProjectChange change = file(project, request(ChangeKind.REVENUE_SHARE).ratio("0.85").build());
    ProcessInstance pi = instanceOf(change);
    assertThat(pi).hasPassed("BoundaryEvent_ChangeCheckFailed").isWaitingAt("Task_RejectChange");
    execute(job("Task_RejectChange", pi));
    assertThat(row(change).getStatus()).isEqualTo(ProjectChangeStatus.REJECTED);
    assertThat(row(change).getDecisionComment()).contains("低于规定的 90%");
  }

  @Test
  void aTransferAcceptedByTheReceivingDeveloperMovesTheProjectAfterApproval() {
    Project project = cases.aRegisteredProject();
    DeveloperOrganisation sunroof = developers.organisationOf("sunroof").orElseThrow();
    ProjectChange change = file(project, request(ChangeKind.DEVELOPER_TRANSFER)
        .text("newDeveloperCreditCode", sunroof.getCreditCode()).effective(LocalDate.of(2025, 7, 1)).build());
    ProcessInstance pi = instanceOf(change);
    assertThat(pi).isWaitingAt("Task_AcceptTransfer").variables().containsEntry("acceptanceRequired", true);
    assertThat(row(change).getStatus()).isEqualTo(ProjectChangeStatus.AWAITING_ACCEPTANCE);
    assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).taskCandidateUser("sunroof").count())
        .isEqualTo(1);
    assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).taskCandidateUser("greentravel").count())
        .isZero();
    // only the receiving organisation answers
    assertThatThrownBy(() -> cases.as("greentravel", Groups.DEVELOPER,
        () -> changes.answerTransfer(project.getId(), change.getId(), true, "自己接受")))
        .isInstanceOf(cn.beijing.carboninclusion.common.NotFoundException.class);
    cases.as("sunroof", Groups.DEVELOPER,
        () -> changes.answerTransfer(project.getId(), change.getId(), true, "同意受让"));

    execute(job("Task_StartChangeReview", pi));
    cases.completeAs("liuyang", task("Task_TechnicalReview", pi),
        withVariables("reviewDecision", "APPROVE", "reviewComment", "受让方资质良好"));
    cases.completeAs("lina", task("Task_BureauApproval", pi),
        withVariables("bureauDecision", "APPROVE", "bureauComment", "准予转让"));
    execute(job("Task_ApplyChange", pi));

    assertThat(pi).isEnded().hasPassed("Task_AcceptTransfer", "EndEvent_ChangeApplied");
    assertThat(cases.current(project).getDeveloperId()).isEqualTo(sunroof.getId());
    // the version in force for a past period still names the transferring developer
    Long greentravel = cases.developerIdOf("greentravel");
    assertThat(versions.inForce(project.getId(), LocalDate.of(2025, 6, 30)).getDeveloperId()).isEqualTo(greentravel);
    assertThat(versions.inForce(project.getId(), LocalDate.of(2025, 7, 1)).getDeveloperId()).isEqualTo(sunroof.getId());
    assertThat(versions.heldBy(project.getId(), greentravel)).isTrue();
    assertThat(cases.noticesTo("sunroof@developer.example", project)).isNotEmpty();
  }

  @Test
  void aTransferRefusedByTheReceivingDeveloperEndsRefused() {
    Project project = cases.aRegisteredProject();
    DeveloperOrganisation sunroof = developers.organisationOf("sunroof").orElseThrow();
    ProjectChange change = file(project, request(ChangeKind.DEVELOPER_TRANSFER)
        .text("newDeveloperCreditCode", sunroof.getCreditCode()).build());
    ProcessInstance pi = instanceOf(change);
    cases.as("sunroof", Groups.DEVELOPER, () -> changes.answerTransfer(project.getId(), change.getId(), false,
        "不具备运营能力"));
    execute(job("Task_RecordRefusal", pi));

    assertThat(pi).isEnded().hasPassed("EndEvent_TransferRefused").hasNotPassed("Task_TechnicalReview");
    assertThat(row(change).getStatus()).isEqualTo(ProjectChangeStatus.REFUSED);
    assertThat(row(change).getDecidedBy()).isEqualTo("sunroof");
    assertThat(row(change).getDecisionComment()).contains("不具备运营能力");
    assertThat(row(change).getPendingKey()).isNull();
    assertThat(cases.current(project).getDeveloperId()).isEqualTo(cases.developerIdOf("greentravel"));
  }

  @Test
  void aTransferToABarredDeveloperIsRejectedByTheCheck() {
    Project project = cases.aRegisteredProject();
    String barred = cases.aBarredDeveloperAccount("数据造假");
    String code = developers.organisationOf(barred).orElseThrow().getCreditCode();
    ProjectChange change = file(project, request(ChangeKind.DEVELOPER_TRANSFER).text("newDeveloperCreditCode", code)
        .build());
    ProcessInstance pi = instanceOf(change);
    assertThat(pi).hasPassed("Task_CheckReceivingDeveloper").hasNotPassed("Task_AcceptTransfer");
    execute(job("Task_RejectChange", pi));
    assertThat(row(change).getStatus()).isEqualTo(ProjectChangeStatus.REJECTED);
    assertThat(row(change).getDecisionComment()).contains("禁止申报期");
  }

  @Test
  void aTransferToADeveloperUnderABarOfTheBureauIsRejectedByTheCheck() {
    Project project = cases.aRegisteredProject();
    String receiving = cases.aDeveloperAccount("receiver", java.util.UUID.randomUUID().toString());
    cases.as("zhangwei", Groups.BUREAU, () -> bars.bar(cn.beijing.carboninclusion.supervision.Bar.SubjectKind.DEVELOPER, cases.developerIdOf(receiving),
        "出具虚假监测数据", null));
    String code = developers.organisationOf(receiving).orElseThrow().getCreditCode();
    ProjectChange change = file(project, request(ChangeKind.DEVELOPER_TRANSFER).text("newDeveloperCreditCode", code)
        .build());
    ProcessInstance pi = instanceOf(change);
    assertThat(pi).hasPassed("Task_CheckReceivingDeveloper").hasNotPassed("Task_AcceptTransfer");
    execute(job("Task_RejectChange", pi));
    assertThat(row(change).getStatus()).isEqualTo(ProjectChangeStatus.REJECTED);
    assertThat(row(change).getDecisionComment()).contains("禁止申报期", "出具虚假监测数据");
  }

  @Test
  void aDeveloperBarredAfterRegistrationCannotFileAChange() {
    String account = "changer" + java.util.UUID.randomUUID().toString().replace("-", "");
    DeveloperOrganisation organisation = developers.register(ProjectCases.aCreditCode(), "测试变更开发方" + account,
        DeveloperOrganisation.Kind.ENTERPRISE, account + "@developer.example");
    org.camunda.bpm.engine.identity.User user = identityService.newUser(account);
    user.setPassword(java.util.UUID.randomUUID().toString());
    identityService.saveUser(user);
    identityService.createMembership(account, Groups.DEVELOPER);
    developers.addMember(organisation.getId(), account);
    try {
      Project project = cases.fileAs(account, ProjectCases.aCompleteApplication());
      ProcessInstance registration = cases.registrationOf(project);
      execute(job("Task_StartReview", registration));
      cases.completeAs("wangfang", task("Task_TechnicalReview", registration),
          withVariables("reviewDecision", "APPROVE", "reviewComment", "通过"));
      execute(job("Task_StartPublicity", registration));
      cases.endPublicity(registration);
      cases.completeAs("zhangwei", task("Task_BureauDecision", registration),
          withVariables("bureauDecision", "APPROVE", "bureauComment", "准予登记"));
      execute(job("Task_RegisterProject", registration));
      assertThat(cases.current(project).getStatus()).isEqualTo(ProjectStatus.REGISTERED);

      DeveloperOrganisation stored = organisations.findById(organisation.getId()).orElseThrow();
      stored.bar(LocalDate.now().plusYears(3), "数据造假");
      organisations.save(stored);
      assertThatThrownBy(() -> cases.as(account, Groups.DEVELOPER, () -> changes.file(project.getId(),
          request(ChangeKind.ADDRESS).text("address", "新地址").build())))
          .isInstanceOf(ConflictException.class).hasMessageContaining("禁止申报期");
      assertThat(changeRows.findByProjectIdOrderByIdAsc(project.getId())).isEmpty();
    } finally {
      identityService.deleteUser(account);
    }
  }

  @Test
  void aSecondMajorChangeWaitsForTheFirstButAMinorOneDoesNot() {
    Project project = cases.aRegisteredProject();
    file(project, request(ChangeKind.MONITORING_PLAN).text("monitoringPlan", "按月汇总骑行数据").build());
    long before = changeRows.findByProjectIdOrderByIdAsc(project.getId()).size();
    assertThatThrownBy(() -> file(project, request(ChangeKind.REVENUE_SHARE).ratio("0.93").build()))
        .isInstanceOf(ConflictException.class).hasMessageContaining("待决定的重大变更");
    assertThat(changeRows.findByProjectIdOrderByIdAsc(project.getId())).hasSize((int) before);
    ProjectChange minor = file(project, request(ChangeKind.ADDRESS).text("address", "中关村大街 2 号").build());
    assertThat(row(minor).getChangeClass()).isEqualTo(ProjectChange.ChangeClass.MINOR);
  }

  @Test
  void aReductionApplicationReachingTheEffectiveDateWaitsForTheDecisionAndResumes() {
    Project project = cases.aRegisteredProject();
    ProjectChange change = file(project, request(ChangeKind.REVENUE_SHARE).ratio("0.92")
        .effective(LocalDate.of(2025, 6, 1)).build());
    ProcessInstance pi = instanceOf(change);
    // the period ends after the effective date: held before review
    ReductionApplication covered = apply(project, LocalDate.of(2025, 4, 1), LocalDate.of(2025, 6, 30));
    ProcessInstance held = reductionOf(covered);
    assertThat(held).hasPassed("Task_HoldForChange").isWaitingAt("Gateway_AwaitChangeDecision");
    assertThat(reductionApplications.findById(covered.getId()).orElseThrow().getStatus())
        .isEqualTo(ReductionStatus.ON_HOLD);
    // a period that ends before the effective date does not wait
    ReductionApplication earlier = apply(project, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31));
    assertThat(reductionOf(earlier)).hasNotPassed("Task_HoldForChange").isWaitingAt("Task_StartReview");

    execute(job("Task_StartChangeReview", pi));
    cases.completeAs("wangfang", task("Task_TechnicalReview", pi),
        withVariables("reviewDecision", "APPROVE", "reviewComment", "同意"));
    cases.completeAs("zhangwei", task("Task_BureauApproval", pi),
        withVariables("bureauDecision", "REJECT", "bureauComment", "返还比例调整理由不充分"));
    assertThat(held).isWaitingAt("Gateway_AwaitChangeDecision");
    execute(job("Task_RejectChange", pi));

    assertThat(row(change).getStatus()).isEqualTo(ProjectChangeStatus.REJECTED);
    assertThat(held).hasPassed("Event_ProjectChangeDecided", "Task_ResumeAfterChange").isWaitingAt("Task_StartReview");
    assertThat(reductionApplications.findById(covered.getId()).orElseThrow().getStatus())
        .isEqualTo(ReductionStatus.SUBMITTED);
    execute(job("Task_StartReview", held));
    cases.verify(held);
    assertThat(held).isWaitingAt("Task_TechnicalReview");
  }

  @Test
  void anApprovedChangeResumesTheHeldApplicationAndItsChecksReadTheVersionsInForce() {
    Project project = cases.aRegisteredProject();
    ProjectChange change = file(project, request(ChangeKind.REVENUE_SHARE).ratio("0.92")
        .effective(LocalDate.of(2025, 6, 1)).build());
    ProcessInstance pi = instanceOf(change);
    ReductionApplication covered = apply(project, LocalDate.of(2025, 4, 1), LocalDate.of(2025, 6, 30));
    execute(job("Task_StartChangeReview", pi));
    cases.completeAs("wangfang", task("Task_TechnicalReview", pi),
        withVariables("reviewDecision", "APPROVE", "reviewComment", "同意"));
    cases.completeAs("zhangwei", task("Task_BureauApproval", pi),
        withVariables("bureauDecision", "APPROVE", "bureauComment", "准予变更"));
    execute(job("Task_ApplyChange", pi));
    assertThat(reductionOf(covered)).hasPassed("Task_ResumeAfterChange").isWaitingAt("Task_StartReview");

    // a later application over the change: its check names both versions in force, each with its ratio
    ReductionApplication spanning = apply(project, LocalDate.of(2025, 7, 1), LocalDate.of(2025, 7, 31));
    assertThat(reductionOf(spanning)).hasNotPassed("Task_HoldForChange");
    ReductionApplication across = apply(project, LocalDate.of(2025, 5, 1), LocalDate.of(2025, 5, 31));
    assertThat(checks.of("REDUCTION", across.getId())).filteredOn(c -> c.getCheckName().equals("核查适用的登记信息版本"))
        .singleElement().satisfies(c -> assertThat(c.getDetail()).contains("第 1 版").contains("95%")
            .doesNotContain("第 2 版"));
    assertThat(checks.of("REDUCTION", spanning.getId())).filteredOn(c -> c.getCheckName().equals("核查适用的登记信息版本"))
        .singleElement().satisfies(c -> assertThat(c.getDetail()).contains("第 2 版").contains("92%"));
  }

  @Test
  void aCancelledProjectEndsItsPendingChange() {
    Project project = cases.aRegisteredProject();
    ProjectChange change = file(project, request(ChangeKind.MONITORING_PLAN).text("monitoringPlan", "按周汇总").build());
    ProcessInstance pi = instanceOf(change);
    // what every cancelling process sends (ProjectLifecycle.signalProcesses)
    runtimeService.createMessageCorrelation("Message_ProjectCancelled")
        .processInstanceBusinessKey(String.valueOf(project.getId()))
        .setVariable("projectMessageReason", "项目注销").correlateAllWithResult();
    assertThat(pi).isEnded().hasPassed("StartEvent_ProjectCancelled", "EndEvent_ChangeTerminated");
    assertThat(row(change).getStatus()).isEqualTo(ProjectChangeStatus.TERMINATED);
    assertThat(row(change).getPendingKey()).isNull();
  }

  // ---- helpers -----------------------------------------------------------------------------------------------

  private ProjectChange file(Project project, ProjectChangeRequest request) {
    return cases.as("greentravel", Groups.DEVELOPER, () -> changes.file(project.getId(), request));
  }

  private ProjectChange row(ProjectChange change) {
    return changeRows.findById(change.getId()).orElseThrow();
  }

  private ProcessInstance instanceOf(ProjectChange change) {
    ProcessInstance pi = runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS)
        .variableValueEquals("changeId", change.getId()).singleResult();
    assertThat(pi).as("running ProjectChange of change %s", change.getId()).isNotNull();
    return pi;
  }

  private ReductionApplication apply(Project project, LocalDate from, LocalDate to) {
    return new ReductionCases(context, cases).fileTrips(project, from, to, "5.2", 100_000);
  }

  private ProcessInstance reductionOf(ReductionApplication application) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("ReductionRegistration")
        .variableValueEquals("applicationId", application.getId()).singleResult();
  }

  static ProjectChangeRequest contact(String name, String phone) {
    return new ProjectChangeRequest(ChangeKind.CONTACT, "联系人调整", null, null, null, null, null, null, name, phone,
        null, null);
  }

  static RequestBuilder request(ChangeKind kind) {
    return new RequestBuilder(kind);
  }

  /** A change request of one kind; set what the test needs. */
  static final class RequestBuilder {
    private final ChangeKind kind;
    private LocalDate effective;
    private BigDecimal ratio;
    private final Map<String, String> texts = new java.util.HashMap<>();

    RequestBuilder(ChangeKind kind) { this.kind = kind; }

    RequestBuilder ratio(String value) { this.ratio = new BigDecimal(value); return this; }

    RequestBuilder effective(LocalDate day) { this.effective = day; return this; }

    RequestBuilder text(String field, String value) { texts.put(field, value); return this; }

    ProjectChangeRequest build() {
      return new ProjectChangeRequest(kind, "变更理由：" + kind.label(), effective, texts.get("address"), ratio,
          texts.get("revenuePlan"), texts.get("participantScope"), texts.get("monitoringPlan"),
          texts.get("contactName"), texts.get("contactPhone"), texts.get("contactEmail"),
          texts.get("newDeveloperCreditCode"));
    }
  }
}
