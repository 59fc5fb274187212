package cn.beijing.carboninclusion.methodology;

import static cn.beijing.carboninclusion.methodology.MethodologyCases.BUREAU_OFFICER;
import static cn.beijing.carboninclusion.methodology.MethodologyCases.DEVELOPER;
import static cn.beijing.carboninclusion.methodology.MethodologyCases.EVALUATION;
import static cn.beijing.carboninclusion.methodology.MethodologyCases.EXPERTS;
import static cn.beijing.carboninclusion.methodology.MethodologyCases.FINALISING_REVIEWER;
import static cn.beijing.carboninclusion.methodology.MethodologyCases.TECHNICAL_REVIEWER;
import static cn.beijing.carboninclusion.methodology.MethodologyCases.aCompleteProposal;
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
import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.CaseCheck;
import cn.beijing.carboninclusion.common.CaseCheck.Outcome;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.decision.ConflictDeclaration;
import cn.beijing.carboninclusion.decision.ConflictDeclarations;
import cn.beijing.carboninclusion.disclosure.DisclosureEntry;
import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The paths of MethodologyFormulation (方法学制定), each walked with a real proposal filed by a developer: automatic
 * checks, technical review, the expert panel, public comment, finalisation and the bureau's approval.
 */
class MethodologyFormulationProcessTest extends PlatformIntegrationTest {
  @Autowired ApplicationContext context;
  @Autowired ProcessEngine processEngine;
  @Autowired WorkingDayCalendar workingDays;
  @Autowired ConflictDeclarations conflictDeclarations;
  @Autowired AuditTrail auditTrail;

