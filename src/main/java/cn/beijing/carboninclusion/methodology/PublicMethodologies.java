package cn.beijing.carboninclusion.methodology;

import cn.beijing.carboninclusion.common.NotFoundException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the public sees of methodologies, shared by the public JSON API and the disclosure portal: the published
 * versions (in public comment, effective, under evaluation, revised, retired) with their text, formula and parameters;
 * never the proposer, expert opinions or reviewer identities.
 */
@Service
public class PublicMethodologies {
  /** The statuses the public sees. */
  public static final Set<MethodologyStatus> PUBLIC = EnumSet.of(MethodologyStatus.PUBLIC_COMMENT,
      MethodologyStatus.EFFECTIVE, MethodologyStatus.UNDER_EVALUATION, MethodologyStatus.REVISED,
      MethodologyStatus.RETIRED);

  private final MethodologyProposals proposals;
  private final MethodologyComments comments;

  PublicMethodologies(MethodologyProposals proposals, MethodologyComments comments) {
    this.proposals = proposals;
    this.comments = comments;
  }

  /** One version of a methodology as the API shows it (the public list and detail show only published versions). */
  public record MethodologyView(Long id, String code, int version, String name, String field, int level,
      MethodologyStatus status, String statusLabel, String statusReason, LocalDate effectiveFrom,
      LocalDate effectiveTo, String applicability, String baselineScenario, String projectScenario,
      String monitoringRequirements, String formula, String parameters, boolean exampleValues, Long previousVersionId,
      long commentCount, String existingProjects, LocalDate issuanceStopsOn) {

    /** The bureau's evaluation decision on the projects registered under this version, in words; empty when none. */
    public String existingProjectsText() {
      if (existingProjects == null) {
        return "";
      }
      return "CLASS_TWO".equals(existingProjects) ? "转为二类项目，自 " + issuanceStopsOn + " 起不再签发减排量"
          : "在当前计入期内继续适用";
    }
  }

  /** Search criteria of the public list; every one optional ({@code text} matches code, name or field). */
  public record Criteria(Integer level, MethodologyStatus status, String text) {
    public static final Criteria ALL = new Criteria(null, null, null);
  }

  /** Published versions matching the criteria, by code, newest version first. */
  @Transactional(readOnly = true)
  public List<MethodologyView> find(Criteria criteria) {
    String text = criteria.text() == null || criteria.text().isBlank() ? null
        : criteria.text().trim().toLowerCase(Locale.ROOT);
    return proposals.all().stream().filter(m -> PUBLIC.contains(m.getStatus()))
        .filter(m -> criteria.level() == null || m.getLevel() == criteria.level())
        .filter(m -> criteria.status() == null || m.getStatus() == criteria.status())
        .filter(m -> text == null || (m.getCode() + " " + m.getName() + " " + m.getField())
            .toLowerCase(Locale.ROOT).contains(text))
        .sorted(Comparator.comparing(Methodology::getCode).thenComparing(Methodology::getVersion,
            Comparator.reverseOrder()))
        .map(this::view).toList();
  }

  /** A published version, or not found. */
  @Transactional(readOnly = true)
  public MethodologyView get(Long id) {
    Methodology methodology = proposals.get(id);
    if (!PUBLIC.contains(methodology.getStatus())) {
      throw new NotFoundException("methodology", id);
    }
    return view(methodology);
  }

  /** Every published version of a methodology code, newest first: its history (relevels, revisions, retirement). */
  @Transactional(readOnly = true)
  public List<MethodologyView> history(String code) {
    return proposals.versionsOf(code).stream().filter(m -> PUBLIC.contains(m.getStatus())).map(this::view).toList();
  }

  /** The view of any version (the authenticated API lists drafts too). */
  MethodologyView view(Methodology m) {
    return new MethodologyView(m.getId(), m.getCode(), m.getVersion(), m.getName(), m.getField(), m.getLevel(),
        m.getStatus(), m.getStatus().label(), m.getStatusReason(), m.getEffectiveFrom(), m.getEffectiveTo(),
        m.getApplicability(), m.getBaselineScenario(), m.getProjectScenario(), m.getMonitoringRequirements(),
        m.getFormula(), m.getParameters(), m.isExampleValues(), m.getPreviousVersionId(),
        comments.countByMethodologyId(m.getId()), m.getExistingProjects(), m.getIssuanceStopsOn());
  }
}
