package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.decision.CaseOwner;
import cn.beijing.carboninclusion.decision.CaseRef;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.Projects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** A reduction application belongs to the developer of its project. */
@Component
class ReductionCaseOwner implements CaseOwner {
  private final ReductionApplications applications;
  private final Projects projects;

  ReductionCaseOwner(ReductionApplications applications, Projects projects) {
    this.applications = applications;
    this.projects = projects;
  }

  @Override
  public String caseType() {
    return CaseRef.REDUCTION;
  }

  @Override
  public Optional<Long> developerOf(long caseId) {
    return applications.findById(caseId).flatMap(application -> projects.findById(application.getProjectId()))
        .map(Project::getDeveloperId);
  }
}
