package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckResult;
import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.project.external.ExternalRegistrations;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * 其他减排机制登记: the application compared with the registrations the technical center imported from other schemes
 * (CCER, other provinces' 碳普惠, Verra, Gold Standard): a declared identifier of that scheme, the same district and
 * normalised address, or coordinates within {@code siteMatchMetres}. A match fails the application, naming the
 * registration and how it matched — whatever the developer declared about crediting elsewhere.
 */
@Component("externalRegistrationCheck")
class ExternalRegistrationCheck extends ProjectCheckDelegate {
  private final ExternalRegistrations registrations;
  private final ProjectRules rules;
  private final SchemeRuleBook schemeRules;

  ExternalRegistrationCheck(ProjectLifecycle lifecycle, CaseChecks checks, ExternalRegistrations registrations,
      ProjectRules rules, SchemeRuleBook schemeRules) {
    super(lifecycle, checks);
    this.registrations = registrations;
    this.rules = rules;
    this.schemeRules = schemeRules;
  }

  @Override
  CheckResult check(Project project) {
    int metres = schemeRules.count(SchemeRule.SITE_MATCH_METRES);
    var matches = registrations.matches(project.getIdentifiers().stream()
            .map(i -> Map.entry(i.getScheme(), i.getIdentifier())).toList(),
        project.getDistrict(), project.getAddress(), project.getLatitude(), project.getLongitude(), metres);
    long[] extent = registrations.extent();
    return rules.externalRegistrations(matches, extent[0], extent[1]);
  }
}
