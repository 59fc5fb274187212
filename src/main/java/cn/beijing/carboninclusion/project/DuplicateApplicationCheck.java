package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckResult;
import cn.beijing.carboninclusion.methodology.Methodologies;
import cn.beijing.carboninclusion.methodology.Methodology;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** 重复申报: the same site, asset or activity may not be registered twice, nor credited in another scheme. */
@Component("duplicateApplicationCheck")
class DuplicateApplicationCheck extends ProjectCheckDelegate {
  private final Projects projects;
  private final Methodologies methodologies;
  private final ProjectRules rules;

  DuplicateApplicationCheck(ProjectLifecycle lifecycle, CaseChecks checks, Projects projects,
      Methodologies methodologies, ProjectRules rules) {
    super(lifecycle, checks);
    this.projects = projects;
    this.methodologies = methodologies;
    this.rules = rules;
  }

  @Override
  CheckResult check(Project project) {
    String code = methodologyCode(project.getMethodologyId());
    List<ProjectRules.Match> matches = new ArrayList<>();
    for (ProjectIdentifier id : project.getIdentifiers()) {
      for (Project other : projects.findOthersDeclaring(project.getId(), id.getScheme(), id.getIdentifier())) {
        matches.add(new ProjectRules.Match(other.getId(), other.getName(), other.getStatus(), id.getScheme(),
            id.getIdentifier(), Objects.equals(code, methodologyCode(other.getMethodologyId()))));
      }
    }
    return rules.duplicates(project, matches);
  }

  private String methodologyCode(Long methodologyId) {
    return methodologies.findById(methodologyId).map(Methodology::getCode).orElse(null);
  }
}
