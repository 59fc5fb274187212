package cn.beijing.carboninclusion.decision;

import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.identity.Groups;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.bpmn.parser.ErrorEventDefinition;
import org.camunda.bpm.engine.impl.bpmn.parser.EscalationEventDefinition;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The one door through which a human decision enters a case. {@link TaskDoorPlugin} sends every engine command that
 * ends or changes a user task, or writes a case's variables from outside, through here — whatever the client
 * (Tasklist, {@code /engine-rest}, Camunda Modeler, scripts, the platform's own Java code) — before the engine runs it:
 * <ul>
 *   <li>an ending (complete, submit-form, a modelled BPMN error or escalation) writes only its deployed form's input
 *       fields, within the form's rules ({@link FormContract}), and is recorded as a {@link CaseDecision};</li>
 *   <li>a BPMN error or escalation is accepted only where the model catches it with a boundary event, and then with
 *       the same validation, separation of duties and record as a completion;</li>
 *   <li>task variable writes, deletes and {@code resolve} write only form input fields, each within its rule;</li>
 *   <li>a task is handed (claim, assignee, owner, delegation, identity link) only to someone who may take this case:
 *       a member of the task's candidate group who is no developer and passes separation of duties and conflicts of
 *       interest, or, for a task the model gives to named accounts, one of those accounts;</li>
 *   <li>writes from outside a task (instance and execution variables, modification, start, message, signal,
 *       migration) never touch a case's identity ({@link #IDENTITY}) or a decision (any deployed form's key);</li>
 *   <li>administrators' engine interventions need a reason and are written to the audit trail.</li>
 * </ul>
 * A refusal is a {@link DecisionRefused} (400) or an {@link AuthorizationException} (403), thrown before the engine
 * changes anything.
 */
@Component
public class TaskDoor {
  /** A case's identity and the facts of its application: fixed when the platform starts the case. */
  public static final Set<String> IDENTITY = Set.of("projectId", "applicationId", "methodologyId", "changeId",
      "rectificationId", "auditReportId", "reportId", "developerId", "applicant", "developerAccounts",
      "receivingAccounts", "requestedBy", "proposer", "expert", "expertPanel", "claimedTco2e", "recomputedTco2e",
      "recomputeLimitTco2e", "registrationNo", "orderedBy", "spotCheckYear", "spotCheckItems", "spotCheckItemId",
      "inspector", "seedPhrase", "requestedProjectCount", "requestedAgencyCount");

  enum Route { COMPLETE, SUBMIT_FORM, BPMN_ERROR, ESCALATION }

  private final FormContracts forms;
  private final DecisionChains chains;
  private final DecisionJournal journal;
  private final ObjectProvider<CaseDuties> duties;
  private final ObjectProvider<AuditTrail> auditTrail;
  private final Clock clock;

  TaskDoor(FormContracts forms, DecisionChains chains, DecisionJournal journal, ObjectProvider<CaseDuties> duties,
      ObjectProvider<AuditTrail> auditTrail, Clock clock) {
    this.forms = forms;
    this.chains = chains;
    this.journal = journal;
    this.duties = duties;
    this.auditTrail = auditTrail;
    this.clock = clock;
  }

