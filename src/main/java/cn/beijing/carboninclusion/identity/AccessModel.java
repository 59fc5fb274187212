package cn.beijing.carboninclusion.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The scheme's groups, their authorizations and their Tasklist filters, created on every start where missing
 * (production included; only demo users are demo). Each group sees and does only its own:
 * <ul>
 *   <li>bureau: Tasklist and Cockpit; reads every definition, instance and history (it supervises);
 *       works the tasks offered to {@code bureau}.</li>
 *   <li>techcenter, exchange: Tasklist; read definitions (diagrams, forms); work the tasks offered to them.</li>
 *   <li>developer: Tasklist for its own assigned tasks only. Developers start and move their cases through the
 *       platform API, which checks the case is theirs; they get no engine permission to start or change process
 *       instances, so {@code /engine-rest} cannot bypass those checks.</li>
 * </ul>
 * Task permissions themselves come from the engine: candidate groups and assignees are granted on each task.
 */
@Component
public class AccessModel {
  private static final Logger log = LoggerFactory.getLogger(AccessModel.class);
  private static final String ANY = "*";

  static final Map<String, String> GROUP_NAMES = Map.of(
      Groups.BUREAU, "北京市生态环境局",
      Groups.TECHCENTER, "北京市应对气候变化管理事务中心",
      Groups.EXCHANGE, "北京绿色交易所",
      Groups.DEVELOPER, "项目开发方",
      Groups.EXPERT, "方法学评审专家",
      Groups.SECURITY_ADMIN, "安全管理员",
      Groups.AUDIT_ADMIN, "审计管理员",
      Groups.VERIFIER, "核查机构",
      Groups.AUDITOR, "审计机构");

  /**
   * Filter name → (candidate group; or {@link #ASSIGNED_TO_ME} / {@link #OFFERED_TO_ME} for the current user's own
   * tasks; groups that may read it).
   */
  static final String ASSIGNED_TO_ME = null;
  static final String OFFERED_TO_ME = "${currentUser()}";
  static final List<FilterSpec> FILTERS = List.of(
      new FilterSpec("技术中心待办", "技术支撑单位的评估与核查任务", Groups.TECHCENTER, List.of(Groups.TECHCENTER), -10),
      new FilterSpec("生态环境局待办", "生态环境局的审批与决定任务", Groups.BUREAU, List.of(Groups.BUREAU), -10),
      new FilterSpec("交易所待办", "北京绿色交易所的接收与交易回报任务", Groups.EXCHANGE, List.of(Groups.EXCHANGE), -10),
      new FilterSpec("我的待办", "已分配给我本人的任务", ASSIGNED_TO_ME,
          List.of(Groups.BUREAU, Groups.TECHCENTER, Groups.EXCHANGE, Groups.DEVELOPER, Groups.EXPERT, Groups.VERIFIER,
              Groups.AUDITOR), -20),
      new FilterSpec("本单位待办", "交由本单位办理的任务：补正材料、整改报告、审计报告、核查等", OFFERED_TO_ME,
          List.of(Groups.DEVELOPER, Groups.VERIFIER, Groups.AUDITOR), -15));

  record FilterSpec(String name, String description, String candidateGroup, List<String> readers, int priority) {}

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final FilterService filterService;
  private final TaskService taskService;

