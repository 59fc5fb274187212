package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.identity.CaseScopeCheck;
import org.springframework.stereotype.Component;

/** Who may see a project: the authorities every one, a developer its own (see {@link ProjectApplications#visible}). */
@Component
public class ProjectScope implements CaseScopeCheck {
  public static final String KIND = "project";

  private final ProjectApplications applications;

  ProjectScope(ProjectApplications applications) {
    this.applications = applications;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public void requireVisible(long id) {
    applications.visible(id);
  }
}
