package cn.beijing.carboninclusion.methodology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.beijing.carboninclusion.common.CaseCheck;
import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.developer.DeveloperService;
import cn.beijing.carboninclusion.disclosure.DisclosureEntry;
import cn.beijing.carboninclusion.disclosure.DisclosureFeed;
import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectApplicationRequest;
import cn.beijing.carboninclusion.project.ProjectApplications;
import cn.beijing.carboninclusion.project.ProjectClass;
import cn.beijing.carboninclusion.project.Projects;
import cn.beijing.carboninclusion.project.UploadedFile;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ApplicationContext;

/**
 * Test support for the methodology path tests: files real proposals through {@link MethodologyProposals} as the demo
 * developer greentravel, acts on their cases as the demo reviewers and experts (each act under that user's engine
 * authentication, which separation of duties reads), and reads back the domain outcome. Every proposal gets a unique
 * code and field of its own, so no test sees another's methodologies in its overlap check. {@link #cleanUp()}
 * deletes the formulation and evaluation instances a test left running (business key = methodology id).
 */
final class MethodologyCases {
  static final String DEVELOPER = "greentravel";
  static final String TECHNICAL_REVIEWER = "wangfang";
  static final String FINALISING_REVIEWER = "liuyang";
  static final String BUREAU_OFFICER = "zhangwei";
  static final List<String> EXPERTS = List.of("expertgao", "experthu", "expertma", "expertsong");

  static final String FORMULATION = "MethodologyFormulation";
  static final String EVALUATION = "MethodologyEvaluation";

  private final MethodologyProposals proposals;
  private final Methodologies methodologies;
  private final MethodologyOpinions opinions;
  private final MethodologyComments comments;
  private final CaseChecks checks;
  private final DisclosureFeed feed;
  private final DeveloperService developers;
  private final ProjectApplications applications;
  private final Projects projects;
  private final IdentityService identityService;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final HistoryService historyService;
  private final List<Long> filed = new ArrayList<>();

  MethodologyCases(ApplicationContext context) {
    this.proposals = context.getBean(MethodologyProposals.class);
    this.methodologies = context.getBean(Methodologies.class);
    this.opinions = context.getBean(MethodologyOpinions.class);
    this.comments = context.getBean(MethodologyComments.class);
    this.checks = context.getBean(CaseChecks.class);
    this.feed = context.getBean(DisclosureFeed.class);
    this.developers = context.getBean(DeveloperService.class);
    this.applications = context.getBean(ProjectApplications.class);
    this.projects = context.getBean(Projects.class);
    this.identityService = context.getBean(IdentityService.class);
    this.runtimeService = context.getBean(RuntimeService.class);
    this.taskService = context.getBean(TaskService.class);
    this.historyService = context.getBean(HistoryService.class);
  }

  // ---- proposals ---------------------------------------------------------------------------------------------

  /** A complete level-1 proposal of the travel formula, in a field of its own. */
  static Proposal aCompleteProposal() {
    return new Proposal();
  }

  /** A proposal as the developer fills it in; change what the path under test needs. */
  static final class Proposal {
    private final String code = "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    private final String field = "测试领域-" + code;
    private int proposedLevel = 1;
    private String applicability = "本市居民以公交、轨道交通、骑行替代小客车出行";
    private String formula = MethodologyExamples.TRAVEL_FORMULA;

    Proposal atLevel(int level) {
      this.proposedLevel = level;
      return this;
    }

    Proposal withApplicability(String applicability) {
      this.applicability = applicability;
      return this;
    }

    Proposal withFormula(String formula) {
      this.formula = formula;
      return this;
    }

    String code() {
      return code;
    }

    String field() {
      return field;
    }

    MethodologyProposalRequest request() {
      return new MethodologyProposalRequest(code, "测试低碳出行方法学-" + code, field, proposedLevel, applicability,
          "小型客车出行", "公交、轨道交通、骑行出行", "出行订单与里程记录", formula, MethodologyExamples.TRAVEL_PARAMETERS);
    }
  }

  /** Files the proposal as the demo developer greentravel (the automatic checks run at once). */
  Methodology propose(Proposal proposal) {
    Methodology methodology = as(DEVELOPER, Groups.DEVELOPER, () -> proposals.propose(proposal.request()));
    filed.add(methodology.getId());
    return methodology;
  }

  /** A public comment, as anyone on the portal files it: no engine authentication. */
  MethodologyComment comment(Methodology methodology, String content) {
    identityService.clearAuthentication();
    return proposals.comment(methodology.getId(), "市民", null, content);
  }

