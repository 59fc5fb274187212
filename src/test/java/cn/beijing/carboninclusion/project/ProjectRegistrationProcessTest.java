package cn.beijing.carboninclusion.project;

import static cn.beijing.carboninclusion.project.ProjectCases.BUREAU_OFFICER;
import static cn.beijing.carboninclusion.project.ProjectCases.REGISTRATION_NO;
import static cn.beijing.carboninclusion.project.ProjectCases.SECOND_BUREAU_OFFICER;
import static cn.beijing.carboninclusion.project.ProjectCases.SECOND_TECHNICAL_REVIEWER;
import static cn.beijing.carboninclusion.project.ProjectCases.TECHNICAL_REVIEWER;
import static cn.beijing.carboninclusion.project.ProjectCases.aCompleteApplication;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.common.AuditEntry;
import cn.beijing.carboninclusion.common.CaseCheck;
import cn.beijing.carboninclusion.common.CaseCheck.Outcome;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.supervision.CaseActor;
import cn.beijing.carboninclusion.supervision.CaseActors;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The paths of ProjectRegistration (一类项目公示与登记), each walked with a real application filed by a developer. */
class ProjectRegistrationProcessTest extends PlatformIntegrationTest {
  @Autowired ApplicationContext context;
  @Autowired ProcessEngine processEngine;
  @Autowired ManagementService managementService;
  @Autowired WorkingDayCalendar workingDays;
  @Autowired ObjectionService objectionService;
  @Autowired Objections objections;
  @Autowired CaseActors caseActors;

