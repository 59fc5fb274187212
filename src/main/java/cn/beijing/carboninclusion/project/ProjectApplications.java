package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.ProcessStarts;
import cn.beijing.carboninclusion.common.ProcessMessages;
import static cn.beijing.carboninclusion.project.ProjectVariables.*;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.IdempotencyKeys;
import cn.beijing.carboninclusion.common.EngineAsPlatform;
import cn.beijing.carboninclusion.common.ForbiddenException;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.common.SchemeRuleSet;
import cn.beijing.carboninclusion.developer.DeveloperBars;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.developer.DeveloperService;
import cn.beijing.carboninclusion.identity.CurrentUser;
import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.methodology.Methodologies;
import cn.beijing.carboninclusion.methodology.Methodology;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What developers (and the bureau) do with projects through the platform API: apply, supplement, withdraw, ask for
 * a Class II disclosure, ask for or order a cancellation. Each call checks the caller may act on this case, writes
 * the domain rows and starts or moves the process in one transaction.
 */
@Service
public class ProjectApplications {
  static final String REGISTRATION_PROCESS = "ProjectRegistration";
  static final String DISCLOSURE_PROCESS = "ProjectDisclosure";
  static final String CANCELLATION_PROCESS = "ProjectCancellation";
  static final String MESSAGE_WITHDRAWN = ProcessMessages.APPLICATION_WITHDRAWN;
  static final String SUPPLEMENT_TASK = "Task_SubmitSupplement";
  /** Steps after a decision: once the case waits there, it can no longer be withdrawn. */
  static final List<String> DECIDED_ACTIVITIES = List.of("Task_RegisterProject", "Task_RejectApplication");
  static final Set<ProjectStatus> CANCELLABLE = EnumSet.of(ProjectStatus.REGISTERED, ProjectStatus.SUSPENDED,
      ProjectStatus.RECORDED, ProjectStatus.DISCLOSED);

  private final Projects projects;
  private final ProjectDocuments documents;
  private final Methodologies methodologies;
  private final DeveloperService developers;
  private final CurrentUser currentUser;
  private final AuditTrail auditTrail;
  private final SchemeRuleBook rules;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final EngineAsPlatform engine;
  private final WorkingDayCalendar workingDays;
  private final DeveloperBars bars;
  private final Clock clock;
  private final ProcessStarts processStarts;

  public ProjectApplications(Projects projects, ProjectDocuments documents, Methodologies methodologies,
      DeveloperService developers, CurrentUser currentUser, AuditTrail auditTrail, SchemeRuleBook rules,
      RuntimeService runtimeService, TaskService taskService, EngineAsPlatform engine, WorkingDayCalendar workingDays,
      DeveloperBars bars, Clock clock, ProcessStarts processStarts) {
    this.processStarts = processStarts;
    this.workingDays = workingDays;
    this.projects = projects;
    this.documents = documents;
    this.methodologies = methodologies;
    this.developers = developers;
    this.currentUser = currentUser;
    this.auditTrail = auditTrail;
    this.rules = rules;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.engine = engine;
    this.bars = bars;
    this.clock = clock;
  }

