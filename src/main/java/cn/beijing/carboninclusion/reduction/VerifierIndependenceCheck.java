package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckResult;
import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.project.Project;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * 核查机构独立性: the verifier the developer engaged is a recorded verifier, not barred, has no declared relationship
 * with the developer, is not the project's auditor, and has not verified the project's last
 * {@code verifierConsecutiveLimit} claims in a row (scheme-rules.dmn, in force when the claim is submitted). A hard
 * check: a verifier that is not independent rejects the claim, with the reasons.
 */
@Component("verifierIndependenceCheck")
class VerifierIndependenceCheck extends ReductionCheckDelegate {
  static final String NAME = "核查核查机构独立性";

  private final Verifiers verifiers;
  private final ReductionApplications applications;
  private final SchemeRuleBook rules;

  VerifierIndependenceCheck(ReductionLifecycle lifecycle, CaseChecks checks, Verifiers verifiers,
      ReductionApplications applications, SchemeRuleBook rules) {
    super(lifecycle, checks);
    this.verifiers = verifiers;
    this.applications = applications;
    this.rules = rules;
  }

  @Override
  CheckResult check(ReductionApplication application) {
    Long agencyId = application.getVerifierAgencyId();
    if (agencyId == null) {
      return CheckResult.failed(NAME, "Error_VerifierNotIndependent", "未委托核查机构");
    }
    Verifiers.Agency agency = verifiers.agency(agencyId).orElse(null);
    if (agency == null || !agency.verifier()) {
      return CheckResult.failed(NAME, "Error_VerifierNotIndependent", "委托的机构不是已登记的核查机构");
    }
    Project project = lifecycle.projectOf(application);
    List<String> problems = new ArrayList<>();
    if (agency.barred()) {
      problems.add(agency.name() + "处于禁入期");
    }
    problems.addAll(verifiers.conflicts(agencyId, project.getDeveloperId(), project.getId()));
    int limit = rules.current().count(SchemeRule.VERIFIER_CONSECUTIVE_LIMIT);
    int inARow = inARow(application, agencyId);
    if (inARow >= limit) {
      problems.add(agency.name() + "已连续核查本项目 " + inARow + " 期，规则允许连续核查不超过 " + limit + " 期");
    }
    if (!problems.isEmpty()) {
      return CheckResult.failed(NAME, "Error_VerifierNotIndependent", String.join("；", problems));
    }
    return CheckResult.passed(NAME, agency.name() + "独立于项目开发方与本项目的审计机构，连续核查本项目 "
        + inARow + " 期（上限 " + limit + " 期）");
  }

  /** How many of the project's claims right before this one (by monitoring period) this agency verified in a row. */
  private int inARow(ReductionApplication application, Long agencyId) {
    List<ReductionApplication> earlier = applications.findByProjectIdOrderByPeriodStartAsc(application.getProjectId())
        .stream()
        .filter(a -> !a.getId().equals(application.getId()) && a.getStatus() == ReductionStatus.REGISTERED
            && a.getPeriodStart().isBefore(application.getPeriodStart()))
        .toList();
    int count = 0;
    for (int i = earlier.size() - 1; i >= 0 && agencyId.equals(earlier.get(i).getVerifierAgencyId()); i--) {
      count++;
    }
    return count;
  }
}