  /** A task ends with {@code submitted}: complete, submit-form, or a BPMN error or escalation ({@code code}). */
  void end(String taskId, Map<String, ?> submitted, Route route, String code) {
    CommandContext context = Context.getCommandContext();
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    if (task == null || task.getExecution() == null) {
      return; // the engine answers 404; a standalone task carries no case
    }
    // permission first, as the command itself checks it: one who may not work the task learns nothing of its form
    // (403, not 400)
    context.getProcessEngineConfiguration().getCommandCheckers().forEach(checker -> checker.checkTaskWork(task));
    requireOwnPeople(context, task);
    Map<String, ?> values = submitted == null ? Map.of() : submitted;
    if (route == Route.BPMN_ERROR || route == Route.ESCALATION) {
      requireCaught(task, route, code);
    }
    String refusal = refusal(taskId, actingUser(context, task), true);
    if (refusal != null) {
      throw new AuthorizationException("不能办理该任务：" + refusal + " (separation of duties)");
    }
    FormContract contract = forms.of(context, task);
    Map<String, String> errors = contract.check(values, task::getVariable, true);
    if (!errors.isEmpty()) {
      throw new DecisionRefused(errors);
    }
    Map<String, Object> entered = new TreeMap<>();
    Set<String> inputs = contract.inputKeys();
    values.forEach((name, value) -> {
      if (inputs.contains(name)) {
        entered.put(name, value);
      }
    });
    if (code != null) {
      entered.put(route == Route.BPMN_ERROR ? "(errorCode)" : "(escalationCode)", code);
    }
    ExecutionEntity instance = task.getExecution().getProcessInstance();
    CaseDecision recorded = chains.append(new CaseDecision(taskId, task.getProcessInstanceId(),
        instance.getProcessDefinition().getKey(), instance.getBusinessKey(), task.getTaskDefinitionKey(), route.name(),
        actingUser(context, task), Instant.now(clock).truncatedTo(ChronoUnit.MILLIS), Decisions.write(entered)));
    journal.append(recorded, contract.choices());
    CaseDuties rules = duties.getIfAvailable();
    if (rules != null) {
      rules.acted(taskId, actingUser(context, task));
    }
    if (route == Route.BPMN_ERROR || route == Route.ESCALATION) {
      CaseRef caseRef = CaseRef.of(instance);
      auditTrail.getObject().record(caseRef == null ? "PROCESS_INSTANCE" : caseRef.caseType(),
          caseRef == null ? -1L : caseRef.caseId(), "TASK_ENDED_BY_" + route.name(), null, null,
          task.getName() + "：" + code + (entered.isEmpty() ? "" : "；" + entered));
    }
  }

  /** Variables written or deleted through a task (task or local scope), or handed back by {@code resolve}. */
  void writeThroughTask(String taskId, Map<String, ?> written, Collection<String> deleted) {
    CommandContext context = Context.getCommandContext();
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    if (task != null) {
      // permission first, as the command itself checks it: a candidate (TASK_WORK) writes no variable (403, not 400)
      context.getProcessEngineConfiguration().getCommandCheckers()
          .forEach(checker -> checker.checkUpdateTaskVariable(task));
      requireOwnPeople(context, task);
      checkWrite(context, task, written, deleted);
    }
  }

  private void checkWrite(CommandContext context, TaskEntity task, Map<String, ?> written,
      Collection<String> deleted) {
    FormContract contract = task.getExecution() == null ? FormContract.NONE : forms.of(context, task);
    Map<String, String> errors = new LinkedHashMap<>();
    if (written != null) {
      errors.putAll(contract.check(written, task::getVariable, false));
    }
    if (deleted != null) {
      errors.putAll(contract.checkDeletions(deleted));
    }
    if (!errors.isEmpty()) {
      throw new DecisionRefused(errors);
    }
  }

  /** A delegated task handed back to its owner with {@code written}: only a pending delegation, only form fields. */
  void resolve(String taskId, Map<String, ?> written) {
    TaskEntity task = Context.getCommandContext().getTaskManager().findTaskById(taskId);
    if (task == null) {
      return;
    }
    if (task.getDelegationState() != org.camunda.bpm.engine.task.DelegationState.PENDING) {
      throw DecisionRefused.of("delegationState", "该任务未被委托，不能交回 (the task is not delegated)");
    }
    checkWrite(Context.getCommandContext(), task, written, null);
  }