  // ---- the reviewers' and experts' acts --------------------------------------------------------------------------

  /** Completes the task as the user, authenticated in the engine as that user of that user's group. */
  void completeAs(String user, Task task, Map<String, Object> variables) {
    as(user, groupOf(user), () -> taskService.complete(task.getId(), variables));
  }

  static String groupOf(String user) {
    return switch (user) {
      case TECHNICAL_REVIEWER, FINALISING_REVIEWER -> Groups.TECHCENTER;
      case BUREAU_OFFICER -> Groups.BUREAU;
      default -> {
        if (EXPERTS.contains(user)) {
          yield Groups.EXPERT;
        }
        throw new IllegalArgumentException("not a demo reviewer or expert: " + user);
      }
    };
  }

  /** The open expert review tasks of the case, by assignee. */
  List<Task> expertTasks(ProcessInstance formulation) {
    return taskService.createTaskQuery().processInstanceId(formulation.getId())
        .taskDefinitionKey("Task_ExpertReview").orderByTaskAssignee().asc().list();
  }

  /** Every drawn expert completes their own review task with the opinion; returns the panel. */
  List<String> everyExpertAnswers(ProcessInstance formulation, String opinion) {
    List<String> panel = new ArrayList<>();
    for (Task review : expertTasks(formulation)) {
      panel.add(review.getAssignee());
      completeAs(review.getAssignee(), review,
          withVariables("expertOpinion", opinion, "expertComment", "专家" + review.getAssignee() + "的评审意见"));
    }
    return panel;
  }

  <T> T as(String user, String group, Supplier<T> action) {
    identityService.setAuthentication(user, List.of(group));
    try {
      return action.get();
    } finally {
      identityService.clearAuthentication();
    }
  }

  void as(String user, String group, Runnable action) {
    as(user, group, () -> {
      action.run();
      return null;
    });
  }

  // ---- whole paths, for tests that start where they end ------------------------------------------------------

  /** Walks a freshly filed proposal through technical review (wangfang approves) to the open expert review tasks. */
  ProcessInstance inExpertReview(Methodology methodology) {
    ProcessInstance pi = formulationOf(methodology);
    execute(job("Task_StartReview", pi));
    completeAs(TECHNICAL_REVIEWER, task("Task_TechnicalReview", pi),
        withVariables("reviewDecision", "APPROVE", "reviewComment", "技术审查通过，提交专家评审"));
    execute(job("Task_DrawExpertPanel", pi));
    return pi;
  }

  /** From expert review into public comment: every expert approves, the comment period starts. */
  void throughExpertReviewIntoPublicComment(ProcessInstance pi) {
    everyExpertAnswers(pi, "APPROVE");
    execute(job("Task_StartPublicComment", pi));
  }

  /** From public comment (no comments filed now) to the open bureau approval: the period ends, liuyang finalises. */
  void fromPublicCommentToBureauApproval(ProcessInstance pi, int recommendedLevel) {
    execute(job("Timer_PublicCommentEnds", pi));
    execute(job("Task_ClosePublicComment", pi));
    completeAs(FINALISING_REVIEWER, task("Task_Finalise", pi), withVariables("recommendedLevel",
        String.valueOf(recommendedLevel), "finalisationNote", "已采纳专家与公众意见，建议批准"));
  }

  /** Walks a filed proposal (or revision) all the way to publication at the level, without public comments. */
  void approve(Methodology methodology, int level) {
    ProcessInstance pi = inExpertReview(methodology);
    throughExpertReviewIntoPublicComment(pi);
    fromPublicCommentToBureauApproval(pi, level);
    completeAs(BUREAU_OFFICER, task("Task_BureauApproval", pi),
        withVariables("bureauDecision", "APPROVE_LEVEL_" + level, "bureauComment", "同意发布"));
    execute(job("Task_PublishMethodology", pi));
  }

  /** A fresh methodology, proposed by greentravel and published at the level: EFFECTIVE, its evaluation running. */
  Methodology anEffectiveMethodology(int level) {
    Methodology methodology = propose(aCompleteProposal().atLevel(level));
    approve(methodology, level);
    Methodology effective = current(methodology);
    assertThat(effective.getStatus()).isEqualTo(MethodologyStatus.EFFECTIVE);
    assertThat(effective.getLevel()).isEqualTo(level);
    return effective;
  }

  // ---- a project under a methodology -----------------------------------------------------------------------------

