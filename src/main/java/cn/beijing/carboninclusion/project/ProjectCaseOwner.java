package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.decision.CaseOwner;
import cn.beijing.carboninclusion.decision.CaseRef;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** A project case belongs to the project's developer of today (after a transfer, the new one). */
@Component
class ProjectCaseOwner implements CaseOwner {
  private final Projects projects;

  ProjectCaseOwner(Projects projects) {
    this.projects = projects;
  }

  @Override
  public String caseType() {
    return CaseRef.PROJECT;
  }

  @Override
  public Optional<Long> developerOf(long caseId) {
    return projects.findById(caseId).map(Project::getDeveloperId);
  }
}