  /** A task handed to {@code userId} ({@code how}: claim, assignee, owner, delegate, candidate). */
  void handOver(String taskId, String userId, String how) {
    if (userId == null) {
      return; // unclaiming gives the task back to its candidates
    }
    CommandContext context = Context.getCommandContext();
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    if (task == null || task.getExecution() == null) {
      return;
    }
    if (userId.equals(task.getAssignee()) && ("claim".equals(how) || "assignee".equals(how))) {
      return; // no change
    }
    if (!eligible(context, task, userId)) {
      throw new AuthorizationException("不能将任务交给 " + userId + "：只能交给本任务候选组中可办理本案的人员 (" + how
          + " only to a member of the task's candidate group who may take this case)");
    }
    String refusal = refusal(taskId, userId, false);
    if (refusal != null) {
      throw new AuthorizationException("不能将任务交给 " + userId + "：" + refusal + " (separation of duties)");
    }
  }

  /** A group linked to a task: only the candidate groups the model gave it. */
  void addGroup(String taskId, String groupId, String type) {
    TaskEntity task = Context.getCommandContext().getTaskManager().findTaskById(taskId);
    if (task == null || task.getExecution() == null) {
      return;
    }
    boolean modelled = IdentityLinkType.CANDIDATE.equals(type) && task.getIdentityLinks().stream()
        .anyMatch(l -> groupId != null && groupId.equals(l.getGroupId()));
    if (!modelled) {
      throw DecisionRefused.of("groupId", "任务的候选组由流程模型确定，不得另行添加 (candidate groups come from the model)");
    }
  }

  /** A task saved whole ({@code PUT /task/{id}}): its assignee and owner are hand-overs. */
  void save(TaskEntity changed) {
    if (changed.getId() == null) {
      return;
    }
    TaskEntity stored = Context.getCommandContext().getTaskManager().findTaskById(changed.getId());
    if (stored == null || stored == changed) {
      return;
    }
    if (changed.getAssignee() != null && !changed.getAssignee().equals(stored.getAssignee())) {
      handOver(stored.getId(), changed.getAssignee(), "assignee");
    }
    if (changed.getOwner() != null && !changed.getOwner().equals(stored.getOwner())) {
      handOver(stored.getId(), changed.getOwner(), "owner");
    }
  }

  /**
   * Variables a client writes into a case outside a task ({@code where}: the route). A case's identity and every
   * decision are refused: those enter only at the start (the platform) and through a validated task ending.
   */
  void writeOutsideTask(Collection<String> names, String where) {
    if (names == null || names.isEmpty()) {
      return;
    }
    CommandContext context = Context.getCommandContext();
    Set<String> decisionKeys = forms.allFormKeys(context);
    Map<String, String> errors = new LinkedHashMap<>();
    for (String name : names) {
      if (IDENTITY.contains(name)) {
        errors.put(name, "案件身份与申请事实在立案时确定，不得经" + where + "改写 (case identity is fixed at the start)");
      } else if (decisionKeys.contains(name)) {
        errors.put(name, "审核决定只能经任务表单提交，不得经" + where + "写入 (decisions enter only through a task's form)");
      }
    }
    if (!errors.isEmpty()) {
      throw new DecisionRefused(errors);
    }
  }

  /**
   * An administrator's intervention in the engine (modification, variable write, job execution, migration, deletion):
   * a reason is required and the intervention is written to the audit trail of each case it touches. Others are left
   * to the engine's authorization checks.
   */
  void intervention(String what, Collection<String> processInstanceIds, String ownReason) {
    CommandContext context = Context.getCommandContext();
    Authentication authentication = context.getProcessEngineConfiguration().getIdentityService()
        .getCurrentAuthentication();
    if (authentication == null || authentication.getGroupIds() == null
        || !authentication.getGroupIds().contains(org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN)) {
      return;
    }
    String reason = ownReason != null && !ownReason.isBlank() ? ownReason.trim() : InterventionReason.current();
    if (reason == null || reason.isBlank()) {
      throw DecisionRefused.of("reason", "管理员干预须说明理由：请求头 " + InterventionReason.HEADER
          + "（UTF-8 百分号编码），或修改的 annotation、删除的 deleteReason (an intervention requires a reason)");
    }
    for (String id : processInstanceIds) {
      ExecutionEntity instance = id == null ? null : context.getExecutionManager().findExecutionById(id);
      String where = instance == null ? "流程实例 " + id : instance.getProcessDefinition().getKey() + " " + id;
      CaseRef caseRef = instance == null ? null : CaseRef.of(instance);
      auditTrail.getObject().record(caseRef == null ? "PROCESS_INSTANCE" : caseRef.caseType(),
          caseRef == null ? -1L : caseRef.caseId(), "ENGINE_INTERVENTION", null, null,
          what + "（" + where + "）；理由：" + reason);
    }
    if (processInstanceIds.isEmpty()) {
      auditTrail.getObject().record("PROCESS_INSTANCE", -1L, "ENGINE_INTERVENTION", null, null,
          what + "；理由：" + reason);
    }
  }