  public AccessModel(IdentityService identityService, AuthorizationService authorizationService,
      FilterService filterService, TaskService taskService) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.filterService = filterService;
    this.taskService = taskService;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(0)
  public void ensure() {
    if (identityService.isReadOnly()) {
      requireDirectoryGroups();
    } else {
      GROUP_NAMES.forEach(this::ensureGroup);
    }

    for (String group : List.of(Groups.BUREAU, Groups.TECHCENTER, Groups.EXCHANGE, Groups.DEVELOPER, Groups.EXPERT,
        Groups.VERIFIER, Groups.AUDITOR)) {
      grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      grant(group, Resources.APPLICATION, "welcome", Permissions.ACCESS);
    }
    grant(Groups.BUREAU, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(Groups.BUREAU, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_INSTANCE);
    grant(Groups.BUREAU, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
    grant(Groups.BUREAU, Resources.DECISION_DEFINITION, ANY, Permissions.READ);
    grant(Groups.BUREAU, Resources.DEPLOYMENT, ANY, Permissions.READ);
    grant(Groups.TECHCENTER, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ);
    grant(Groups.EXCHANGE, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ);
    grant(Groups.EXPERT, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ);
    // 三员分立: the security administrator keeps accounts, groups and authorizations (Admin), nothing of the cases,
    // models or rules; the audit administrator reads the security audit through the platform API only
    grant(Groups.SECURITY_ADMIN, Resources.APPLICATION, "admin", Permissions.ACCESS);
    grant(Groups.SECURITY_ADMIN, Resources.APPLICATION, "welcome", Permissions.ACCESS);
    for (Resource resource : List.of(Resources.USER, Resources.GROUP, Resources.GROUP_MEMBERSHIP,
        Resources.AUTHORIZATION)) {
      grant(Groups.SECURITY_ADMIN, resource, ANY, Permissions.ALL);
    }
    FILTERS.forEach(this::ensureFilter);
  }

  /**
   * A directory (profile ldap) owns the groups, so the platform cannot create them: every group of the platform must
   * be a directory group carrying its id, or the start stops naming those missing. (Camunda's LDAP provider fails a
   * query for the members of a group it does not find, and the platform asks for members of each group — expert
   * panels, escalations, spot checks —, so a missing group would fail later, in the middle of a case.)
   */
  private void requireDirectoryGroups() {
    Map<String, String> required = new java.util.TreeMap<>(GROUP_NAMES);
    required.put(Groups.ADMIN, "系统管理员");
    List<String> missing = required.entrySet().stream()
        .filter(group -> identityService.createGroupQuery().groupId(group.getKey()).count() == 0)
        .map(group -> group.getKey() + "（" + group.getValue() + "）").sorted().toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("目录中缺少平台用户组 (the directory has no group carrying these platform ids "
          + "in the configured group-id-attribute; docs/operations.md, \"目录身份\"): " + String.join("、", missing));
    }
    log.info("platform groups found in the directory: {}", required.keySet());
  }

  private void ensureGroup(String id, String name) {
    if (identityService.createGroupQuery().groupId(id).count() == 0) {
      Group group = identityService.newGroup(id);
      group.setName(name);
      group.setType("WORKFLOW");
      identityService.saveGroup(group);
      log.info("created group {} ({})", id, name);
    }
  }

  private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
    Authorization existing = authorizationService.createAuthorizationQuery().groupIdIn(group)
        .resourceType(resource).resourceId(resourceId).singleResult();
    Authorization authorization = existing != null ? existing : authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
    if (existing == null) {
      authorization.setGroupId(group);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    boolean changed = existing == null;
    for (Permission permission : permissions) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizationService.saveAuthorization(authorization);
    }
  }

  private void ensureFilter(FilterSpec spec) {
    Filter filter = filterService.createFilterQuery().filterName(spec.name()).singleResult();
    if (filter == null) {
      TaskQuery query = taskService.createTaskQuery();
      if (OFFERED_TO_ME.equals(spec.candidateGroup())) {
        query.taskCandidateUserExpression(OFFERED_TO_ME).includeAssignedTasks();
      } else if (spec.candidateGroup() != null) {
        query.taskCandidateGroup(spec.candidateGroup()).includeAssignedTasks();
      } else {
        query.taskAssigneeExpression("${currentUser()}");
      }
      query.orderByDueDate().asc();
      filter = filterService.newTaskFilter(spec.name()).setOwner("admin").setQuery(query)
          .setProperties(Map.of(
              "description", spec.description(),
              "priority", spec.priority(),
              "refresh", true,
              "variables", List.of(
                  Map.of("name", "projectName", "label", "项目名称"),
                  Map.of("name", "developerName", "label", "项目开发方"),
                  Map.of("name", "methodologyName", "label", "方法学名称"))));
      filterService.saveFilter(filter);
      log.info("created Tasklist filter {}", spec.name());
    }
    for (String reader : spec.readers()) {
      grant(reader, Resources.FILTER, filter.getId(), Permissions.READ);
    }
  }
}