  /**
   * Files an application. Class I starts the registration process (checks run at once: a failed hard check
   * rejects the application); Class II is recorded without registration. A barred developer is refused (409)
   * before anything is stored or started.
   */
  @Transactional
  public Project apply(ProjectApplicationRequest request, List<UploadedFile> files, String submissionKey) {
    DeveloperOrganisation developer = developers.currentOrganisation();
    bars.requireDeveloperNotBarred(developer.getId());
    Methodology methodology = methodologyFor(request.methodologyCode());
    if (request.projectClass() == ProjectClass.CLASS_I) {
      validateClassOne(request, files);
    }
    if (submissionKey != null) {
      projects.findBySubmissionKey(submissionKey).ifPresent(earlier -> {
        if (!earlier.getDeveloperId().equals(developer.getId())) {
          // keys are unique over all developers: another's key is refused without naming what it made
          throw new ConflictException("该 Idempotency-Key 已被使用 (key already used): " + submissionKey);
        }
        throw IdempotencyKeys.repeated(submissionKey, "project", earlier.getId());
      });
    }
    if (projects.existsByDeveloperIdAndNameAndStatusIn(developer.getId(), request.name(), ProjectRules.ACTIVE)) {
      throw new ConflictException("同名项目已在申请中或已登记 (an application of this name is in progress): " + request.name());
    }
    Instant now = Instant.now(clock);
    Project project = new Project(request.projectClass(), methodology.getId(), developer.getId(), request.name(),
        request.district(), now);
    project.describe(request.address(), request.description(), request.startDate(), request.creditingStart(),
        request.creditingEnd());
    project.locate(request.latitude(), request.longitude());
    project.planImplementation(request.revenueReturnRatio(), request.publicInterestCommitment(),
        request.revenuePlan());
    if (request.identifiers() != null) {
      request.identifiers().forEach(i -> project.declareIdentifier(i.scheme().trim(), i.identifier().trim(),
          i.alreadyCredited()));
    }
    if (submissionKey != null) {
      project.submittedWithKey(submissionKey);
    }
    if (request.projectClass() == ProjectClass.CLASS_II) {
      project.recordAsClassTwo();
    }
    projects.saveAndFlush(project);
    store(project.getId(), files);
    if (request.projectClass() == ProjectClass.CLASS_II) {
      auditTrail.record(ProjectLifecycle.CASE_TYPE, project.getId(), "RECORDED", null, ProjectStatus.RECORDED.name(),
          "二类项目备案，无需登记");
      return project;
    }
    auditTrail.record(ProjectLifecycle.CASE_TYPE, project.getId(), "SUBMITTED", null,
        ProjectStatus.SUBMITTED.name(), "提交登记申请");
    Map<String, Object> variables = new HashMap<>();
    variables.put(PROJECT_ID, project.getId());
    variables.put(DEVELOPER_ID, developer.getId());
    variables.put(PROJECT_NAME, project.getName());
    variables.put(DEVELOPER_NAME, developer.getName());
    variables.put(METHODOLOGY_CODE, methodology.getCode() + " " + methodology.getName());
    variables.put(CHECK_SUMMARY, "");
    variables.put(REVIEW_COMMENT, "");
    variables.put(OBJECTION_SUMMARY, "");
    variables.put(OBJECTION_COUNT, 0L);
    variables.put(SUPPLEMENT_ROUND, 0);
    // the case's time limits and supplement rounds as the scheme rules stand at filing (the publicity length is read
    // again when publicity starts; each supplement request reads its time limit as it stood at filing)
    SchemeRuleSet current = rules.current();
    variables.put(MAX_SUPPLEMENT_ROUNDS, current.count(SchemeRule.MAX_SUPPLEMENT_ROUNDS));
    variables.put(REVIEW_DUE, current.duration(SchemeRule.TECHNICAL_REVIEW_WORKING_DAYS));
    variables.put(SUPPLEMENT_DUE, current.duration(SchemeRule.SUPPLEMENT_WORKING_DAYS));
    variables.put(PUBLICITY_DURATION, current.duration(SchemeRule.PUBLICITY_WORKING_DAYS));
    variables.put(DECISION_DUE, current.duration(SchemeRule.BUREAU_DECISION_WORKING_DAYS));
    engine.run(() -> runtimeService.startProcessInstanceById(processStarts.latestActive(REGISTRATION_PROCESS), businessKey(project), variables));
    return project;
  }

  /** The developer answers a supplement request: documents and a note; the case returns to review. */
  @Transactional
  public Project supplement(Long projectId, String note, List<UploadedFile> files) {
    Project project = ownProject(projectId);
    String user = currentUser.id();
    Task task = engine.call(() -> taskService.createTaskQuery().processInstanceBusinessKey(businessKey(project))
        .taskDefinitionKey(SUPPLEMENT_TASK).taskAssignee(user).singleResult());
    if (task == null) {
      throw new ConflictException("该项目当前没有待提交的补正要求 (no supplement requested)");
    }
    store(projectId, files);
    engine.run(() -> taskService.complete(task.getId(), Map.of(SUPPLEMENT_NOTE, note)));
    return project;
  }

  /** The developer withdraws an application that the bureau has not decided yet. */
  @Transactional
  public Project withdraw(Long projectId, String reason) {
    Project project = ownProject(projectId);
    if (project.getProjectClass() != ProjectClass.CLASS_I || !project.getStatus().isPending()) {
      throw new ConflictException("该申请当前状态（" + project.getStatus().label() + "）不能撤回 (cannot withdraw now)");
    }
    long decided = engine.call(() -> runtimeService.createExecutionQuery()
        .processInstanceBusinessKey(businessKey(project)).processDefinitionKey(REGISTRATION_PROCESS)
        .activityId(DECIDED_ACTIVITIES.get(0)).count() + runtimeService.createExecutionQuery()
        .processInstanceBusinessKey(businessKey(project)).processDefinitionKey(REGISTRATION_PROCESS)
        .activityId(DECIDED_ACTIVITIES.get(1)).count());
    if (decided > 0) {
      throw new ConflictException("该申请已作出决定，不能撤回 (application already decided)");
    }
    try {
      engine.run(() -> runtimeService.createMessageCorrelation(MESSAGE_WITHDRAWN)
          .processInstanceBusinessKey(businessKey(project))
          .setVariable(WITHDRAWAL_REASON, reason)
          .correlate());
    } catch (MismatchingMessageCorrelationException e) {
      throw new ConflictException("该申请已办结，不能撤回 (application already decided)");
    }
    return project;
  }

