package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckResult;
import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;

/**
 * 项目地点重复: the application's site compared with every Beijing project, cancelled ones included — the same
 * district and normalised address ({@link SiteAddress}), or, when both give coordinates, sites within the scheme
 * rule {@code siteMatchMetres}. A different identifier does not make another site: a cancelled project's site cannot
 * come back under a new one.
 */
@Component("duplicateSiteCheck")
class DuplicateSiteCheck extends ProjectCheckDelegate {
  private static final int LIMIT = 50;
  private final Projects projects;
  private final ProjectRules rules;
  private final SchemeRuleBook schemeRules;

  DuplicateSiteCheck(ProjectLifecycle lifecycle, CaseChecks checks, Projects projects, ProjectRules rules,
      SchemeRuleBook schemeRules) {
    super(lifecycle, checks);
    this.projects = projects;
    this.rules = rules;
    this.schemeRules = schemeRules;
  }

  @Override
  CheckResult check(Project project) {
    int metres = schemeRules.count(SchemeRule.SITE_MATCH_METRES);
    Map<Long, ProjectRules.SiteMatch> matches = new LinkedHashMap<>();
    if (project.getSiteKey() != null) {
      for (Project other : projects.findFirst50BySiteKeyAndIdNotOrderByIdDesc(project.getSiteKey(), project.getId())) {
        matches.put(other.getId(), new ProjectRules.SiteMatch(other, "地点相同（区与规范化地址均为「"
            + project.getSiteKey().replace("|", " ") + "」）", sameMethodology(project, other)));
      }
    }
    if (project.getLatitude() != null && project.getLongitude() != null) {
      double lat = project.getLatitude().doubleValue();
      double dLat = SiteAddress.latitudeDegrees(metres);
      double dLon = SiteAddress.longitudeDegrees(metres, lat);
      double lon = project.getLongitude().doubleValue();
      for (Project other : projects.findOthersWithin(project.getId(), BigDecimal.valueOf(lat - dLat),
          BigDecimal.valueOf(lat + dLat), BigDecimal.valueOf(lon - dLon), BigDecimal.valueOf(lon + dLon),
          PageRequest.of(0, LIMIT))) {
        double distance = SiteAddress.metresBetween(project.getLatitude(), project.getLongitude(),
            other.getLatitude(), other.getLongitude());
        if (distance <= metres) {
          String how = "坐标相距约 " + Math.round(distance) + " 米（规则 siteMatchMetres：" + metres + " 米以内视为同一地点）";
          ProjectRules.SiteMatch earlier = matches.get(other.getId());
          matches.put(other.getId(), new ProjectRules.SiteMatch(other, earlier == null ? how
              : earlier.how() + "，且" + how, sameMethodology(project, other)));
        }
      }
    }
    return rules.duplicateSites(project, matches.values(), metres);
  }

  private static boolean sameMethodology(Project project, Project other) {
    return Objects.equals(project.getMethodologyId(), other.getMethodologyId());
  }
}
