package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.registry.ProjectHolders;
import org.springframework.stereotype.Component;

/** The registry's question "who held this project", answered from the project's versions. */
@Component
class ProjectVersionHolders implements ProjectHolders {
  private final ProjectVersions versions;

  ProjectVersionHolders(ProjectVersions versions) {
    this.versions = versions;
  }

  @Override
  public boolean heldBy(Long projectId, Long developerId) {
    return versions.heldBy(projectId, developerId);
  }
}
