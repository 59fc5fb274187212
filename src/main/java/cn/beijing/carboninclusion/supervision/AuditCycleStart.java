package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.ProcessStarts;
import cn.beijing.carboninclusion.common.ProcessVariables;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectLifecycle;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 启动年度审计 (end of a registration): the registered project's {@code AuditReport} cycle starts, business key = the
 * project id. It runs in the registration's transaction, so a project is never registered without its audit cycle.
 */
@Component("auditCycleStart")
class AuditCycleStart implements JavaDelegate {
  static final String PROCESS = "AuditReport";

  private final ProjectLifecycle projects;
  private final SupervisedProjects supervised;
  private final ProcessStarts processStarts;

  AuditCycleStart(ProjectLifecycle projects, SupervisedProjects supervised, ProcessStarts processStarts) {
    this.processStarts = processStarts;
    this.projects = projects;
    this.supervised = supervised;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Project project = projects.get(ProcessVariables.id(execution, "projectId"));
    Map<String, Object> variables = supervised.caseVariables(project);
    execution.getProcessEngineServices().getRuntimeService()
        .startProcessInstanceById(processStarts.latestActive(PROCESS), String.valueOf(project.getId()), variables);
  }
}