  private MethodologyCases cases;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    cases = new MethodologyCases(context);
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    cases.cleanUp();
  }

  // ---- 1. approval at level 1, with expert opinions and a public comment ---------------------------------------

  @Test
  void aProposalReviewedByExpertsAndCommentedOnIsApprovedAtLevelOne() {
    Instant filedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ClockUtil.setCurrentTime(Date.from(filedAt));
    LocalDate today = LocalDate.ofInstant(filedAt, workingDays.zone());
    Methodology methodology = cases.propose(aCompleteProposal());
    ProcessInstance pi = cases.formulationOf(methodology);
    assertThat(pi).hasPassedInOrder("Task_CheckCompleteness", "Task_CheckOverlap", "Task_CheckFormula",
        "EndEvent_ChecksPassed").hasNotPassed("BoundaryEvent_ProposalCheckFailed").isWaitingAt("Task_StartReview");
    assertThat(cases.current(methodology).getStatus()).isEqualTo(MethodologyStatus.DRAFT);
    assertThat(cases.checksOf(methodology)).extracting(CaseCheck::getCheckName, CaseCheck::getOutcome).containsExactly(
        tuple(MethodologyRules.COMPLETENESS, Outcome.PASSED), tuple(MethodologyRules.OVERLAP, Outcome.PASSED),
        tuple(MethodologyRules.FORMULA, Outcome.PASSED));
    assertThat(pi).variables().containsEntry("proposer", DEVELOPER)
        .containsEntry("developerId", cases.developerIdOf(DEVELOPER))
        .extractingByKey("checkSummary").asString().contains("【通过】" + MethodologyRules.FORMULA);

    execute(job("Task_StartReview", pi));
    assertThat(pi).isWaitingAt("Task_TechnicalReview");
    Task review = task("Task_TechnicalReview", pi);
    assertThat(review).hasCandidateGroup(Groups.TECHCENTER).isNotAssigned()
        .hasDueDate(Date.from(workingDays.addWorkingDays(filedAt, 20)));
    assertThat(cases.current(methodology).getStatus()).isEqualTo(MethodologyStatus.UNDER_REVIEW);

    cases.completeAs(TECHNICAL_REVIEWER, review,
        withVariables("reviewDecision", "APPROVE", "reviewComment", "公式与参数合理，提交专家评审"));
    assertThat(pi).hasPassed("Task_TechnicalReview").isWaitingAt("Task_DrawExpertPanel");
    execute(job("Task_DrawExpertPanel", pi));

    List<Task> expertReviews = cases.expertTasks(pi);
    assertThat(expertReviews).hasSize(3).allSatisfy(t -> assertThat(t)
        .hasDueDate(Date.from(workingDays.addWorkingDays(filedAt, 20))));
    List<String> panel = expertReviews.stream().map(Task::getAssignee).toList();
    assertThat(panel).doesNotHaveDuplicates().isSubsetOf(cases.membersOf(Groups.EXPERT));
    assertThat(pi).variables().containsEntry("expertPanel", panel);

    List<String> opinions = List.of("APPROVE", "APPROVE", "REVISE");
    for (int i = 0; i < 3; i++) {
      assertThat(pi).isWaitingAt("Task_ExpertReview");
      Task expertReview = expertReviews.get(i);
      cases.completeAs(expertReview.getAssignee(), expertReview, withVariables("expertOpinion", opinions.get(i),
          "expertComment", "专家" + expertReview.getAssignee() + "：参数来源需注明"));
    }
    assertThat(pi).hasPassed("Task_ExpertReview").isWaitingAt("Task_StartPublicComment");
    assertThat(cases.opinionsOn(methodology))
        .extracting(MethodologyOpinion::getExpert, MethodologyOpinion::getOpinion, MethodologyOpinion::getComment)
        .containsExactly(
            tuple(panel.get(0), "APPROVE", "专家" + panel.get(0) + "：参数来源需注明"),
            tuple(panel.get(1), "APPROVE", "专家" + panel.get(1) + "：参数来源需注明"),
            tuple(panel.get(2), "REVISE", "专家" + panel.get(2) + "：参数来源需注明"));
    assertThat(pi).variables().containsEntry("expertSummary",
        "专家" + panel.get(0) + "【同意】专家" + panel.get(0) + "：参数来源需注明\n"
            + "专家" + panel.get(1) + "【同意】专家" + panel.get(1) + "：参数来源需注明\n"
            + "专家" + panel.get(2) + "【修改后同意】专家" + panel.get(2) + "：参数来源需注明");

    execute(job("Task_StartPublicComment", pi));
    assertThat(pi).isWaitingAt("Timer_PublicCommentEnds");
    LocalDate commentEnd = workingDays.addWorkingDays(today, 20);
    Methodology inComment = cases.current(methodology);
    assertThat(inComment.getStatus()).isEqualTo(MethodologyStatus.PUBLIC_COMMENT);
    assertThat(inComment.getStatusReason()).isEqualTo("专家评审完成，公开征求意见至 " + commentEnd);
    assertThat(job("Timer_PublicCommentEnds", pi).getDuedate())
        .isEqualTo(Date.from(workingDays.addWorkingDays(filedAt, 20)));
    assertThat(cases.feedAbout(methodology)).singleElement().satisfies(entry -> {
      assertThat(entry.getKind()).isEqualTo("METHODOLOGY");
      assertThat(entry.getTitle()).isEqualTo("方法学征求意见：" + MethodologyLifecycle.label(inComment));
      assertThat(entry.getBody()).startsWith("征求意见截止 " + commentEnd + "（20 个工作日）");
    });

    MethodologyComment comment = cases.comment(methodology, "建议补充电动自行车出行的排放因子。");
    assertThat(cases.commentsOn(methodology)).isOne();
    execute(job("Timer_PublicCommentEnds", pi));
    assertThat(pi).isWaitingAt("Task_ClosePublicComment");
    execute(job("Task_ClosePublicComment", pi));

    assertThat(pi).isWaitingAt("Task_Finalise");
    assertThat(pi).variables().containsEntry("commentCount", 1L)
        .containsEntry("commentSummary", "意见" + comment.getId() + "：建议补充电动自行车出行的排放因子。");
    Methodology finalising = cases.current(methodology);
    assertThat(finalising.getStatus()).isEqualTo(MethodologyStatus.UNDER_REVIEW);
    assertThat(finalising.getStatusReason()).isEqualTo("征求意见结束，收到意见 1 条，转入定稿");
    Task finalise = task("Task_Finalise", pi);
    assertThat(finalise).hasCandidateGroup(Groups.TECHCENTER);
    cases.completeAs(FINALISING_REVIEWER, finalise,
        withVariables("recommendedLevel", "1", "finalisationNote", "已采纳专家意见，注明参数来源；公众意见留待修订"));

    assertThat(pi).isWaitingAt("Task_BureauApproval");
    Task approval = task("Task_BureauApproval", pi);
    assertThat(approval).hasCandidateGroup(Groups.BUREAU)
        .hasDueDate(Date.from(workingDays.addWorkingDays(filedAt, 15)));
    cases.completeAs(BUREAU_OFFICER, approval,
        withVariables("bureauDecision", "APPROVE_LEVEL_1", "bureauComment", "同意发布为一级方法学"));
    assertThat(pi).isWaitingAt("Task_PublishMethodology");
    execute(job("Task_PublishMethodology", pi));

    assertThat(pi).hasPassed("Task_PublishMethodology", "EndEvent_Published").hasNotPassed("Task_RejectProposal")
        .isEnded();
    Methodology published = cases.current(methodology);
    assertThat(published.getStatus()).isEqualTo(MethodologyStatus.EFFECTIVE);
    assertThat(published.getLevel()).isEqualTo(1);
    assertThat(published.getVersion()).isEqualTo(1);
    assertThat(published.getEffectiveFrom()).isEqualTo(today);
    assertThat(published.getEffectiveTo()).isNull();
    assertThat(published.getPublishedAt()).isEqualTo(filedAt);
    assertThat(published.getStatusReason()).isEqualTo("批准为一级方法学，自 " + today + " 起施行。同意发布为一级方法学");
    assertThat(cases.feedAbout(methodology)).extracting(DisclosureEntry::getKind, DisclosureEntry::getTitle)
        .containsExactly(tuple("METHODOLOGY", "方法学征求意见：" + MethodologyLifecycle.label(published)),
            tuple("METHODOLOGY", "方法学发布：" + MethodologyLifecycle.label(published)));
    assertThat(cases.feedAbout(methodology).get(1).getBody()).startsWith("一级方法学，自 " + today + " 起施行。");
    ProcessInstance evaluation = cases.evaluationOf(published);
    assertThat(evaluation).isWaitingAt("Gateway_AwaitEvaluation");
    assertThat(evaluation).variables().containsEntry("methodologyId", published.getId()).containsEntry("level", 1)
        .containsEntry("evaluationCycle", "P1Y");
  }

  // ---- 2. approval at level 2, without public comments ---------------------------------------------------------

  @Test
  void theBureauMayApproveAtLevelTwoAfterACommentPeriodWithoutComments() {
    Instant filedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ClockUtil.setCurrentTime(Date.from(filedAt));
    LocalDate today = LocalDate.ofInstant(filedAt, workingDays.zone());
    Methodology methodology = cases.propose(aCompleteProposal().atLevel(1));
    ProcessInstance pi = cases.inExpertReview(methodology);
    cases.throughExpertReviewIntoPublicComment(pi);
    assertThat(pi).isWaitingAt("Timer_PublicCommentEnds");

    execute(job("Timer_PublicCommentEnds", pi));
    execute(job("Task_ClosePublicComment", pi));
    assertThat(pi).isWaitingAt("Task_Finalise");
    assertThat(cases.commentsOn(methodology)).isZero();
    assertThat(pi).variables().containsEntry("commentCount", 0L).containsEntry("commentSummary", "征求意见期间未收到意见");
    assertThat(cases.current(methodology).getStatusReason()).isEqualTo("征求意见结束，收到意见 0 条，转入定稿");
    cases.completeAs(FINALISING_REVIEWER, task("Task_Finalise", pi),
        withVariables("recommendedLevel", "1", "finalisationNote", "建议批准为一级方法学"));
    cases.completeAs(BUREAU_OFFICER, task("Task_BureauApproval", pi),
        withVariables("bureauDecision", "APPROVE_LEVEL_2", "bureauComment", "用于公众参与，批准为二级方法学"));
    execute(job("Task_PublishMethodology", pi));

    assertThat(pi).hasPassed("EndEvent_Published").isEnded();
    Methodology published = cases.current(methodology);
    assertThat(published.getStatus()).isEqualTo(MethodologyStatus.EFFECTIVE);
    assertThat(published.getLevel()).isEqualTo(2);
    assertThat(published.getProposedLevel()).isEqualTo(1);
    assertThat(published.getEffectiveFrom()).isEqualTo(today);
    assertThat(published.getStatusReason())
        .isEqualTo("批准为二级方法学，自 " + today + " 起施行。用于公众参与，批准为二级方法学");
    assertThat(cases.feedAbout(methodology)).hasSize(2).last()
        .satisfies(entry -> assertThat(entry.getBody()).startsWith("二级方法学，自 " + today + " 起施行。"));
    assertThat(cases.evaluationOf(published)).variables().containsEntry("level", 2);
  }

  // ---- 3. technical review rejects -----------------------------------------------------------------------------

  @Test
  void aRejectingTechnicalReviewRejectsTheProposal() {
    Methodology methodology = cases.propose(aCompleteProposal());
    ProcessInstance pi = cases.formulationOf(methodology);
    execute(job("Task_StartReview", pi));

    cases.completeAs(TECHNICAL_REVIEWER, task("Task_TechnicalReview", pi),
        withVariables("reviewDecision", "REJECT", "reviewComment", "基准情景不成立"));
    assertThat(pi).hasPassed("Gateway_ReviewOutcome").isWaitingAt("Task_RejectProposal");
    execute(job("Task_RejectProposal", pi));

    assertThat(pi).hasPassed("Task_RejectProposal", "EndEvent_Rejected").hasNotPassed("Task_DrawExpertPanel")
        .isEnded();
    Methodology rejected = cases.current(methodology);
    assertThat(rejected.getStatus()).isEqualTo(MethodologyStatus.REJECTED);
    assertThat(rejected.getStatusReason()).isEqualTo("技术审查不予通过：基准情景不成立");
    assertThat(rejected.getEffectiveFrom()).isNull();
    assertThat(cases.opinionsOn(methodology)).isEmpty();
    assertThat(cases.feedAbout(methodology)).isEmpty();
    assertThat(cases.instancesEverStartedFor(methodology, EVALUATION)).isZero();
  }

  // ---- 4. the bureau refuses -----------------------------------------------------------------------------------

  @Test
  void aRefusingBureauDecisionRejectsTheProposal() {
    Methodology methodology = cases.propose(aCompleteProposal());
    ProcessInstance pi = cases.inExpertReview(methodology);
    cases.throughExpertReviewIntoPublicComment(pi);
    cases.fromPublicCommentToBureauApproval(pi, 1);

    cases.completeAs(BUREAU_OFFICER, task("Task_BureauApproval", pi),
        withVariables("bureauDecision", "REJECT", "bureauComment", "与现行交通方法学重复"));
    assertThat(pi).hasPassed("Gateway_BureauDecision").isWaitingAt("Task_RejectProposal");
    execute(job("Task_RejectProposal", pi));

    assertThat(pi).hasPassed("Task_BureauApproval", "EndEvent_Rejected").hasNotPassed("Task_PublishMethodology")
        .isEnded();
    Methodology rejected = cases.current(methodology);
    assertThat(rejected.getStatus()).isEqualTo(MethodologyStatus.REJECTED);
    assertThat(rejected.getStatusReason()).isEqualTo("生态环境局不予批准：与现行交通方法学重复");
    assertThat(rejected.getEffectiveFrom()).isNull();
    assertThat(rejected.getPublishedAt()).isNull();
    assertThat(cases.opinionsOn(methodology)).hasSize(3);
    assertThat(cases.feedAbout(methodology)).extracting(DisclosureEntry::getTitle)
        .containsExactly("方法学征求意见：" + MethodologyLifecycle.label(rejected));
    assertThat(cases.instancesEverStartedFor(methodology, EVALUATION)).isZero();
  }

  // ---- 5. hard-check failures ----------------------------------------------------------------------------------

  @Test
  void aMalformedFormulaRejectsTheProposal() {
    Methodology methodology = cases.propose(
        aCompleteProposal().withFormula("sum(for a in activities return a.x * "));

    CaseCheck failed = assertRejectedByHardCheck(methodology, "Error_FormulaInvalid", MethodologyRules.FORMULA);
    assertThat(cases.checksOf(methodology)).extracting(CaseCheck::getCheckName, CaseCheck::getOutcome)
        .containsExactly(tuple(MethodologyRules.COMPLETENESS, Outcome.PASSED),
            tuple(MethodologyRules.OVERLAP, Outcome.PASSED), tuple(MethodologyRules.FORMULA, Outcome.FAILED));
    assertThat(failed.getDetail()).isNotBlank();
  }

  @Test
  void aProposalWithoutApplicabilityIsRejectedAsIncomplete() {
    Methodology methodology = cases.propose(aCompleteProposal().withApplicability("  "));

    CaseCheck failed = assertRejectedByHardCheck(methodology, "Error_ProposalIncomplete", MethodologyRules.COMPLETENESS);
    assertThat(cases.checksOf(methodology)).extracting(CaseCheck::getCheckName, CaseCheck::getOutcome)
        .containsExactly(tuple(MethodologyRules.COMPLETENESS, Outcome.FAILED));
    assertThat(failed.getDetail()).isEqualTo("方法学建议不完整，缺少：适用条件");
  }

  /** The last check failed, the boundary event caught it, and 不予通过 rejects with that check's detail. */
  private CaseCheck assertRejectedByHardCheck(Methodology methodology, String errorCode, String checkName) {
    ProcessInstance pi = cases.formulationOf(methodology);
    assertThat(pi).hasPassed("BoundaryEvent_ProposalCheckFailed").hasNotPassed("EndEvent_ChecksPassed")
        .isWaitingAt("Task_RejectProposal");
    List<CaseCheck> checks = cases.checksOf(methodology);
    CaseCheck failed = checks.get(checks.size() - 1);
    assertThat(failed.getCheckName()).isEqualTo(checkName);
    assertThat(failed.getOutcome()).isEqualTo(Outcome.FAILED);
    assertThat(pi).variables().containsEntry("hardCheckErrorCode", errorCode)
        .containsEntry("hardCheckErrorMessage", failed.getDetail());
    assertThat(cases.current(methodology).getStatus()).isEqualTo(MethodologyStatus.DRAFT);

    execute(job("Task_RejectProposal", pi));
    assertThat(pi).hasPassed("Task_RejectProposal", "EndEvent_Rejected").hasNotPassed("Task_StartReview").isEnded();
    Methodology rejected = cases.current(methodology);
    assertThat(rejected.getStatus()).isEqualTo(MethodologyStatus.REJECTED);
    assertThat(rejected.getStatusReason()).isEqualTo("自动核查未通过：" + failed.getDetail());
    assertThat(cases.feedAbout(methodology)).isEmpty();
    return failed;
  }

  // ---- 6. conflicts of interest in the expert panel --------------------------------------------------------------

  @Test
  void expertsWithADeclaredConflictWithTheProposerAreLeftOutOfThePanel() {
    assertThat(cases.membersOf(Groups.EXPERT)).containsExactlyElementsOf(EXPERTS);
    Long developerId = cases.developerIdOf(DEVELOPER);
    List<ConflictDeclaration> conflicts = new ArrayList<>();
    try {
      for (String expert : EXPERTS.subList(0, 3)) {
        conflicts.add(conflictDeclarations.saveAndFlush(
            new ConflictDeclaration(expert, developerId, "曾为该开发方提供咨询", Instant.now())));
      }
      String remaining = EXPERTS.get(3);
      Methodology methodology = cases.propose(aCompleteProposal());
      ProcessInstance pi = cases.inExpertReview(methodology);

      assertThat(pi).isWaitingAt("Task_ExpertReview");
      assertThat(pi).variables().containsEntry("expertPanel", List.of(remaining));
      assertThat(cases.expertTasks(pi)).singleElement().satisfies(t -> assertThat(t).isAssignedTo(remaining));
      assertThat(auditTrail.of(MethodologyLifecycle.CASE_TYPE, methodology.getId()))
          .filteredOn(e -> e.getAction().equals("EXPERT_PANEL_DRAWN")).extracting(AuditEntry::getReason)
          .containsExactly("抽取评审专家 1 名（可抽取专家不足 3 名）");

      assertThat(cases.everyExpertAnswers(pi, "APPROVE")).containsExactly(remaining);
      assertThat(pi).hasPassed("Task_ExpertReview").isWaitingAt("Task_StartPublicComment");
      assertThat(cases.opinionsOn(methodology)).extracting(MethodologyOpinion::getExpert).containsExactly(remaining);
    } finally {
      conflictDeclarations.deleteAll(conflicts);
    }
  }

  // ---- 7. comments only during public comment --------------------------------------------------------------------

  @Test
  void commentsAreRefusedOutsideThePublicCommentPeriod() {
    Methodology methodology = cases.propose(aCompleteProposal());
    assertCommentRefused(methodology);                                   // DRAFT
    ProcessInstance pi = cases.inExpertReview(methodology);
    assertThat(cases.current(methodology).getStatus()).isEqualTo(MethodologyStatus.UNDER_REVIEW);
    assertCommentRefused(methodology);                                   // in expert review

    cases.throughExpertReviewIntoPublicComment(pi);
    cases.comment(methodology, "建议明确数据来源与核验方式。");            // PUBLIC_COMMENT
    execute(job("Timer_PublicCommentEnds", pi));
    execute(job("Task_ClosePublicComment", pi));
    assertThat(pi).isWaitingAt("Task_Finalise");
    assertCommentRefused(methodology);                                   // closed, back UNDER_REVIEW

    assertThat(cases.commentsOn(methodology)).isOne();
    assertThat(pi).variables().containsEntry("commentCount", 1L);
  }

  private void assertCommentRefused(Methodology methodology) {
    long before = cases.commentsOn(methodology);
    assertThatThrownBy(() -> cases.comment(methodology, "征求意见期外的意见，不应受理。"))
        .isInstanceOf(ConflictException.class).hasMessageContaining("不在征求意见期");
    assertThat(cases.commentsOn(methodology)).isEqualTo(before);
  }
}
