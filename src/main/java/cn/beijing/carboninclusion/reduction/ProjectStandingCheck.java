package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckResult;
import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.developer.DeveloperOrganisations;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectChange;
import cn.beijing.carboninclusion.project.ProjectStatus;
import cn.beijing.carboninclusion.project.ProjectVersion;
import cn.beijing.carboninclusion.project.ProjectVersions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Only a registered Class I project has reductions registered: a cancelled or unregistered one is refused; a
 * suspended one makes the application wait after the checks ({@code projectSuspended}), and so does a pending major
 * change of the project effective on or before the end of the monitoring period ({@code changePending}, see
 * docs/processes/project-change.md). Also records which versions of the project's registered data govern the
 * monitoring period, with their revenue return ratios.
 */
@Component("projectStandingCheck")
class ProjectStandingCheck extends ReductionCheckDelegate {
  private final ReductionRules rules;
  private final ProjectVersions versions;
  private final DeveloperOrganisations developers;
  private final SchemeRuleBook schemeRules;
  private final CaseChecks checks;

  ProjectStandingCheck(ReductionLifecycle lifecycle, CaseChecks checks, ReductionRules rules,
      ProjectVersions versions, DeveloperOrganisations developers, SchemeRuleBook schemeRules) {
    super(lifecycle, checks);
    this.rules = rules;
    this.versions = versions;
    this.developers = developers;
    this.schemeRules = schemeRules;
    this.checks = checks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ReductionApplication application = lifecycle.get(ReductionVariables.applicationId(execution));
    Project project = lifecycle.projectOf(application);
    execution.setVariable(ReductionVariables.PROJECT_SUSPENDED, ReductionRules.waits(project.getStatus()));
    execution.setVariable(ReductionVariables.CHANGE_PENDING, changePending(application));
    if (project.getStatus() == ProjectStatus.REGISTERED || project.getStatus() == ProjectStatus.SUSPENDED) {
      List<ProjectVersion> inForce = versions.inForceDuring(project.getId(), application.getPeriodStart(),
          application.getPeriodEnd());
      Map<Long, String> names = developers.findAllById(inForce.stream().map(ProjectVersion::getDeveloperId)
          .distinct().toList()).stream().collect(Collectors.toMap(DeveloperOrganisation::getId,
              DeveloperOrganisation::getName, (a, b) -> a));
      checks.record(ReductionLifecycle.CASE_TYPE, application.getId(),
          ReductionRules.versionsInForce(inForce, schemeRules.share(SchemeRule.REVENUE_RETURN_MIN), names));
    }
    super.execute(execution);
  }

  /** Whether the application waits for the decision of the project's pending major change (rule 3). */
  boolean changePending(ReductionApplication application) {
    Optional<ProjectChange> pending = versions.pendingMajorChange(application.getProjectId());
    return pending.map(c -> ReductionRules.waitsForChange(c.getEffectiveFrom(), application.getPeriodEnd()))
        .orElse(false);
  }

  @Override
  CheckResult check(ReductionApplication application) {
    return rules.standing(lifecycle.projectOf(application));
  }

}
