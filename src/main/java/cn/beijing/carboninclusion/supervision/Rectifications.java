package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.EngineAsPlatform;
import cn.beijing.carboninclusion.common.SchemeRules;
import cn.beijing.carboninclusion.developer.DeveloperMember;
import cn.beijing.carboninclusion.developer.DeveloperMembers;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.developer.DeveloperService;
import cn.beijing.carboninclusion.identity.CurrentUser;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectApplications;
import cn.beijing.carboninclusion.project.ProjectClass;
import cn.beijing.carboninclusion.project.ProjectStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The bureau suspends a Class I project and orders rectification; the developer files its rectification report. */
@Service
public class Rectifications {
  static final String PROCESS = "Rectification";
  static final String REPORT_TASK = "Task_SubmitRectificationReport";

  private final ProjectApplications projects;
  private final DeveloperService developers;
  private final DeveloperMembers members;
  private final CurrentUser currentUser;
  private final RectificationSettings settings;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final EngineAsPlatform engine;

  public Rectifications(ProjectApplications projects, DeveloperService developers, DeveloperMembers members,
      CurrentUser currentUser, RectificationSettings settings, RuntimeService runtimeService,
      TaskService taskService, EngineAsPlatform engine) {
    this.projects = projects;
    this.developers = developers;
    this.members = members;
    this.currentUser = currentUser;
    this.settings = settings;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.engine = engine;
  }

  /** 责令暂停并整改 (bureau): suspends a REGISTERED Class I project and starts its rectification. */
  @Transactional
  public Project suspend(Long projectId, FindingKind kind, String finding) {
    Project project = projects.visible(projectId);
    if (project.getProjectClass() != ProjectClass.CLASS_I || project.getStatus() != ProjectStatus.REGISTERED) {
      throw new ConflictException("仅已登记的一类项目可暂停 (only registered Class I projects)");
    }
    String key = String.valueOf(projectId);
    if (engine.call(() -> runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS)
        .processInstanceBusinessKey(key).count()) > 0) {
      throw new ConflictException("该项目正在整改中 (rectification already running)");
    }
    DeveloperOrganisation developer = developers.get(project.getDeveloperId());
    List<String> accounts = members.findByOrganisationId(developer.getId()).stream()
        .map(DeveloperMember::getUserId).toList();
    Map<String, Object> variables = new HashMap<>();
    variables.put("projectId", projectId);
    variables.put("developerId", developer.getId());
    variables.put("developerAccounts", accounts);
    variables.put("projectName", project.getName());
    variables.put("developerName", developer.getName());
    variables.put("registrationNo", project.getRegistrationNo());
    variables.put("findingKind", kind.label());
    variables.put("finding", finding);
    variables.put("orderedBy", currentUser.id());
    variables.put("rectificationDue", SchemeRules.workingDays(settings.rectificationWorkingDays()));
    variables.put("verifyDue", SchemeRules.workingDays(settings.verifyWorkingDays()));
    variables.put("decisionDue", SchemeRules.workingDays(settings.decisionWorkingDays()));
    variables.put("rectificationRound", 1);
    variables.put("maxRectificationRounds", settings.maxRounds());
    engine.run(() -> runtimeService.startProcessInstanceByKey(PROCESS, key, variables));
    return project;
  }

  /** The developer files its rectification report (the open task of the current round). */
  @Transactional
  public Project report(Long projectId, String report, String evidence) {
    Project project = projects.visible(projectId);
    String user = currentUser.id();
    Task task = engine.call(() -> taskService.createTaskQuery().processInstanceBusinessKey(String.valueOf(projectId))
        .processDefinitionKey(PROCESS).taskDefinitionKey(REPORT_TASK).taskCandidateUser(user).singleResult());
    if (task == null) {
      throw new ConflictException("该项目当前没有待提交的整改报告 (no rectification report due)");
    }
    engine.run(() -> taskService.complete(task.getId(), Map.of("rectificationReport", report,
        "evidence", evidence)));
    return project;
  }
}