  /** A Class II developer asks for its project's information to be published. */
  @Transactional
  public Project requestDisclosure(Long projectId) {
    Project project = ownProject(projectId);
    if (project.getProjectClass() != ProjectClass.CLASS_II || project.getStatus() != ProjectStatus.RECORDED) {
      throw new ConflictException("仅已备案的二类项目可申请公开信息 (only recorded Class II projects)");
    }
    requireNoRunning(project, DISCLOSURE_PROCESS, "该项目的信息公开申请正在审查中 (disclosure already requested)");
    DeveloperOrganisation developer = developers.get(project.getDeveloperId());
    Methodology methodology = methodologies.findById(project.getMethodologyId()).orElseThrow();
    Map<String, Object> variables = new HashMap<>();
    variables.put(PROJECT_ID, projectId);
    variables.put(DEVELOPER_ID, developer.getId());
    variables.put(PROJECT_NAME, project.getName());
    variables.put(DEVELOPER_NAME, developer.getName());
    variables.put(METHODOLOGY_CODE, methodology.getCode() + " " + methodology.getName());
    variables.put(DISCLOSURE_SUMMARY, disclosureSummary(project, developer, methodology));
    variables.put(CHECK_DUE, rules.duration(SchemeRule.DISCLOSURE_CHECK_WORKING_DAYS));
    engine.run(() -> runtimeService.startProcessInstanceById(processStarts.latestActive(DISCLOSURE_PROCESS), businessKey(project), variables));
    auditTrail.record(ProjectLifecycle.CASE_TYPE, projectId, "DISCLOSURE_REQUESTED", null, null, "申请公开项目信息");
    return project;
  }

  /** The developer asks for, or the bureau orders, the cancellation of a project; the bureau confirms it. */
  @Transactional
  public Project requestCancellation(Long projectId, String reason) {
    boolean bureau = currentUser.isMemberOf(Groups.BUREAU);
    Project project = bureau ? existing(projectId) : ownProject(projectId);
    if (!CANCELLABLE.contains(project.getStatus())) {
      throw new ConflictException("项目当前状态（" + project.getStatus().label() + "）不能注销 (cannot be cancelled now)");
    }
    requireNoRunning(project, CANCELLATION_PROCESS, "该项目的注销正在办理中 (cancellation already in progress)");
    DeveloperOrganisation developer = developers.get(project.getDeveloperId());
    Map<String, Object> variables = new HashMap<>();
    variables.put(PROJECT_ID, projectId);
    variables.put(DEVELOPER_ID, developer.getId());
    variables.put(PROJECT_NAME, project.getName());
    variables.put(DEVELOPER_NAME, developer.getName());
    variables.put(REGISTRATION_NO, project.getRegistrationNo() == null ? "（二类项目，无登记编号）" : project.getRegistrationNo());
    variables.put(REQUESTED_BY, currentUser.id());
    variables.put(REQUEST_KIND, bureau ? "BUREAU_ORDER" : "DEVELOPER_REQUEST");
    variables.put(REQUEST_KIND_LABEL, bureau ? "生态环境局责令注销" : "开发方申请注销");
    variables.put(CANCELLATION_REASON, reason);
    variables.put(DECISION_DUE, rules.duration(SchemeRule.BUREAU_DECISION_WORKING_DAYS));
    engine.run(() -> runtimeService.startProcessInstanceById(processStarts.latestActive(CANCELLATION_PROCESS), businessKey(project), variables));
    auditTrail.record(ProjectLifecycle.CASE_TYPE, projectId, "CANCELLATION_REQUESTED", null, null,
        (bureau ? "生态环境局责令注销：" : "开发方申请注销：") + reason);
    return project;
  }

  /** A project as the caller may see it: authorities see every one, a developer only its own (else 404). */
  @Transactional(readOnly = true)
  public Project visible(Long projectId) {
    return currentUser.isAuthority() ? existing(projectId) : ownProject(projectId);
  }

