package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.ProcessStarts;
import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.EngineAsPlatform;
import cn.beijing.carboninclusion.common.ForbiddenException;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.common.SchemeRuleSet;
import cn.beijing.carboninclusion.developer.DeveloperBars;
import cn.beijing.carboninclusion.developer.DeveloperMember;
import cn.beijing.carboninclusion.developer.DeveloperMembers;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.developer.DeveloperOrganisations;
import cn.beijing.carboninclusion.developer.DeveloperService;
import cn.beijing.carboninclusion.identity.CurrentUser;
import cn.beijing.carboninclusion.identity.Groups;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What developers do with changes of their registered projects through the platform API: file a change (the
 * {@code ProjectChange} process classifies, checks and routes it), read the change log, and — as the receiving
 * organisation of a transfer — accept or refuse it. Each call checks the caller may act, writes the domain rows and
 * starts or moves the process in one transaction: a refused call stores nothing.
 */
@Service
public class ProjectChangeService {
  static final String PROCESS = "ProjectChange";
  static final String ACCEPTANCE_TASK = "Task_AcceptTransfer";

  private final ProjectApplications projects;
  private final ProjectChanges changes;
  private final ProjectVersions versions;
  private final DeveloperService developers;
  private final DeveloperOrganisations organisations;
  private final DeveloperMembers members;
  private final CurrentUser currentUser;
  private final AuditTrail auditTrail;
  private final ProjectChangeSettings settings;
  private final DeveloperBars bars;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final EngineAsPlatform engine;
  private final WorkingDayCalendar calendar;
  private final ObjectMapper json;
  private final Clock clock;
  private final ProcessStarts processStarts;