  private ProjectCases cases;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    cases = new ProjectCases(context);
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    cases.cleanUp();
  }

  // ---- 1. happy path -------------------------------------------------------------------------------------------

  @Test
  void anApplicationPassingEveryCheckIsReviewedPublicisedAndRegistered() {
    Instant filedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ClockUtil.setCurrentTime(Date.from(filedAt));
    Project project = cases.file(aCompleteApplication());
    ProcessInstance pi = cases.registrationOf(project);
    assertThat(pi).hasPassedInOrder("Task_CheckMethodology", "Task_CheckDeveloper", "Task_CheckDuplicateApplication",
        "Task_CheckDuplicateSite", "Task_CheckExternalRegistrations", "Task_CheckRevenueReturn", "Task_CheckDocuments",
        "EndEvent_ChecksPassed").isWaitingAt("Task_StartReview");
    assertThat(cases.checksOf(project)).hasSize(7).extracting(CaseCheck::getOutcome).containsOnly(Outcome.PASSED);

    execute(job("Task_StartReview", pi));
    assertThat(pi).isWaitingAt("Task_TechnicalReview");
    Task review = task("Task_TechnicalReview", pi);
    assertThat(review).hasCandidateGroup("techcenter").isNotAssigned()
        .hasDueDate(Date.from(workingDays.addWorkingDays(filedAt, 20)));
    assertThat(cases.formOf(review)).isEqualTo("form-technical-review");
    assertThat(cases.current(project).getStatus()).isEqualTo(ProjectStatus.UNDER_REVIEW);

    cases.completeAs(TECHNICAL_REVIEWER, review,
        withVariables("reviewDecision", "APPROVE", "reviewComment", "方法学适用，材料齐全"));
    assertThat(pi).hasPassed("Task_TechnicalReview").isWaitingAt("Task_StartPublicity");
    execute(job("Task_StartPublicity", pi));
    assertThat(pi).isWaitingAt("Timer_PublicityEnds");
    LocalDate today = LocalDate.ofInstant(filedAt, workingDays.zone());
    Project inPublicity = cases.current(project);
    assertThat(inPublicity.getStatus()).isEqualTo(ProjectStatus.IN_PUBLICITY);
    assertThat(inPublicity.getPublicityStart()).isEqualTo(today);
    assertThat(inPublicity.getPublicityEnd()).isEqualTo(workingDays.addWorkingDays(today, 20));
    assertThat(cases.feedKindsAbout(project)).containsExactly("PUBLICITY_STARTED");

    cases.endPublicity(pi);
    ClockUtil.setCurrentTime(Date.from(filedAt));
    assertThat(pi).hasPassed("EndEvent_PublicityEnded", "Task_ClosePublicity").hasNotPassed("Task_HandleObjections")
        .isWaitingAt("Task_BureauDecision");
    Task decision = task("Task_BureauDecision", pi);
    assertThat(decision).hasCandidateGroup("bureau").hasDueDate(Date.from(workingDays.addWorkingDays(
        inPublicity.getPublicityEnd().atTime(12, 0).atZone(workingDays.zone()).toInstant(), 15)));
    assertThat(cases.formOf(decision)).isEqualTo("form-bureau-decision");

    cases.completeAs(BUREAU_OFFICER, decision, withVariables("bureauDecision", "APPROVE", "bureauComment", "准予登记"));
    assertThat(pi).isWaitingAt("Task_RegisterProject");
    execute(job("Task_RegisterProject", pi));
    assertThat(pi).hasPassed("Task_RegisterProject", "EndEvent_Registered").hasNotPassed("Task_RejectApplication")
        .isEnded();

    Project registered = cases.current(project);
    assertThat(registered.getStatus()).isEqualTo(ProjectStatus.REGISTERED);
    assertThat(registered.getRegistrationNo()).matches(REGISTRATION_NO)
        .startsWith("BJCI-P-" + today.getYear() + "-");
    assertThat(registered.getRegisteredAt()).isEqualTo(filedAt);
    assertThat(registered.getStatusReason()).isEqualTo("予以登记，登记编号 " + registered.getRegistrationNo() + "。准予登记");
    assertThat(cases.feedKindsAbout(project)).containsExactly("PUBLICITY_STARTED", "PROJECT_REGISTERED");
    assertThat(cases.feedAbout(project).get(1).getBody()).contains(registered.getRegistrationNo());
    assertThat(cases.noticeSubjectsAbout(project)).anyMatch(s -> s.endsWith("状态变更为：公示中"))
        .anyMatch(s -> s.endsWith("状态变更为：已登记"));
    assertThat(caseActors.findAll()).filteredOn(a -> a.getProcessInstanceId().equals(pi.getId()))
        .extracting(CaseActor::getStage, CaseActor::getUserId)
        .containsExactly(tuple("Task_TechnicalReview", TECHNICAL_REVIEWER), tuple("Task_BureauDecision", BUREAU_OFFICER));
    assertThat(cases.auditOf(project)).filteredOn(e -> e.getAction().equals("TASK_COMPLETED"))
        .extracting(AuditEntry::getActor).containsExactly(TECHNICAL_REVIEWER, BUREAU_OFFICER);
  }

  // ---- 2. hard-check failures ----------------------------------------------------------------------------------

  @Test
  void aClassOneApplicationUnderALevelTwoMethodologyIsRejected() {
    Project project = cases.file(aCompleteApplication().underMethodology("BJCI-M-PARKING"));

    assertRejectedByHardCheck(project, "Error_LevelTwoMethodology", ProjectRules.METHODOLOGY, "为二级方法学");
    assertThat(cases.checksOf(project)).extracting(CaseCheck::getCheckName).containsExactly(ProjectRules.METHODOLOGY);
  }

  @Test
  void anApplicationFromABarredDeveloperIsRejected() {
    String account = cases.aBarredDeveloperAccount("虚报减排量");
    Project project = cases.fileAs(account, aCompleteApplication());

    assertRejectedByHardCheck(project, "Error_DeveloperBarred", ProjectRules.DEVELOPER, "处于禁止申报期");
    assertThat(cases.current(project).getStatusReason()).contains("原因：虚报减排量");
    assertThat(cases.checksOf(project)).extracting(CaseCheck::getCheckName)
        .containsExactly(ProjectRules.METHODOLOGY, ProjectRules.DEVELOPER);
    assertThat(cases.noticesTo(account + "@developer.example", project))
        .anyMatch(n -> n.getSubject().endsWith("状态变更为：不予登记"));
  }

  @Test
  void aSecondApplicationForTheSameSiteUnderTheSameMethodologyIsRejected() {
    ProjectCases.Application first = aCompleteApplication();
    Project inReview = cases.file(first);
    ProcessInstance firstCase = cases.registrationOf(inReview);
    execute(job("Task_StartReview", firstCase));
    assertThat(firstCase).isWaitingAt("Task_TechnicalReview");

    Project duplicate = cases.file(aCompleteApplication().declaring(first.scheme(), first.identifier()));

    assertRejectedByHardCheck(duplicate, "Error_DuplicateApplication", ProjectRules.DUPLICATE,
        "存在重复申报：项目「" + first.name() + "」（编号 " + inReview.getId() + "，技术评估中）已申报标识 "
            + first.scheme() + ":" + first.identifier());
    assertThat(firstCase).isWaitingAt("Task_TechnicalReview");
    assertThat(cases.current(inReview).getStatus()).isEqualTo(ProjectStatus.UNDER_REVIEW);
  }

  @Test
  void anApplicationDeclaringAnIdentifierAlreadyCreditedElsewhereIsRejected() {
    String ccer = "CCER-" + java.util.UUID.randomUUID();
    Project project = cases.file(aCompleteApplication().alsoCreditedIn("CCER", ccer));

    assertRejectedByHardCheck(project, "Error_DuplicateApplication", ProjectRules.DUPLICATE,
        "标识 CCER:" + ccer + " 已在其他减排机制中获得签发");
  }

  @Test
  void anApplicationReturningLessThanNinetyPercentIsRejected() {
    Project project = cases.file(aCompleteApplication().returning("0.85"));

    assertRejectedByHardCheck(project, "Error_RevenueReturnTooLow", ProjectRules.REVENUE,
        "收益返还比例 85% 低于规定的 90%");
  }

  @Test
  void anApplicationWithAnEmptyDesignDocumentIsRejected() {
    Project project = cases.file(aCompleteApplication().withEmptyDesignDocument());

    assertRejectedByHardCheck(project, "Error_DocumentsIncomplete", ProjectRules.DOCUMENTS,
        "申请材料不完整，缺少：项目设计文件");
  }

  @Test
  void anApplicationWithoutARevenuePlanIsRejected() {
    Project project = cases.file(aCompleteApplication().withRevenuePlan("   "));

    assertRejectedByHardCheck(project, "Error_DocumentsIncomplete", ProjectRules.DOCUMENTS,
        "申请材料不完整，缺少：收益管理方案");
  }

  @Test
  void aSiteFoundByItsNormalisedAddressAloneIsRejectedWhateverTheIdentifier() {
    long street = java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
    ProjectCases.Application first = aCompleteApplication().at("海淀区", "测试路 " + street + " 号");
    Project inReview = cases.file(first);
    execute(job("Task_StartReview", cases.registrationOf(inReview)));

    // another identifier, the address written otherwise: 北京市 and the district before it, full-width digits, 号楼
    Project duplicate = cases.file(aCompleteApplication().at("北京市海淀区", "北京市海淀区测试路" + fullWidth(street)
        + "号楼"));

    ProcessInstance pi = cases.registrationOf(duplicate);
    assertThat(pi).hasPassed("Task_CheckDuplicateApplication", "Task_CheckDuplicateSite")
        .hasNotPassed("Task_CheckExternalRegistrations");
    assertRejectedByHardCheck(duplicate, "Error_DuplicateSite", ProjectRules.DUPLICATE_SITE,
        "存在同一地点的本市项目：项目「" + first.name() + "」（编号 " + inReview.getId() + "，技术评估中，海淀区 测试路 "
            + street + " 号）与本项目地点相同（区与规范化地址均为「海淀 测试路" + street + "号」）");
    assertThat(cases.current(inReview).getStatus()).isEqualTo(ProjectStatus.UNDER_REVIEW);
  }

  @Test
  void aCancelledProjectsSiteCannotComeBackUnderANewIdentifier() {
    long street = java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
    Project cancelled = cases.aRegistered(aCompleteApplication().at("朝阳区", "望京测试街 " + street + " 号"));
    cases.requestCancellation(cancelled, "开发方申请注销");
    ProcessInstance cancellation = cases.cancellationOf(cancelled);
    cases.completeAs(SECOND_BUREAU_OFFICER, task("Task_ConfirmCancellation", cancellation),
        withVariables("cancellationDecision", "CONFIRM", "cancellationComment", "同意注销"));
    execute(job("Task_CancelProject", cancellation));
    assertThat(cases.current(cancelled).getStatus()).isEqualTo(ProjectStatus.CANCELLED);

    // the same site, a new identifier, even under another methodology
    Project again = cases.file(aCompleteApplication().underMethodology("BJCI-M-PV")
        .at("朝阳区", "望京测试街" + street + "号3层301室"));

    assertRejectedByHardCheck(again, "Error_DuplicateSite", ProjectRules.DUPLICATE_SITE,
        "（编号 " + cancelled.getId() + "，登记编号 " + cases.current(cancelled).getRegistrationNo()
            + "，已注销，朝阳区 望京测试街 " + street + " 号）与本项目地点相同");
    assertThat(cases.current(again).getStatusReason()).contains("已注销项目的地点不得以新的标识重新登记");
  }

  @Test
  void sitesWithinTheRuleDistanceAreTheSameSite() {
    double lat = 39.8 + java.util.concurrent.ThreadLocalRandom.current().nextDouble(0.3);
    double lon = 116.2 + java.util.concurrent.ThreadLocalRandom.current().nextDouble(0.4);
    ProjectCases.Application first = aCompleteApplication().atCoordinates(degrees(lat), degrees(lon));
    Project inReview = cases.file(first);
    // 0.0003° of latitude ≈ 33 m: within siteMatchMetres (100), under another address and identifier
    Project near = cases.file(aCompleteApplication().atCoordinates(degrees(lat + 0.0003), degrees(lon)));

    assertRejectedByHardCheck(near, "Error_DuplicateSite", ProjectRules.DUPLICATE_SITE,
        "项目「" + first.name() + "」（编号 " + inReview.getId());
    assertThat(cases.current(near).getStatusReason()).containsPattern("坐标相距约 3[2-4] 米（规则 siteMatchMetres：100 米以内"
        + "视为同一地点）");
  }

  @Test
  void anApplicationMatchingAnImportedRegistrationElsewhereIsRejectedNamingIt() {
    long street = java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
    String ccer = "CCER-11-2025-" + street;
    cases.as("wangfang", cn.beijing.carboninclusion.identity.Groups.TECHCENTER, () -> context.getBean(
        cn.beijing.carboninclusion.project.external.ExternalRegistrations.class).importList(
        new java.io.ByteArrayInputStream(("source,external_id,name,district,address,registered_on\n"
            + "CCER," + ccer + ",顺义区屋顶光伏项目," + "顺义区,仁和镇测试路 " + street + " 号,2024-05-20\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8)), "ccer.csv", "全国温室气体自愿减排注册登记系统项目清单",
        "2025-06-30"));

    // the developer declares no CCER registration; the site gives it away
    Project project = cases.file(aCompleteApplication().underMethodology("BJCI-M-PV")
        .at("顺义区", "北京市顺义区仁和镇测试路" + street + "号"));

    ProcessInstance pi = cases.registrationOf(project);
    assertThat(pi).hasPassed("Task_CheckDuplicateSite", "Task_CheckExternalRegistrations")
        .hasNotPassed("Task_CheckRevenueReturn");
    assertRejectedByHardCheck(project, "Error_RegisteredElsewhere", ProjectRules.EXTERNAL,
        "项目已在其他减排机制登记，不得重复登记：全国温室气体自愿减排交易市场（CCER） 登记编号 " + ccer
            + "「顺义区屋顶光伏项目」（顺义区 仁和镇测试路 " + street + " 号，登记日期 2024-05-20；第 ");
    assertThat(cases.current(project).getStatusReason()).contains("地点相同（区与规范化地址均为「顺义 仁和镇测试路"
        + street + "号」）");

    // and a declared registration of that scheme is matched by its number, however it is written
    Project declared = cases.file(aCompleteApplication().declaring("ccer", ccer.toLowerCase().replace("-", " ")));
    assertRejectedByHardCheck(declared, "Error_RegisteredElsewhere", ProjectRules.EXTERNAL, "登记编号相同（本项目申报 ccer:");
  }

  private static String fullWidth(long number) {
    StringBuilder wide = new StringBuilder();
    String.valueOf(number).chars().forEach(c -> wide.append((char) (c - '0' + '０')));
    return wide.toString();
  }

  private static String degrees(double value) {
    return new java.math.BigDecimal(value).setScale(7, java.math.RoundingMode.HALF_UP).toPlainString();
  }

  /**
   * The application waits at Task_RejectApplication after BoundaryEvent_HardCheckFailed caught the check's error,
   * and the rejection ends it as REJECTED with the check's reason, unpublished (no publicity had begun).
   */
  private void assertRejectedByHardCheck(Project project, String errorCode, String checkName, String reason) {
    ProcessInstance pi = cases.registrationOf(project);
    assertThat(pi).hasPassed("BoundaryEvent_HardCheckFailed").hasNotPassed("EndEvent_ChecksPassed")
        .isWaitingAt("Task_RejectApplication");
    assertThat(pi).variables().containsEntry("hardCheckErrorCode", errorCode);

    execute(job("Task_RejectApplication", pi));
    assertThat(pi).hasPassed("Task_RejectApplication", "EndEvent_Rejected").hasNotPassed("Task_StartReview")
        .isEnded();
    Project rejected = cases.current(project);
    assertThat(rejected.getStatus()).isEqualTo(ProjectStatus.REJECTED);
    assertThat(rejected.getStatusReason()).startsWith("自动核查未通过：").contains(reason);
    List<CaseCheck> checks = cases.checksOf(project);
    assertThat(checks.get(checks.size() - 1)).satisfies(failed -> {
      assertThat(failed.getCheckName()).isEqualTo(checkName);
      assertThat(failed.getOutcome()).isEqualTo(Outcome.FAILED);
      assertThat(failed.getDetail()).contains(reason);
    });
    assertThat(checks.subList(0, checks.size() - 1)).allSatisfy(c -> assertThat(c.getOutcome()).isEqualTo(Outcome.PASSED));
    assertThat(cases.feedAbout(project)).isEmpty();
  }

  // ---- 3. soft finding -----------------------------------------------------------------------------------------

  @Test
  void theSameSiteUnderAnotherMethodologyIsFlaggedForTheReviewerNotRejected() {
    ProjectCases.Application first = aCompleteApplication();
    cases.file(first);

    Project second = cases.file(
        aCompleteApplication().underMethodology("BJCI-M-PV").declaring(first.scheme(), first.identifier()));
    ProcessInstance pi = cases.registrationOf(second);
    assertThat(pi).hasPassed("EndEvent_ChecksPassed").hasNotPassed("BoundaryEvent_HardCheckFailed")
        .isWaitingAt("Task_StartReview");
    execute(job("Task_StartReview", pi));

    assertThat(pi).isWaitingAt("Task_TechnicalReview");
    assertThat(cases.current(second).getStatus()).isEqualTo(ProjectStatus.UNDER_REVIEW);
    assertThat(cases.checksOf(second)).filteredOn(c -> c.getCheckName().equals(ProjectRules.DUPLICATE))
        .singleElement().satisfies(check -> {
          assertThat(check.getOutcome()).isEqualTo(Outcome.FLAGGED);
          assertThat(check.getDetail()).contains(first.name()).contains("不同方法学");
        });
    assertThat(pi).variables().extractingByKey("checkSummary").asString().contains("【提示】" + ProjectRules.DUPLICATE);
  }

  // ---- 4. supplements ------------------------------------------------------------------------------------------

  @Test
  void aSupplementedApplicationReturnsToTechnicalReview() {
    Project project = cases.file(aCompleteApplication());
    ProcessInstance pi = cases.registrationOf(project);
    execute(job("Task_StartReview", pi));

    cases.completeAs(TECHNICAL_REVIEWER, task("Task_TechnicalReview", pi),
        withVariables("reviewDecision", "SUPPLEMENT", "reviewComment", "请补充骑行数据采集说明"));
    assertThat(pi).hasPassed("Gateway_SupplementRoundsLeft").isWaitingAt("Task_RequestSupplement");
    execute(job("Task_RequestSupplement", pi));
    assertThat(pi).isWaitingAt("Task_SubmitSupplement");
    assertThat(task("Task_SubmitSupplement", pi)).isAssignedTo(ProjectCases.DEVELOPER);
    Project waiting = cases.current(project);
    assertThat(waiting.getStatus()).isEqualTo(ProjectStatus.SUPPLEMENT_REQUESTED);
    assertThat(waiting.getSupplementRounds()).isEqualTo(1);
    assertThat(waiting.getStatusReason()).startsWith("第 1 次补正（至多 3 次）").endsWith("补正要求：请补充骑行数据采集说明");
    assertThat(cases.noticeSubjectsAbout(project)).anyMatch(s -> s.endsWith("状态变更为：待补正"));

    cases.supplement(project, "已补充数据采集说明");
    assertThat(pi).hasPassed("Task_SubmitSupplement").isWaitingAt("Task_StartReview");
    execute(job("Task_StartReview", pi));

    assertThat(pi).isWaitingAt("Task_TechnicalReview");
    Project backInReview = cases.current(project);
    assertThat(backInReview.getStatus()).isEqualTo(ProjectStatus.UNDER_REVIEW);
    assertThat(backInReview.getStatusReason()).isEqualTo("开发方已提交补正材料，重新技术评估。补正说明：已补充数据采集说明");
    assertThat(cases.documentsOf(project)).extracting(ProjectDocuments.Info::kind)
        .contains(ProjectDocument.Kind.SUPPLEMENT);
  }

  @Test
  void aMissedSupplementDeadlineWithdrawsTheApplication() {
    Instant requestedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ClockUtil.setCurrentTime(Date.from(requestedAt));
    Project project = cases.file(aCompleteApplication());
    ProcessInstance pi = cases.registrationOf(project);
    execute(job("Task_StartReview", pi));
    cases.completeAs(TECHNICAL_REVIEWER, task("Task_TechnicalReview", pi),
        withVariables("reviewDecision", "SUPPLEMENT", "reviewComment", "请补充场地租赁合同"));
    execute(job("Task_RequestSupplement", pi));
    assertThat(pi).isWaitingAt("Task_SubmitSupplement");

    Job deadline = job("Timer_SupplementDeadline", pi);
    assertThat(deadline.getDuedate()).isEqualTo(Date.from(workingDays.addWorkingDays(requestedAt, 10)));
    execute(deadline);
    assertThat(pi).hasPassed("Timer_SupplementDeadline").isWaitingAt("Task_WithdrawApplication");
    assertThat(processEngine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).count()).isZero();
    execute(job("Task_WithdrawApplication", pi));

    assertThat(pi).hasPassed("EndEvent_Withdrawn").isEnded();
    Project withdrawn = cases.current(project);
    assertThat(withdrawn.getStatus()).isEqualTo(ProjectStatus.WITHDRAWN);
    assertThat(withdrawn.getStatusReason()).isEqualTo("补正期限届满未提交补正材料，视为撤回申请");
    assertThat(cases.feedAbout(project)).isEmpty();
    assertThat(cases.noticeSubjectsAbout(project)).anyMatch(s -> s.endsWith("状态变更为：已撤回"));
  }

  @Test
  void aFourthSupplementRequestRejectsTheApplication() {
    Project project = cases.file(aCompleteApplication());
    ProcessInstance pi = cases.registrationOf(project);
    execute(job("Task_StartReview", pi));
    for (int round = 1; round <= 3; round++) {
      cases.completeAs(TECHNICAL_REVIEWER, task("Task_TechnicalReview", pi),
          withVariables("reviewDecision", "SUPPLEMENT", "reviewComment", "第 " + round + " 次补正要求"));
      execute(job("Task_RequestSupplement", pi));
      assertThat(cases.current(project).getSupplementRounds()).isEqualTo(round);
      cases.supplement(project, "第 " + round + " 次补正材料");
      execute(job("Task_StartReview", pi));
      assertThat(pi).isWaitingAt("Task_TechnicalReview");
    }

    cases.completeAs(TECHNICAL_REVIEWER, task("Task_TechnicalReview", pi),
        withVariables("reviewDecision", "SUPPLEMENT", "reviewComment", "仍缺少计量方案"));
    assertThat(pi).isWaitingAt("Task_RejectApplication");
    execute(job("Task_RejectApplication", pi));

    assertThat(pi).hasPassed("EndEvent_Rejected").isEnded();
    Project rejected = cases.current(project);
    assertThat(rejected.getStatus()).isEqualTo(ProjectStatus.REJECTED);
    assertThat(rejected.getSupplementRounds()).isEqualTo(3);
    assertThat(rejected.getStatusReason()).isEqualTo("补正次数已达上限（3 次）仍需补正，不予登记：仍缺少计量方案");
  }

  // ---- 5. review rejects -----------------------------------------------------------------------------------------

  @Test
  void aRejectingTechnicalReviewRejectsTheApplication() {
    Project project = cases.file(aCompleteApplication());
    ProcessInstance pi = cases.registrationOf(project);
    execute(job("Task_StartReview", pi));

    cases.completeAs(TECHNICAL_REVIEWER, task("Task_TechnicalReview", pi),
        withVariables("reviewDecision", "REJECT", "reviewComment", "基准线情景不成立"));
    assertThat(pi).isWaitingAt("Task_RejectApplication");
    execute(job("Task_RejectApplication", pi));

    assertThat(pi).hasPassed("EndEvent_Rejected").hasNotPassed("Task_StartPublicity").isEnded();
    Project rejected = cases.current(project);
    assertThat(rejected.getStatus()).isEqualTo(ProjectStatus.REJECTED);
    assertThat(rejected.getStatusReason()).isEqualTo("技术评估不予通过：基准线情景不成立");
    assertThat(cases.feedAbout(project)).isEmpty();
    assertThat(cases.noticeSubjectsAbout(project)).anyMatch(s -> s.endsWith("状态变更为：不予登记"));
  }

  // ---- 6. objections -------------------------------------------------------------------------------------------

  @Test
  void anUpheldObjectionSendsTheCaseBackToTechnicalReview() {
    Project project = cases.file(aCompleteApplication());
    ProcessInstance pi = inPublicity(project);

    Objection objection = objectionService.file(project.getId(), null, null, "该站点已在其他项目中申报");
    assertThat(pi).hasPassed("Task_AcknowledgeObjection", "EndEvent_ObjectionRecorded")
        .isWaitingAt("Timer_PublicityEnds");
    assertThat(cases.noticeSubjectsAbout(project)).anyMatch(s -> s.endsWith("公示期间收到异议"));
    cases.endPublicity(pi);
    assertThat(pi).isWaitingAt("Task_HandleObjections");
    assertThat(pi).variables().containsEntry("objectionCount", 1L);
    assertThat(task("Task_HandleObjections", pi)).hasCandidateGroup("techcenter");

    cases.completeAs(SECOND_TECHNICAL_REVIEWER, task("Task_HandleObjections", pi),
        withVariables("objectionUpheld", true, "objectionResponse", "异议属实，需重新核实站点"));
    assertThat(pi).hasPassed("Task_HandleObjections").hasNotPassed("Task_PublishObjectionResponse")
        .isWaitingAt("Task_StartReview");
    execute(job("Task_StartReview", pi));

    assertThat(pi).isWaitingAt("Task_TechnicalReview");
    assertThat(objections.findById(objection.getId()).orElseThrow()).satisfies(o -> {
      assertThat(o.getStatus()).isEqualTo(Objection.Status.UPHELD);
      assertThat(o.getResponse()).isEqualTo("异议属实，需重新核实站点");
    });
    Project backInReview = cases.current(project);
    assertThat(backInReview.getStatus()).isEqualTo(ProjectStatus.UNDER_REVIEW);
    assertThat(backInReview.getStatusReason()).isEqualTo("公示期异议成立，重新技术评估：异议属实，需重新核实站点");
    assertThat(cases.feedKindsAbout(project)).containsExactly("PUBLICITY_STARTED", "OBJECTION_RESPONSE");
  }

  @Test
  void aDismissedObjectionIsPublishedAndTheCaseGoesToTheBureau() {
    Project project = cases.file(aCompleteApplication());
    ProcessInstance pi = inPublicity(project);
    Objection objection = objectionService.file(project.getId(), "匿名", null, "减排量计算偏高");
    cases.endPublicity(pi);
    assertThat(pi).isWaitingAt("Task_HandleObjections");

    cases.completeAs(SECOND_TECHNICAL_REVIEWER, task("Task_HandleObjections", pi),
        withVariables("objectionUpheld", false, "objectionResponse", "计算符合方法学"));
    assertThat(pi).isWaitingAt("Task_PublishObjectionResponse");
    execute(job("Task_PublishObjectionResponse", pi));

    assertThat(pi).hasPassed("Task_PublishObjectionResponse").isWaitingAt("Task_BureauDecision");
    assertThat(objections.findById(objection.getId()).orElseThrow().getStatus())
        .isEqualTo(Objection.Status.DISMISSED);
    assertThat(cases.current(project).getStatus()).isEqualTo(ProjectStatus.IN_PUBLICITY);
    assertThat(cases.feedKindsAbout(project)).containsExactly("PUBLICITY_STARTED", "OBJECTION_RESPONSE");
    assertThat(cases.feedAbout(project).get(1).getBody()).isEqualTo("经审查，1 件异议不成立。处理意见：计算符合方法学");
  }

  // ---- 7. the bureau rejects -------------------------------------------------------------------------------------

  @Test
  void aRejectingBureauDecisionRejectsTheApplicationPublicly() {
    ProcessInstance pi = cases.inBureauDecision(aCompleteApplication());
    Project project = cases.projectOf(pi);

    cases.completeAs(BUREAU_OFFICER, task("Task_BureauDecision", pi),
        withVariables("bureauDecision", "REJECT", "bureauComment", "项目边界不清"));
    assertThat(pi).isWaitingAt("Task_RejectApplication");
    execute(job("Task_RejectApplication", pi));

    assertThat(pi).hasPassed("EndEvent_Rejected").hasNotPassed("Task_RegisterProject").isEnded();
    Project rejected = cases.current(project);
    assertThat(rejected.getStatus()).isEqualTo(ProjectStatus.REJECTED);
    assertThat(rejected.getRegistrationNo()).isNull();
    assertThat(rejected.getStatusReason()).isEqualTo("生态环境局决定不予登记：项目边界不清");
    assertThat(cases.feedKindsAbout(project)).containsExactly("PUBLICITY_STARTED", "APPLICATION_REJECTED");
    assertThat(cases.feedAbout(project).get(1).getBody()).isEqualTo(rejected.getStatusReason());
  }

  // ---- 8. withdrawal -----------------------------------------------------------------------------------------

  @Test
  void theDeveloperMayWithdrawDuringPublicity() {
    Project project = cases.file(aCompleteApplication());
    ProcessInstance pi = inPublicity(project);

    cases.withdraw(project, "项目场地拆迁");

    assertThat(pi).hasPassed("StartEvent_WithdrawalRequested", "Task_RecordWithdrawal", "EndEvent_WithdrawnByDeveloper")
        .isEnded();
    assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).timers().count()).isZero();
    Project withdrawn = cases.current(project);
    assertThat(withdrawn.getStatus()).isEqualTo(ProjectStatus.WITHDRAWN);
    assertThat(withdrawn.getStatusReason()).isEqualTo("开发方撤回申请：项目场地拆迁");
    assertThat(cases.feedKindsAbout(project)).containsExactly("PUBLICITY_STARTED", "APPLICATION_WITHDRAWN");
    assertThat(cases.noticeSubjectsAbout(project)).anyMatch(s -> s.endsWith("状态变更为：已撤回"));
  }

  @Test
  void theDeveloperMayNotWithdrawOnceTheBureauApproved() {
    ProcessInstance pi = cases.inBureauDecision(aCompleteApplication());
    Project project = cases.projectOf(pi);
    cases.completeAs(BUREAU_OFFICER, task("Task_BureauDecision", pi),
        withVariables("bureauDecision", "APPROVE", "bureauComment", "准予登记"));
    assertThat(pi).isWaitingAt("Task_RegisterProject");

    assertThatThrownBy(() -> cases.withdraw(project, "改变主意")).isInstanceOf(ConflictException.class)
        .hasMessageContaining("已作出决定");

    assertThat(pi).isWaitingAt("Task_RegisterProject").hasNotPassed("Task_RecordWithdrawal");
    assertThat(cases.current(project).getStatus()).isEqualTo(ProjectStatus.IN_PUBLICITY);
    execute(job("Task_RegisterProject", pi));
    assertThat(pi).hasPassed("EndEvent_Registered").isEnded();
    assertThat(cases.current(project).getStatus()).isEqualTo(ProjectStatus.REGISTERED);
  }

  // ---- 9. publicity over a holiday -----------------------------------------------------------------------------

  @Test
  void publicityOverTheNationalDayHolidaysLastsTwentyWorkingDays() {
    // Thursday 2026-09-24, 10:00 in Beijing (calendar/holidays-cn.csv): Mid-Autumn 09-25..27 and National Day
    // 10-01..07 are off, Saturday 10-10 is a make-up working day (so is Sunday 09-20, before the start). Counting
    // from 09-25: 09-28, 29, 30 (3), 10-08, 09, 10 (6), 10-12..16 (11), 10-19..23 (16), 10-26, 27, 28, 29 (20).
    Instant start = Instant.parse("2026-09-24T02:00:00Z");
    ClockUtil.setCurrentTime(Date.from(start));
    Project project = cases.file(aCompleteApplication());
    ProcessInstance pi = inPublicity(project);

    Job publicityEnds = managementService.createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
    assertThat(publicityEnds.getDuedate())
        .isEqualTo(Date.from(workingDays.addWorkingDays(start, 20)))
        .isEqualTo(Date.from(Instant.parse("2026-10-29T02:00:00Z")));
    Project inPublicity = cases.current(project);
    assertThat(inPublicity.getPublicityStart()).isEqualTo(LocalDate.of(2026, 9, 24));
    assertThat(inPublicity.getPublicityEnd())
        .isEqualTo(workingDays.addWorkingDays(LocalDate.of(2026, 9, 24), 20))
        .isEqualTo(LocalDate.of(2026, 10, 29));
    assertThat(cases.feedAbout(project).get(0).getBody()).startsWith("公示期 2026-09-24 至 2026-10-29（20 个工作日）");
  }

  /** Walks a freshly filed application through an approving technical review into publicity. */
  private ProcessInstance inPublicity(Project project) {
    ProcessInstance pi = cases.registrationOf(project);
    execute(job("Task_StartReview", pi));
    cases.completeAs(TECHNICAL_REVIEWER, task("Task_TechnicalReview", pi),
        withVariables("reviewDecision", "APPROVE", "reviewComment", "技术评估通过"));
    execute(job("Task_StartPublicity", pi));
    assertThat(pi).isWaitingAt("Timer_PublicityEnds");
    assertThat(cases.current(project).getStatus()).isEqualTo(ProjectStatus.IN_PUBLICITY);
    return pi;
  }
}
