package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckDelegate;
import cn.beijing.carboninclusion.common.CheckResult;

/** A check of a project application (variable {@code projectId}). */
abstract class ProjectCheckDelegate extends CheckDelegate {
  private final ProjectLifecycle lifecycle;

  ProjectCheckDelegate(ProjectLifecycle lifecycle, CaseChecks checks) {
    super(checks, ProjectLifecycle.CASE_TYPE, ProjectVariables.PROJECT_ID);
    this.lifecycle = lifecycle;
  }

  @Override
  protected CheckResult check(Long projectId) {
    return check(lifecycle.get(projectId));
  }

  /** The one rule this delegate checks. */
  abstract CheckResult check(Project project);
}
