package cn.beijing.carboninclusion.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The validated door, over every user task of every deployed model, on PostgreSQL: for each task a case is started
 * right before it, and every path that ends or changes a task is tried as every role with every kind of bad input
 * derived from the task's deployed form. Each attempt must be refused (400 {@link DecisionRefused} or 403
 * {@link AuthorizationException}) and leave the case unchanged — its variables, its task's assignment and identity
 * links, the recorded decisions, the audit trail (refusals aside, which are recorded attempts) and the variable
 * history. Then the valid completion, built from the same form, passes the door. Counts are printed at the end.
 */
class TaskDoorTest extends PlatformIntegrationTest {
  private static final Pattern EXPRESSION_VARIABLE = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");
  private static final String CASE_DEVELOPER = "greentravel";
  private static final String OTHER_DEVELOPER = "sunroof";
  private static final AtomicInteger TASKS = new AtomicInteger();
  private static final AtomicInteger ATTEMPTS = new AtomicInteger();
  private static final AtomicInteger VALID = new AtomicInteger();
  private static final Map<String, AtomicInteger> BY_PATH = new TreeMap<>();
  private static final Map<String, AtomicInteger> BY_ROLE = new TreeMap<>();

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired FormService formService;
  @Autowired HistoryService historyService;
  @Autowired IdentityService identityService;
  @Autowired FormContracts forms;
  @Autowired JdbcTemplate jdbc;

  /** The case as it was when the task was created: every refused attempt must leave it so. */
  private String unchanged;

  record Role(String name, String user, List<String> groups) {}

  record Attempt(String path, String what, Role role, Runnable act) {}

