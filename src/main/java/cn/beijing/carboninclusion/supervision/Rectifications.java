package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.ProcessStarts;
import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.EngineAsPlatform;
import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.common.SchemeRuleSet;
import cn.beijing.carboninclusion.identity.CurrentUser;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectApplications;
import cn.beijing.carboninclusion.project.ProjectClass;
import cn.beijing.carboninclusion.project.ProjectStatus;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The bureau suspends a Class I project and orders rectification; the developer files its rectification report. */
@Service
public class Rectifications {
  static final String PROCESS = "Rectification";
  static final String REPORT_TASK = "Task_SubmitRectificationReport";

  private final ProjectApplications projects;
  private final SupervisedProjects supervised;
  private final CurrentUser currentUser;
  private final SchemeRuleBook rules;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final EngineAsPlatform engine;
  private final ProcessStarts processStarts;

  public Rectifications(ProjectApplications projects, SupervisedProjects supervised, CurrentUser currentUser, SchemeRuleBook rules,
      RuntimeService runtimeService,
      TaskService taskService, EngineAsPlatform engine, ProcessStarts processStarts) {
    this.processStarts = processStarts;
    this.projects = projects;
    this.supervised = supervised;
    this.currentUser = currentUser;
    this.rules = rules;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.engine = engine;
  }

  /** 责令暂停并整改 (bureau): suspends a REGISTERED Class I project and starts its rectification. */
  @Transactional
  public Project suspend(Long projectId, FindingKind kind, String finding) {
    Project project = projects.visible(projectId);
    if (!suspendable(project)) {
      throw new ConflictException("仅已登记的一类项目可暂停 (only registered Class I projects)");
    }
    if (running(projectId)) {
      throw new ConflictException("该项目正在整改中 (rectification already running)");
    }
    start(project, kind, finding, currentUser.id());
    return project;
  }

  /**
   * Orders rectification on a finding of the platform's own checks (an overdue or failed audit report), inside the
   * caller's process step. Returns false, and starts nothing, when the project is not a registered Class I project
   * or is already being rectified: the finding then stays on the case for the running rectification.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  boolean orderOnFinding(Project project, FindingKind kind, String finding) {
    if (!suspendable(project) || running(project.getId())) {
      return false;
    }
    start(project, kind, finding, AuditTrail.SYSTEM);
    return true;
  }

  private static boolean suspendable(Project project) {
    return project.getProjectClass() == ProjectClass.CLASS_I && project.getStatus() == ProjectStatus.REGISTERED;
  }

  private boolean running(Long projectId) {
    return engine.call(() -> runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS)
        .processInstanceBusinessKey(String.valueOf(projectId)).count()) > 0;
  }

  private void start(Project project, FindingKind kind, String finding, String orderedBy) {
    Map<String, Object> variables = supervised.caseVariables(project);
    variables.put("findingKind", kind.label());
    variables.put("finding", finding);
    variables.put("orderedBy", orderedBy);
    SchemeRuleSet current = rules.current();
    variables.put("rectificationDue", current.duration(SchemeRule.RECTIFICATION_WORKING_DAYS));
    variables.put("verifyDue", current.duration(SchemeRule.RECTIFICATION_VERIFY_WORKING_DAYS));
    variables.put("decisionDue", current.duration(SchemeRule.RECTIFICATION_DECISION_WORKING_DAYS));
    variables.put("rectificationRound", 1);
    variables.put("maxRectificationRounds", current.count(SchemeRule.MAX_RECTIFICATION_ROUNDS));
    engine.run(() -> runtimeService.startProcessInstanceById(processStarts.latestActive(PROCESS), String.valueOf(project.getId()), variables));
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