  ProjectChangeService(ProjectApplications projects, ProjectChanges changes, ProjectVersions versions,
      DeveloperService developers, DeveloperOrganisations organisations, DeveloperMembers members,
      CurrentUser currentUser, AuditTrail auditTrail, ProjectChangeSettings settings, RuntimeService runtimeService, TaskService taskService,
      EngineAsPlatform engine, WorkingDayCalendar calendar, ObjectMapper json, Clock clock, DeveloperBars bars, ProcessStarts processStarts) {
    this.processStarts = processStarts;
    this.bars = bars;
    this.projects = projects;
    this.changes = changes;
    this.versions = versions;
    this.developers = developers;
    this.organisations = organisations;
    this.members = members;
    this.currentUser = currentUser;
    this.auditTrail = auditTrail;
    this.settings = settings;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.engine = engine;
    this.calendar = calendar;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Files a change of the caller's registered (or suspended) Class I project and starts {@code ProjectChange}.
   *
   * @throws NotFoundException another developer's project (404)
   * @throws ConflictException the project cannot be changed now, the developer is barred, or a major change is
   *     already pending (409)
   * @throws InvalidInputException a field the kind needs is missing, one it does not carry is given, the receiving
   *     developer is unknown, or the effective date is too early (400)
   */
  @Transactional
  public ProjectChange file(Long projectId, ProjectChangeRequest request) {
    Project project = projects.visible(projectId);
    if (!currentUser.isMemberOf(Groups.DEVELOPER)) {
      throw new ForbiddenException("仅项目开发方可申请变更 (developers only)");
    }
    DeveloperOrganisation developer = developers.currentOrganisation();
    LocalDate today = LocalDate.now(clock.withZone(calendar.zone()));
    if (!developer.mayFileOn(today)) {
      throw new ConflictException(developer.getName() + "处于禁止申报期或已注销，不能申请项目变更 (developer barred)");
    }
    bars.requireDeveloperNotBarred(developer.getId());
    if (project.getProjectClass() != ProjectClass.CLASS_I || (project.getStatus() != ProjectStatus.REGISTERED
        && project.getStatus() != ProjectStatus.SUSPENDED)) {
      throw new ConflictException("仅已登记或已暂停的一类项目可以申请变更，项目当前状态：" + project.getStatus().label()
          + " (only registered projects)");
    }
    ProjectVersion latest = versions.latest(projectId)
        .orElseThrow(() -> new IllegalStateException("registered project " + projectId + " has no version 1"));
    Long receivingId = validate(request, project, latest, today);
    LocalDate effectiveFrom = request.effectiveFrom() == null ? today : request.effectiveFrom();
    ProjectChange change = changes.saveAndFlush(new ProjectChange(projectId, request.kind(),
        toJson(ChangeValues.of(request, receivingId)), request.reason().trim(), effectiveFrom, receivingId,
        currentUser.id(), Instant.now(clock)));
    auditTrail.record(ProjectLifecycle.CASE_TYPE, projectId, "CHANGE_FILED", null, null,
        ProjectChangeSteps.describe(change) + "，自 " + effectiveFrom + " 起生效。理由：" + change.getReason());
    Map<String, Object> variables = new HashMap<>();
    variables.put("changeId", change.getId());
    variables.put("projectId", projectId);
    variables.put("developerId", developer.getId());
    variables.put("projectName", project.getName());
    variables.put("developerName", developer.getName());
    variables.put("registrationNo", project.getRegistrationNo());
    variables.put("changeKind", request.kind().name());
    variables.put("changeKindLabel", request.kind().label());
    variables.put("changeReason", change.getReason());
    variables.put("effectiveFrom", effectiveFrom.toString());
    variables.put("changeSummary", summary(request, latest, receivingId));
    variables.put("checkSummary", "");
    variables.put("requestedBy", currentUser.id());
    if (receivingId != null) {
      DeveloperOrganisation receiving = organisations.findById(receivingId).orElseThrow();
      variables.put("receivingDeveloperName", receiving.getName());
      variables.put("receivingAccounts", members.findByOrganisationId(receivingId).stream()
          .map(DeveloperMember::getUserId).toList());
    }
    variables.put("acceptanceDue", SchemeRuleSet.workingDays(settings.acceptanceWorkingDays()));
    variables.put("reviewDue", SchemeRuleSet.workingDays(settings.reviewWorkingDays()));
    variables.put("decisionDue", SchemeRuleSet.workingDays(settings.decisionWorkingDays()));
    engine.run(() -> runtimeService.startProcessInstanceById(processStarts.latestActive(PROCESS), String.valueOf(projectId), variables));
    return change;
  }

  /** The project's change log: for the authorities and the project's developer. */
  @Transactional(readOnly = true)
  public List<ProjectChange> changesOf(Long projectId) {
    projects.visible(projectId);
    return versions.changeLog(projectId);
  }

  /** The project's versions: for the authorities and the project's developer. */
  @Transactional(readOnly = true)
  public List<ProjectVersion> versionsOf(Long projectId) {
    projects.visible(projectId);
    return versions.history(projectId);
  }

  /**
   * The receiving developer accepts or refuses a transfer (the open task 接受项目转让, which its accounts may also
   * complete in Tasklist). Anyone else: 404.
   */
  @Transactional
  public ProjectChange answerTransfer(Long projectId, Long changeId, boolean accept, String comment) {
    ProjectChange change = changes.findById(changeId).filter(c -> c.getProjectId().equals(projectId))
        .orElseThrow(() -> new NotFoundException("project change", changeId));
    if (!currentUser.isMemberOf(Groups.DEVELOPER) || change.getReceivingDeveloperId() == null
        || !change.getReceivingDeveloperId().equals(developers.currentOrganisation().getId())) {
      throw new NotFoundException("project change", changeId);
    }
    String user = currentUser.id();
    Task task = engine.call(() -> taskService.createTaskQuery().processInstanceBusinessKey(String.valueOf(projectId))
        .processDefinitionKey(PROCESS).taskDefinitionKey(ACCEPTANCE_TASK).processVariableValueEquals("changeId",
            changeId).taskCandidateUser(user).singleResult());
    if (task == null) {
      throw new ConflictException("该变更当前不在待受让方确认阶段 (no transfer to answer)");
    }
    engine.run(() -> taskService.complete(task.getId(), Map.of("transferDecision", accept ? "ACCEPT" : "REFUSE",
        "transferComment", comment)));
    return change;
  }

  private Long validate(ProjectChangeRequest request, Project project, ProjectVersion latest, LocalDate today) {
    Map<String, String> errors = new LinkedHashMap<>();
    ChangeKind kind = request.kind();
    for (String field : ProjectChangeRequest.VALUE_FIELDS) {
      boolean given = request.value(field) != null;
      if (given && !kind.fields().contains(field)) {
        errors.put(field, "「" + kind.label() + "」变更不含此项 (not part of a " + kind + " change)");
      } else if (!given && kind.required().contains(field)) {
        errors.put(field, "「" + kind.label() + "」变更须填写此项 (required for a " + kind + " change)");
      }
    }
    if (kind == ChangeKind.CONTACT && kind.fields().stream().allMatch(f -> request.value(f) == null)) {
      errors.put("contactName", "联系方式变更至少须填写联系人、联系电话或联系邮箱之一 (at least one contact field)");
    }
    Long receivingId = null;
    if (kind == ChangeKind.DEVELOPER_TRANSFER && request.value("newDeveloperCreditCode") != null
        && !errors.containsKey("newDeveloperCreditCode")) {
      DeveloperOrganisation receiving = organisations.findByCreditCode((String) request.value("newDeveloperCreditCode"))
          .orElse(null);
      if (receiving == null) {
        errors.put("newDeveloperCreditCode", "平台上没有该统一社会信用代码的开发方 (unknown developer)");
      } else if (receiving.getId().equals(project.getDeveloperId())) {
        errors.put("newDeveloperCreditCode", "受让方不能是现项目开发方 (the project's own developer)");
      } else {
        receivingId = receiving.getId();
      }
    }
    LocalDate effectiveFrom = request.effectiveFrom() == null ? today : request.effectiveFrom();
    LocalDate settled = changes.lastSettledPeriodEnd(project.getId());
    if (effectiveFrom.isBefore(latest.getEffectiveFrom())) {
      errors.put("effectiveFrom", "生效日期不得早于现行第 " + latest.getVersionNo() + " 版的生效日期 "
          + latest.getEffectiveFrom() + " (before the version in force)");
    } else if (settled != null && !effectiveFrom.isAfter(settled)) {
      errors.put("effectiveFrom", "生效日期须晚于已审定或已签发的监测期（至 " + settled
          + "）(periods already decided cannot change)");
    } else if (project.getCreditingEnd() != null && effectiveFrom.isAfter(project.getCreditingEnd())) {
      errors.put("effectiveFrom", "生效日期不得晚于计入期结束日期 " + project.getCreditingEnd() + " (after the crediting period)");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return receivingId;
  }

  /** The current and the new values, for the reviewers' forms (contact data masked: it is not public, and the engine's variables are not encrypted). */
  private String summary(ProjectChangeRequest request, ProjectVersion latest, Long receivingId) {
    StringBuilder text = new StringBuilder("变更事项：" + request.kind().label() + "（现行第 " + latest.getVersionNo() + " 版）");
    for (String field : request.kind().fields()) {
      Object next = request.value(field);
      if (next == null) {
        continue;
      }
      String current = switch (field) {
        case "address" -> latest.getAddress();
        case "revenueReturnRatio" -> latest.getRevenueReturnRatio() == null ? null
            : ProjectRules.percent(latest.getRevenueReturnRatio());
        case "revenuePlan" -> latest.getRevenuePlan();
        case "participantScope" -> latest.getParticipantScope();
        case "monitoringPlan" -> latest.getMonitoringPlan();
        case "contactName" -> latest.getContactName();
        case "contactPhone" -> latest.getContactPhone();
        case "contactEmail" -> latest.getContactEmail();
        case "newDeveloperCreditCode" -> organisations.findById(latest.getDeveloperId())
            .map(d -> d.getName() + "（" + d.getCreditCode() + "）").orElse(null);
        default -> null;
      };
      String shown = switch (field) {
        case "revenueReturnRatio" -> ProjectRules.percent((java.math.BigDecimal) next);
        case "newDeveloperCreditCode" -> organisations.findById(receivingId)
            .map(d -> d.getName() + "（" + d.getCreditCode() + "）").orElse(String.valueOf(next));
        default -> String.valueOf(next);
      };
      if (PERSONAL.contains(field)) { // process variables are not encrypted at rest: reviewers see them masked
        current = masked(current);
        shown = masked(shown);
      }
      text.append("\n").append(LABELS.get(field)).append("：").append(current == null ? "—" : current)
          .append(" → ").append(shown);
    }
    if (request.kind().fields().stream().anyMatch(PERSONAL::contains)) {
      text.append("\n（联系方式已遮盖；完整内容见平台接口 GET /api/projects/{id}/changes，访问留痕）");
    }
    return text.toString();
  }

  private static final java.util.Set<String> PERSONAL = java.util.Set.of("contactName", "contactPhone", "contactEmail");

  /**
   * A contact value as the engine keeps it (docs/crypto.md): the first character, the last four of a phone, the
   * domain of an e-mail address; the rest as {@code *}.
   */
  static String masked(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    int at = value.indexOf('@');
    if (at > 0) {
      return value.charAt(0) + "***" + value.substring(at);
    }
    long digits = value.chars().filter(Character::isDigit).count();
    if (digits >= 7) {
      return "*".repeat(Math.max(0, value.length() - 4)) + value.substring(value.length() - 4);
    }
    return value.codePointCount(0, value.length()) <= 1 ? "*"
        : new String(Character.toChars(value.codePointAt(0))) + "*".repeat(
            Math.min(3, value.codePointCount(0, value.length()) - 1));
  }

  private static final Map<String, String> LABELS = Map.of("address", "项目地址", "revenueReturnRatio", "收益返还比例",
      "revenuePlan", "收益管理方案", "participantScope", "参与者范围", "monitoringPlan", "监测计划", "contactName", "联系人",
      "contactPhone", "联系电话", "contactEmail", "联系邮箱", "newDeveloperCreditCode", "项目开发方");

  private String toJson(ChangeValues values) {
    try {
      return json.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