  private String refusal(String taskId, String userId, boolean completing) {
    CaseDuties rules = duties.getIfAvailable();
    return rules == null || userId == null ? null : rules.refusal(taskId, userId, completing);
  }

  private static void requireCaught(TaskEntity task, Route route, String code) {
    ScopeImpl scope = task.getExecution().getActivity();
    while (scope != null) {
      if (route == Route.BPMN_ERROR) {
        for (ErrorEventDefinition definition : scope.getProperties().get(BpmnProperties.ERROR_EVENT_DEFINITIONS)) {
          if (definition.catchesError(code)) {
            return;
          }
        }
      } else {
        for (EscalationEventDefinition definition
            : scope.getProperties().get(BpmnProperties.ESCALATION_EVENT_DEFINITIONS)) {
          if (definition.getEscalationCode() == null || definition.getEscalationCode().equals(code)) {
            return;
          }
        }
      }
      scope = scope.getFlowScope();
    }
    String field = route == Route.BPMN_ERROR ? "errorCode" : "escalationCode";
    throw DecisionRefused.of(field, "本任务的流程模型没有捕获「" + code + "」的边界事件，任务只能经表单办理 (the model does "
        + "not catch this " + (route == Route.BPMN_ERROR ? "error" : "escalation") + " at this task)");
  }

  /**
   * A task is worked by its own people: its assignee (every hand-over is checked) or a member of its candidate group.
   * An administrator's engine permissions do not make him a reviewer; the engine itself (no user) is not asked.
   */
  private static void requireOwnPeople(CommandContext context, TaskEntity task) {
    String actor = context.getAuthenticatedUserId();
    if (actor != null && !actor.equals(task.getAssignee()) && !eligible(context, task, actor)) {
      throw new AuthorizationException("不能办理该任务：只有本任务的办理人或候选组成员可以办理 (" + actor
          + " is neither the task's assignee nor a member of its candidate group)");
    }
  }

  /**
   * Whether the user may hold the task: a member of one of its candidate groups (never a developer account), or, for a
   * task with no candidate group, its assignee, owner or a candidate user.
   */
  private static boolean eligible(CommandContext context, TaskEntity task, String userId) {
    List<IdentityLinkEntity> links = task.getIdentityLinks();
    List<String> groups = links.stream().filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()))
        .map(IdentityLinkEntity::getGroupId).filter(g -> g != null).toList();
    if (groups.isEmpty()) {
      return userId.equals(task.getAssignee()) || userId.equals(task.getOwner()) || links.stream()
          .anyMatch(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && userId.equals(l.getUserId()));
    }
    var identity = context.getProcessEngineConfiguration().getIdentityService();
    return context.runWithoutAuthorization(() -> {
      if (identity.createUserQuery().userId(userId).memberOfGroup(Groups.DEVELOPER).count() > 0) {
        return false;
      }
      for (String group : groups) {
        if (identity.createUserQuery().userId(userId).memberOfGroup(group).count() > 0) {
          return true;
        }
      }
      return false;
    });
  }

  private static String actingUser(CommandContext context, TaskEntity task) {
    String user = context.getAuthenticatedUserId();
    if (user == null) {
      user = task.getAssignee();
    }
    return user == null ? AuditTrail.SYSTEM : user;
  }
}