  /** Files a complete Class I application by greentravel under the methodology code (as ProjectCases does). */
  Project applyForProjectUnder(String methodologyCode) {
    String unique = UUID.randomUUID().toString();
    ProjectApplicationRequest request = new ProjectApplicationRequest("测试项目-" + unique, ProjectClass.CLASS_I,
        methodologyCode, "海淀区", "测试路 " + java.util.concurrent.ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE) + " 号", "共享单车低碳出行激励", LocalDate.of(2025, 3, 1),
        LocalDate.of(2025, 3, 1), LocalDate.of(2030, 2, 28), new BigDecimal("0.95"), "所得收益用于公益，不以营利为目的。",
        "减排量收益的 95% 按骑行里程返还参与者，其余用于平台运维。",
        List.of(new ProjectApplicationRequest.Identifier("SITE", "SITE-" + unique, false)));
    List<UploadedFile> files = List.of(
        new UploadedFile("designDocument", "pdd.pdf", "application/pdf", pdf("项目设计文件")),
        new UploadedFile("implementationPlan", "plan.pdf", "application/pdf", pdf("组织实施方案")));
    return as(DEVELOPER, Groups.DEVELOPER, () -> applications.apply(request, files, null));
  }

  private static byte[] pdf(String text) {
    return ("%PDF-1.4\n% " + text + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
  }

  Project current(Project project) {
    return projects.findById(project.getId()).orElseThrow();
  }

  ProcessInstance registrationOf(Project project) {
    ProcessInstance instance = runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(String.valueOf(project.getId())).processDefinitionKey("ProjectRegistration")
        .singleResult();
    assertThat(instance).as("running ProjectRegistration of project %s", project.getId()).isNotNull();
    return instance;
  }

  // ---- reading back ------------------------------------------------------------------------------------------

  ProcessInstance formulationOf(Methodology methodology) {
    return runningInstanceOf(methodology, FORMULATION);
  }

  ProcessInstance evaluationOf(Methodology methodology) {
    return runningInstanceOf(methodology, EVALUATION);
  }

  long runningInstancesOf(Methodology methodology, String processKey) {
    return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(methodology.getId()))
        .processDefinitionKey(processKey).count();
  }

  /** Every instance of the process ever started for the methodology (running or ended), from history. */
  long instancesEverStartedFor(Methodology methodology, String processKey) {
    return historyService.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(String.valueOf(methodology.getId())).processDefinitionKey(processKey).count();
  }

  private ProcessInstance runningInstanceOf(Methodology methodology, String processKey) {
    ProcessInstance instance = runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(String.valueOf(methodology.getId())).processDefinitionKey(processKey)
        .singleResult();
    assertThat(instance).as("running %s of methodology %s", processKey, methodology.getId()).isNotNull();
    return instance;
  }

  /** The methodology as stored now. */
  Methodology current(Methodology methodology) {
    return methodologies.findById(methodology.getId()).orElseThrow();
  }

  /** Every version of the code, newest first. */
  List<Methodology> versionsOf(String code) {
    return methodologies.findByCodeOrderByVersionDesc(code);
  }

  /** A version created by the platform (a revision): registered for clean-up. */
  void track(Methodology methodology) {
    filed.add(methodology.getId());
  }

  List<CaseCheck> checksOf(Methodology methodology) {
    return checks.of(MethodologyLifecycle.CASE_TYPE, methodology.getId());
  }

  List<DisclosureEntry> feedAbout(Methodology methodology) {
    return feed.about(MethodologyLifecycle.CASE_TYPE, methodology.getId());
  }

  List<MethodologyOpinion> opinionsOn(Methodology methodology) {
    return opinions.findByMethodologyIdOrderByIdAsc(methodology.getId());
  }

  long commentsOn(Methodology methodology) {
    return comments.countByMethodologyId(methodology.getId());
  }

  Long developerIdOf(String developerAccount) {
    return developers.organisationOf(developerAccount).orElseThrow().getId();
  }

  List<String> membersOf(String group) {
    return identityService.createUserQuery().memberOfGroup(group).list().stream()
        .map(User::getId).sorted().toList();
  }

  // ---- clean-up ----------------------------------------------------------------------------------------------

  void cleanUp() {
    identityService.clearAuthentication();
    for (Long id : filed) {
      for (String processKey : List.of(FORMULATION, EVALUATION)) {
        // by process key too: a project may have the same number as business key
        runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(id))
            .processDefinitionKey(processKey).list()
            .forEach(pi -> runtimeService.deleteProcessInstance(pi.getId(), "test finished", true, true));
      }
    }
  }
}
