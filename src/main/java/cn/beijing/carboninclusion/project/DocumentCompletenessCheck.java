package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckResult;
import org.springframework.stereotype.Component;

/** Rejects an application without its design document, implementation plan, commitment or revenue plan. */
@Component("documentCompletenessCheck")
class DocumentCompletenessCheck extends ProjectCheckDelegate {
  private final ProjectDocuments documents;
  private final ProjectRules rules;

  DocumentCompletenessCheck(ProjectLifecycle lifecycle, CaseChecks checks, ProjectDocuments documents,
      ProjectRules rules) {
    super(lifecycle, checks);
    this.documents = documents;
    this.rules = rules;
  }

  @Override
  CheckResult check(Project project) {
    return rules.documents(project, documents.infoOf(project.getId()));
  }
}
