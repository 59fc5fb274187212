package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckResult;
import org.springframework.stereotype.Component;

/** Refuses an application from a developer that is barred (a bar in force, 禁入) or deregistered. */
@Component("developerStandingCheck")
class DeveloperStandingCheck extends ProjectCheckDelegate {
  private final ProjectLifecycle lifecycle;
  private final DeveloperStanding standing;

  DeveloperStandingCheck(ProjectLifecycle lifecycle, CaseChecks checks, DeveloperStanding standing) {
    super(lifecycle, checks);
    this.lifecycle = lifecycle;
    this.standing = standing;
  }

  @Override
  CheckResult check(Project project) {
    return standing.of(lifecycle.developerOf(project));
  }
}