  @TestFactory
  Stream<DynamicNode> everyUserTaskOfEveryModelRefusesEveryBadWrite() {
    List<DynamicNode> models = new ArrayList<>();
    for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().latestVersion()
        .orderByProcessDefinitionKey().asc().list()) {
      BpmnModelInstance model = repositoryService.getBpmnModelInstance(definition.getId());
      List<DynamicNode> tasks = new ArrayList<>();
      for (UserTask userTask : model.getModelElementsByType(UserTask.class)) {
        tasks.add(DynamicTest.dynamicTest(userTask.getId() + " " + userTask.getName(),
            () -> tryEverything(definition, model, userTask)));
      }
      models.add(DynamicContainer.dynamicContainer(definition.getKey(), tasks));
    }
    assertThat(models).hasSizeGreaterThanOrEqualTo(9);
    return models.stream();
  }

  @AfterAll
  static void report() {
    System.out.println("TaskDoorTest: user tasks " + TASKS + ", refused attempts " + ATTEMPTS
        + ", valid completions " + VALID + ", by path " + BY_PATH + ", by role " + BY_ROLE);
  }

  private void tryEverything(ProcessDefinition definition, BpmnModelInstance model, UserTask userTask) {
    ProcessInstance pi = runtimeService.createProcessInstanceById(definition.getId())
        .businessKey(String.valueOf(900_000_000L + TASKS.incrementAndGet()))
        .startBeforeActivity(userTask.getId()).setVariables(variablesFor(model, userTask)).execute();
    try {
      Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(userTask.getId())
          .singleResult();
      assertThat(task).as("task %s created", userTask.getId()).isNotNull();
      FormContract contract = forms.parse(deployedForm(task.getId()));
      assertThat(contract.fields()).as("form of %s", userTask.getId()).isNotEmpty();
      Map<String, Object> valid = validValues(contract, task);
      Set<String> hidden = hiddenUnder(contract, valid, task);
      hidden.forEach(valid::remove);
      List<Role> workers = workersOf(task);
      Role worker = workers.get(0);
      List<Role> roles = new ArrayList<>(workers);
      roles.add(new Role("another group", "chenjing", List.of(Groups.EXCHANGE)));
      if (!CASE_DEVELOPER.equals(worker.user())) {
        roles.add(new Role("the case's developer", CASE_DEVELOPER, List.of(Groups.DEVELOPER)));
      }
      roles.add(new Role("another developer", OTHER_DEVELOPER, List.of(Groups.DEVELOPER)));
      roles.add(new Role("admin", "admin", List.of("camunda-admin")));

      unchanged = snapshot(pi, task);
      for (Role role : roles) {
        for (Map.Entry<String, Map<String, Object>> bad : badSubmissions(contract, valid, hidden).entrySet()) {
          for (Attempt attempt : endingsAndWrites(task, role, bad.getKey(), bad.getValue())) {
            assertRefusedAndUnchanged(pi, task, attempt);
          }
        }
        for (Attempt attempt : handOvers(task, role)) {
          assertRefusedAndUnchanged(pi, task, attempt);
        }
        if (!workers.contains(role) && !"admin".equals(role.name())) {
          assertRefusedAndUnchanged(pi, task, new Attempt("complete", "valid values, not a worker of the task", role,
              () -> taskService.complete(task.getId(), valid)));
        }
      }

      Throwable outcome = catchThrowable(() -> as(worker, () -> taskService.complete(task.getId(), valid)));
      if (outcome != null) {
        // a later step may fail on a case that has no domain rows; the door itself must not refuse
        assertThat(outcome).as("the valid completion of %s passes the door", userTask.getId())
            .isNotInstanceOf(DecisionRefused.class).isNotInstanceOf(AuthorizationException.class);
      } else {
        assertThat(decisionsOf(pi)).as("decision recorded").isEqualTo(1);
      }
      VALID.incrementAndGet();
    } finally {
      if (runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).count() > 0) {
        runtimeService.deleteProcessInstance(pi.getId(), "test finished", true, true);
      }
    }
  }

  /** Candidate or assignee who may work the task: the first is the one who completes it validly. */
  private List<Role> workersOf(Task task) {
    List<Role> workers = new ArrayList<>();
    for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
      if (link.getGroupId() != null) {
        String user = identityService.createUserQuery().memberOfGroup(link.getGroupId()).orderByUserId().asc()
            .list().get(0).getId();
        workers.add(new Role("candidate (" + link.getGroupId() + ")", user, List.of(link.getGroupId())));
      } else if (link.getUserId() != null) {
        workers.add(new Role("candidate or assignee", link.getUserId(), groupsOf(link.getUserId())));
      }
    }
    if (task.getAssignee() != null && workers.stream().noneMatch(w -> w.user().equals(task.getAssignee()))) {
      workers.add(0, new Role("assignee", task.getAssignee(), groupsOf(task.getAssignee())));
    }
    assertThat(workers).as("someone may work %s", task.getTaskDefinitionKey()).isNotEmpty();
    return workers;
  }

  private List<String> groupsOf(String user) {
    return identityService.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList();
  }

  /** Bad submissions derived from the form: name of the attempt → variables sent. */
  private Map<String, Map<String, Object>> badSubmissions(FormContract contract, Map<String, Object> valid,
      Set<String> hidden) {
    Map<String, Map<String, Object>> bad = new LinkedHashMap<>();
    bad.put("an undeclared variable", with(valid, "injected", "${''.getClass()}"));
    for (String identity : TaskDoor.IDENTITY) {
      bad.put("identity variable " + identity, with(valid, identity, 424242L));
    }
    for (FormContract.Field field : contract.fields().values()) {
      String key = field.key();
      if (field.readOnly()) {
        bad.put("read-only " + key + " changed", with(valid, key, "改写的值"));
        continue;
      }
      if (hidden.contains(key)) {
        // hidden by its form's condition under the valid values: not required, and not writable
        bad.put("hidden " + key + " written", with(valid, key, "按条件不显示的字段"));
        continue;
      }
      if (field.required()) {
        Map<String, Object> missing = new HashMap<>(valid);
        missing.remove(key);
        bad.put("required " + key + " missing", missing);
        bad.put("required " + key + " blank", with(valid, key, "  "));
      }
      switch (field.type()) {
        case "radio", "select" -> {
          bad.put(key + " outside its values", with(valid, key, "APPROVE_ALL"));
          bad.put(key + " wrong type", with(valid, key, 1L));
        }
        case "number" -> {
          bad.put(key + " NaN", with(valid, key, Double.NaN));
          bad.put(key + " Infinity", with(valid, key, Double.POSITIVE_INFINITY));
          bad.put(key + " 1e308", with(valid, key, 1e308));
          bad.put(key + " text", with(valid, key, "一百"));
          if (field.min() != null) {
            bad.put(key + " below min", with(valid, key, -1_000_000.5));
          }
          if (field.max() != null) {
            bad.put(key + " above max", with(valid, key, 1_000_000_000.0));
          }
        }
        case "checkbox" -> bad.put(key + " not a boolean", with(valid, key, "yes"));
        default -> {
          bad.put(key + " wrong type", with(valid, key, 12345L));
          bad.put(key + " over-long", with(valid, key, "长".repeat(field.maxLength() + 1)));
          bad.put(key + " control characters", with(valid, key, "意见\u0000\u001b[2J"));
          if (field.pattern() != null) {
            bad.put(key + " against its pattern", with(valid, key, "=HYPERLINK(\"http://x\")"));
          }
        }
      }
    }
    return bad;
  }

  private List<Attempt> endingsAndWrites(Task task, Role role, String what, Map<String, Object> variables) {
    String id = task.getId();
    List<Attempt> attempts = new ArrayList<>();
    attempts.add(new Attempt("complete", what, role, () -> taskService.complete(id, variables)));
    attempts.add(new Attempt("submit-form", what, role, () -> formService.submitTaskForm(id, variables)));
    attempts.add(new Attempt("bpmnError", what, role, () -> taskService.handleBpmnError(id, "Error_Any", "x", variables)));
    attempts.add(new Attempt("bpmnEscalation", what, role, () -> taskService.handleEscalation(id, "Escalation_Any",
        variables)));
    Map<String, Object> changed = changedOnly(variables);
    if (!changed.isEmpty()) {
      attempts.add(new Attempt("resolve", what, role, () -> taskService.resolveTask(id, changed)));
      attempts.add(new Attempt("task variables", what, role, () -> taskService.setVariables(id, changed)));
      attempts.add(new Attempt("task local variables", what, role, () -> taskService.setVariablesLocal(id, changed)));
      attempts.add(new Attempt("task variables patch", what, role, () -> ((org.camunda.bpm.engine.impl.TaskServiceImpl) taskService).updateVariables(id, changed,
          List.<String>of())));
    }
    return attempts;
  }

  /** What a bad submission writes beyond a valid one (a write of only valid values is a legitimate draft). */
  private static Map<String, Object> changedOnly(Map<String, Object> variables) {
    Map<String, Object> changed = new HashMap<>();
    variables.forEach((k, v) -> {
      if (TaskDoor.IDENTITY.contains(k) || "injected".equals(k) || v instanceof Double d && (d.isNaN()
          || d.isInfinite() || d > 1e8 || d < 0) || v instanceof String s && (s.length() > 100 || s.contains("\u0000")
          || s.startsWith("=") || "改写的值".equals(s) || "APPROVE_ALL".equals(s))) {
        changed.put(k, v);
      }
    });
    return changed;
  }

  private List<Attempt> handOvers(Task task, Role role) {
    String id = task.getId();
    List<Attempt> attempts = new ArrayList<>();
    for (String party : List.of(CASE_DEVELOPER, OTHER_DEVELOPER, "chenjing")) {
      if (party.equals(task.getAssignee()) || isCandidateUser(task, party)) {
        continue;
      }
      attempts.add(new Attempt("claim", "for " + party, role, () -> taskService.claim(id, party)));
      attempts.add(new Attempt("assignee", "to " + party, role, () -> taskService.setAssignee(id, party)));
      attempts.add(new Attempt("owner", "to " + party, role, () -> taskService.setOwner(id, party)));
      attempts.add(new Attempt("delegate", "to " + party, role, () -> taskService.delegateTask(id, party)));
      attempts.add(new Attempt("identity link", "candidate " + party, role, () -> taskService.addCandidateUser(id,
          party)));
    }
    attempts.add(new Attempt("identity link", "candidate group developer", role,
        () -> taskService.addCandidateGroup(id, Groups.DEVELOPER)));
    attempts.add(new Attempt("resolve", "a task not delegated", role, () -> taskService.resolveTask(id)));
    attempts.add(new Attempt("task variables delete", "identity and read-only", role,
        () -> taskService.removeVariables(id, List.of("projectId", "developerId"))));
    return attempts;
  }

  private boolean isCandidateUser(Task task, String user) {
    return taskService.getIdentityLinksForTask(task.getId()).stream().anyMatch(l -> user.equals(l.getUserId()));
  }

  private void assertRefusedAndUnchanged(ProcessInstance pi, Task task, Attempt attempt) {
    // the state before this attempt is the state after the last one, which was asserted equal to the first
    String before = unchanged;
    Throwable thrown = catchThrowable(() -> as(attempt.role(), attempt.act()));
    assertThat(thrown).as("%s as %s (%s): %s", attempt.path(), attempt.role().name(), attempt.role().user(),
        attempt.what()).isNotNull().isInstanceOfAny(DecisionRefused.class, AuthorizationException.class);
    assertThat(snapshot(pi, task)).as("%s as %s: %s left the case unchanged", attempt.path(), attempt.role().name(),
        attempt.what()).isEqualTo(before);
    ATTEMPTS.incrementAndGet();
    synchronized (BY_PATH) {
      BY_PATH.computeIfAbsent(attempt.path(), k -> new AtomicInteger()).incrementAndGet();
      BY_ROLE.computeIfAbsent(attempt.role().name().replaceAll(" \\(.*", ""), k -> new AtomicInteger())
          .incrementAndGet();
    }
  }

  /**
   * Every row the case's state lives in, read in one statement: each engine row as its whole text (its revision
   * included, so any update shows even when the value is the same), the variable history, the recorded decisions and
   * the audit trail without the refusals. Stricter than the engine's views of the same rows, and one round trip.
   */
  private String snapshot(ProcessInstance pi, Task task) {
    return jdbc.queryForObject("""
        select concat_ws(' | ',
          (select string_agg(e::text, ';' order by e.id_) from act_ru_execution e where e.proc_inst_id_ = ?),
          (select string_agg(v::text, ';' order by v.id_) from act_ru_variable v where v.proc_inst_id_ = ?),
          (select string_agg(b::text, ';' order by b.id_) from act_ge_bytearray b
             where b.id_ in (select v.bytearray_id_ from act_ru_variable v where v.proc_inst_id_ = ?)),
          (select string_agg(t::text, ';' order by t.id_) from act_ru_task t where t.proc_inst_id_ = ?),
          (select string_agg(l::text, ';' order by l.id_) from act_ru_identitylink l where l.task_id_ = ?),
          (select count(*) from act_hi_detail d where d.proc_inst_id_ = ?),
          (select count(*) from case_decision c where c.process_instance_id = ?),
          (select count(*) from audit_entry a where a.action not like 'REFUSED%'))
        """, String.class, pi.getId(), pi.getId(), pi.getId(), pi.getId(), task.getId(), pi.getId(), pi.getId());
  }

  private long decisionsOf(ProcessInstance pi) {
    Long count = jdbc.queryForObject("select count(*) from case_decision where process_instance_id = ?", Long.class,
        pi.getId());
    return count == null ? 0 : count;
  }

  private void as(Role role, Runnable act) {
    identityService.setAuthentication(role.user(), role.groups());
    try {
      act.run();
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** Valid values for every input field, within the form's own rules. */
  private Map<String, Object> validValues(FormContract contract, Task task) {
    Map<String, Object> values = new HashMap<>();
    for (FormContract.Field field : contract.fields().values()) {
      if (field.readOnly()) {
        continue;
      }
      Object value = switch (field.type()) {
        case "radio", "select" -> field.values().iterator().next();
        case "number" -> field.min() != null && !field.min().startsWith("=") ? Double.valueOf(field.min()) : 0.0;
        case "checkbox" -> Boolean.TRUE;
        case "checklist", "taglist" -> List.of(field.values().iterator().next());
        case "datetime" -> java.time.LocalDate.now().plusDays(1).toString();
        default -> field.pattern() != null ? "91110000600037341L" : "审核意见：材料齐全，同意。";
      };
      values.put(field.key(), value);
    }
    return values;
  }

  /** The input fields the form's conditions hide when the valid values are entered on this task. */
  private Set<String> hiddenUnder(FormContract contract, Map<String, Object> valid, Task task) {
    Map<String, Object> variables = taskService.getVariables(task.getId());
    Set<String> hidden = new java.util.HashSet<>();
    for (FormContract.Field field : contract.fields().values()) {
      if (!field.readOnly() && field.hide() != null
          && field.hide().holds(name -> valid.containsKey(name) ? valid.get(name) : variables.get(name))) {
        hidden.add(field.key());
      }
    }
    return hidden;
  }

  private static Map<String, Object> with(Map<String, Object> valid, String key, Object value) {
    Map<String, Object> copy = new HashMap<>(valid);
    copy.put(key, value);
    return copy;
  }

  private String deployedForm(String taskId) {
    try (InputStream form = formService.getDeployedTaskForm(taskId)) {
      return new String(form.readAllBytes(), StandardCharsets.UTF_8);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The variables a task's expressions and the timers of its scopes need to be created: due dates, durations, the
   * named accounts, and the variables a form's bounds refer to.
   */
  private Map<String, Object> variablesFor(BpmnModelInstance model, UserTask userTask) {
    Map<String, Object> variables = new HashMap<>();
    List<String> expressions = new ArrayList<>();
    expressions.add(userTask.getCamundaAssignee());
    expressions.add(userTask.getCamundaCandidateUsers());
    expressions.add(userTask.getCamundaCandidateGroups());
    expressions.add(userTask.getCamundaDueDate());
    for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
      for (var part : new org.camunda.bpm.model.bpmn.instance.Expression[] {timer.getTimeDuration(),
          timer.getTimeDate(), timer.getTimeCycle()}) {
        if (part != null) {
          expressions.add(part.getTextContent());
        }
      }
    }
    for (String expression : expressions) {
      if (expression == null) {
        continue;
      }
      Matcher matcher = EXPRESSION_VARIABLE.matcher(expression);
      while (matcher.find()) {
        String name = matcher.group(1);
        variables.put(name, valueFor(name));
      }
    }
    variables.put("verifiedTco2e", 100.0);
    variables.put("claimedTco2e", 100.0);
    return variables;
  }

  private static Object valueFor(String name) {
    if (name.endsWith("Due") || name.endsWith("Date") || name.endsWith("At")) {
      return Date.from(Instant.now().plus(30, ChronoUnit.DAYS));
    }
    if (name.endsWith("Duration") || name.endsWith("Cycle") || name.endsWith("Period")) {
      return "P30D";
    }
    if (name.equals("expert")) {
      return "expertgao";
    }
    return CASE_DEVELOPER;
  }

}