  /**
   * One page of the projects the caller may see, newest first, of one status or all: every project for the
   * authorities, the own organisation's for a developer.
   */
  @Transactional(readOnly = true)
  public Page<Project> visibleProjects(ProjectStatus status, Pageable page) {
    if (currentUser.isAuthority()) {
      return status == null ? projects.findPageByOrderByIdDesc(page)
          : projects.findPageByStatusOrderByIdDesc(status, page);
    }
    Long own = developers.currentOrganisation().getId();
    return status == null ? projects.findPageByDeveloperIdOrderByIdDesc(own, page)
        : projects.findPageByDeveloperIdAndStatusOrderByIdDesc(own, status, page);
  }

  @Transactional(readOnly = true)
  public ProjectDocument document(Long projectId, Long documentId) {
    visible(projectId);
    return documents.findById(documentId).filter(d -> d.getProjectId().equals(projectId))
        .orElseThrow(() -> new NotFoundException("document", documentId));
  }

  private Project existing(Long projectId) {
    return projects.findById(projectId).orElseThrow(() -> new NotFoundException("project", projectId));
  }

  private Project ownProject(Long projectId) {
    Project project = existing(projectId);
    if (!currentUser.isMemberOf(Groups.DEVELOPER)) {
      throw new ForbiddenException("仅项目开发方可办理 (developers only)");
    }
    if (!project.getDeveloperId().equals(developers.currentOrganisation().getId())) {
      throw new NotFoundException("project", projectId);
    }
    return project;
  }

  private Methodology methodologyFor(String code) {
    List<Methodology> versions = methodologies.findByCodeOrderByVersionDesc(code.trim());
    if (versions.isEmpty()) {
      throw new InvalidInputException("methodologyCode", "未知的方法学编号 (unknown methodology): " + code);
    }
    LocalDate today = LocalDate.ofInstant(Instant.now(clock), workingDays.zone());
    return versions.stream().filter(m -> m.isEffectiveOn(today)).findFirst().orElse(versions.get(0));
  }

  private void validateClassOne(ProjectApplicationRequest request, List<UploadedFile> files) {
    Map<String, String> errors = new HashMap<>();
    for (String part : List.of("designDocument", "implementationPlan")) {
      if (files.stream().noneMatch(f -> f.field().equals(part))) {
        errors.put(part, "一类项目登记申请须附此文件 (required for Class I)");
      }
    }
    if (request.creditingStart() != null && request.creditingEnd() != null) {
      int maxYears = rules.count(SchemeRule.MAX_CREDITING_YEARS);
      if (request.creditingEnd().isAfter(request.creditingStart().plusYears(maxYears))) {
        errors.put("creditingEnd", "计入期不得超过 " + maxYears + " 年 (crediting period too long)");
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }

  private void store(Long projectId, List<UploadedFile> files) {
    Instant now = Instant.now(clock);
    String user = currentUser.id();
    for (UploadedFile file : files) {
      ProjectDocument.Kind kind = switch (file.field()) {
        case "designDocument" -> ProjectDocument.Kind.DESIGN_DOCUMENT;
        case "implementationPlan" -> ProjectDocument.Kind.IMPLEMENTATION_PLAN;
        case "supplement" -> ProjectDocument.Kind.SUPPLEMENT;
        default -> ProjectDocument.Kind.OTHER;
      };
      documents.save(new ProjectDocument(projectId, kind, file.filename(), file.contentType(), file.content(),
          sha256(file.content()), user, now));
    }
  }

  private void requireNoRunning(Project project, String processKey, String message) {
    long running = engine.call(() -> runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(businessKey(project)).processDefinitionKey(processKey).count());
    if (running > 0) {
      throw new ConflictException(message);
    }
  }

  private static String disclosureSummary(Project project, DeveloperOrganisation developer, Methodology methodology) {
    return "项目名称：" + project.getName() + "\n项目开发方：" + developer.getName() + "\n方法学：" + methodology.getName()
        + "\n所在区：" + project.getDistrict() + (project.getAddress() == null ? "" : " " + project.getAddress())
        + "\n项目简介：" + nullToDash(project.getDescription())
        + "\n收益管理方案：" + nullToDash(project.getRevenuePlan())
        + "\n公益性承诺：" + nullToDash(project.getPublicInterestCommitment());
  }

  private static String nullToDash(String value) {
    return value == null || value.isBlank() ? "—" : value;
  }

  static String businessKey(Project project) {
    return String.valueOf(project.getId());
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
