package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.common.ProcessVariables;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectStatus;
import cn.beijing.carboninclusion.project.Projects;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 统计应用情况 (a step of the methodology's dynamic evaluation): how the methodology is used — projects by status and
 * reductions registered — for the assessment. It lives here, where projects and their reductions are known: a
 * methodology knows nothing of the projects that apply it.
 */
@Component("methodologyUsageCollection")
class MethodologyUsageCollection implements JavaDelegate {
  private final Projects projects;
  private final ReductionApplications reductions;

  MethodologyUsageCollection(Projects projects, ReductionApplications reductions) {
    this.projects = projects;
    this.reductions = reductions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long methodologyId = ProcessVariables.id(execution, "methodologyId");
    List<Project> using = projects.findByMethodologyId(methodologyId);
    Map<ProjectStatus, Long> byStatus = new EnumMap<>(ProjectStatus.class);
    using.forEach(p -> byStatus.merge(p.getStatus(), 1L, Long::sum));
    BigDecimal registered = BigDecimal.ZERO;
    for (Project project : using) {
      for (ReductionApplication application : reductions.findByProjectIdOrderByPeriodStartAsc(project.getId())) {
        if (application.getStatus() == ReductionStatus.REGISTERED && application.getVerifiedTco2e() != null) {
          registered = registered.add(application.getVerifiedTco2e());
        }
      }
    }
    String statuses = byStatus.isEmpty() ? "无" : byStatus.entrySet().stream()
        .map(e -> e.getKey().label() + " " + e.getValue() + " 个").collect(Collectors.joining("，"));
    execution.setVariable("usageSummary", "采用本方法学的项目共 " + using.size() + " 个（" + statuses
        + "）；已登记减排量 " + registered.stripTrailingZeros().toPlainString() + " tCO2e。");
  }
}
