package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.common.PublicCounts;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.developer.DeveloperOrganisations;
import cn.beijing.carboninclusion.disclosure.DisclosureEntry;
import cn.beijing.carboninclusion.disclosure.DisclosureFeed;
import cn.beijing.carboninclusion.disclosure.PublishedItem;
import cn.beijing.carboninclusion.methodology.Methodologies;
import cn.beijing.carboninclusion.methodology.Methodology;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import jakarta.persistence.criteria.Predicate;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the public sees of projects (信息公开), shared by the public JSON API and the disclosure portal: only published
 * states; developer by name only (no contact), no participant data, objector identities or reviewer identities.
 */
@Service
public class PublicProjects {
  /** The statuses the public sees. */
  public static final Set<ProjectStatus> PUBLIC = EnumSet.of(ProjectStatus.IN_PUBLICITY, ProjectStatus.REGISTERED,
      ProjectStatus.SUSPENDED, ProjectStatus.CANCELLED, ProjectStatus.DISCLOSED);

  private final Projects projects;
  private final DeveloperOrganisations developers;
  private final Methodologies methodologies;
  private final Objections objections;
  private final DisclosureFeed feed;
  private final WorkingDayCalendar calendar;
  private final ProjectVersions versions;
  private final Clock clock;
  private final PublicCounts counts;

  PublicProjects(Projects projects, DeveloperOrganisations developers, Methodologies methodologies,
      Objections objections, DisclosureFeed feed, WorkingDayCalendar calendar, ProjectVersions versions,
      Clock clock, PublicCounts counts) {
    this.counts = counts;
    this.versions = versions;
    this.projects = projects;
    this.developers = developers;
    this.methodologies = methodologies;
    this.objections = objections;
    this.feed = feed;
    this.calendar = calendar;
    this.clock = clock;
  }

  public record PublicProject(Long id, String name, ProjectClass projectClass, String projectClassLabel,
      ProjectStatus status, String statusLabel, String registrationNo, String developerName, String methodology,
      String district, LocalDate publicityStart, LocalDate publicityEnd, Integer publicityWorkingDaysLeft,
      long objectionCount) {}

  public record PublicObjection(Long id, Instant filedAt, Objection.Status status, String response) {}

  /** The registered data in force today; no contact data (personal data is not published). */
  public record PublicVersion(int versionNo, LocalDate effectiveFrom, String developerName, String developerCreditCode,
      String address, BigDecimal revenueReturnRatio, String revenuePlan, String participantScope,
      String monitoringPlan) {}

  /** One change request of the project as the public sees it: what kind, its outcome and the version it created. */
  public record PublicChange(Long id, ChangeKind kind, String kindLabel, ProjectChange.ChangeClass changeClass,
      ProjectChangeStatus status, String statusLabel, Instant filedAt, LocalDate effectiveFrom, Instant decidedAt,
      Integer versionNo) {}

  public record PublicProjectDetail(PublicProject project, List<PublicObjection> objections,
      List<PublishedItem> published, PublicVersion currentVersion, List<PublicChange> changeLog) {}

  /**
   * Search criteria of the public project list; every one optional. {@code text} matches name, registration number
   * or developer name (case-insensitive).
   */
  public record Criteria(ProjectStatus status, ProjectClass projectClass, String district, String text) {
    public static final Criteria ALL = new Criteria(null, null, null, null);
  }

  /**
   * How many public projects each district has in each public status (the portal's chart 各区项目): district →
   * status → count, districts in name order.
   */
  @Transactional(readOnly = true)
  public Map<String, Map<ProjectStatus, Long>> countsByDistrictAndStatus() {
    Map<String, Map<ProjectStatus, Long>> counts = new TreeMap<>();
    for (Object[] row : projects.countByDistrictAndStatus(PUBLIC)) {
      counts.computeIfAbsent((String) row[0], d -> new EnumMap<>(ProjectStatus.class))
          .put((ProjectStatus) row[1], ((Number) row[2]).longValue());
    }
    return counts;
  }

  /**
   * One page of the published projects matching the criteria, newest first, with the total count. The database
   * filters, counts and pages; the page's developers, methodologies and objection counts are read in one query each.
   */
  @Transactional(readOnly = true)
  public Page<PublicProject> find(Criteria criteria, Pageable pageable) {
    Set<ProjectStatus> statuses = criteria.status() == null ? EnumSet.copyOf(PUBLIC) : EnumSet.of(criteria.status());
    statuses.retainAll(PUBLIC);
    if (statuses.isEmpty()) {
      return Page.empty(pageable);
    }
    String text = blankToNull(criteria.text());
    String district = blankToNull(criteria.district());
    Specification<Project> spec = (root, query, cb) -> {
      List<Predicate> where = new ArrayList<>();
      where.add(root.get("status").in(statuses));
      if (criteria.projectClass() != null) {
        where.add(cb.equal(root.get("projectClass"), criteria.projectClass()));
      }
      if (district != null) {
        where.add(cb.equal(root.get("district"), district));
      }
      if (text != null) {
        String pattern = "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
            .replace("_", "\\_") + "%";
        List<Predicate> any = new ArrayList<>(List.of(cb.like(cb.lower(root.get("name")), pattern, '\\'),
            cb.like(cb.lower(root.get("registrationNo")), pattern, '\\')));
        List<Long> developerIds = developers.findAll().stream().filter(d -> contains(d.getName(), text))
            .map(DeveloperOrganisation::getId).toList();
        if (!developerIds.isEmpty()) {
          any.add(root.get("developerId").in(developerIds));
        }
        where.add(cb.or(any.toArray(Predicate[]::new)));
      }
      return cb.and(where.toArray(Predicate[]::new));
    };
    // a slice: the count is asked once per public-cache period, not for every page
    List<Project> rows = projects.findBy(spec, q -> q.slice(PageRequest.of(pageable.getPageNumber(),
        pageable.getPageSize(), Sort.by(Sort.Direction.DESC, "id")))).getContent();
    Page<Project> found = new PageImpl<>(rows, pageable, counts.count("projects:" + statuses + ":"
        + criteria.projectClass() + ":" + district + ":" + text, () -> projects.count(spec)));
    Map<Long, String> developerNames = developers.findAllById(rows.stream().map(Project::getDeveloperId)
        .collect(Collectors.toSet())).stream()
        .collect(Collectors.toMap(DeveloperOrganisation::getId, DeveloperOrganisation::getName));
    Map<Long, Methodology> methodologyById = methodologies.findAllById(rows.stream().map(Project::getMethodologyId)
        .collect(Collectors.toSet())).stream().collect(Collectors.toMap(Methodology::getId, Function.identity()));
    Map<Long, Long> objectionCounts = new HashMap<>();
    if (!rows.isEmpty()) {
      for (Object[] row : objections.countByProjectIds(rows.stream().map(Project::getId).toList())) {
        objectionCounts.put((Long) row[0], ((Number) row[1]).longValue());
      }
    }
    LocalDate today = today();
    return found.map(p -> view(p, developerNames.get(p.getDeveloperId()), methodologyById.get(p.getMethodologyId()),
        objectionCounts.getOrDefault(p.getId(), 0L), today));
  }

  /** How many published projects are in each public status (every public status has an entry, zero or more). */
  @Transactional(readOnly = true)
  public Map<ProjectStatus, Long> countByStatus() {
    Map<ProjectStatus, Long> counts = new EnumMap<>(ProjectStatus.class);
    PUBLIC.forEach(s -> counts.put(s, 0L));
    for (Object[] row : projects.countByStatus(PUBLIC)) {
      counts.put((ProjectStatus) row[0], ((Number) row[1]).longValue());
    }
    return counts;
  }

  /** The districts of published projects, for filters. */
  @Transactional(readOnly = true)
  public List<String> districts() {
    return counts.value("districts", () -> List.copyOf(projects.districtsOf(PUBLIC)));
  }

  /**
   * A project's public record: visible when in a published state or when anything was ever published about it (a
   * rejected or withdrawn application after publicity); otherwise not found.
   */
  @Transactional(readOnly = true)
  public PublicProjectDetail get(Long id) {
    List<DisclosureEntry> published = feed.about(ProjectLifecycle.CASE_TYPE, id);
    Project project = projects.findById(id).filter(p -> PUBLIC.contains(p.getStatus()) || !published.isEmpty())
        .orElseThrow(() -> new NotFoundException("project", id));
    return new PublicProjectDetail(view(project),
        objections.findByProjectIdOrderByIdAsc(id).stream()
            .map(o -> new PublicObjection(o.getId(), o.getFiledAt(), o.getStatus(), o.getResponse())).toList(),
        published.stream().map(PublishedItem::of).toList(), currentVersion(id), changeLog(id));
  }

  private PublicVersion currentVersion(Long projectId) {
    List<ProjectVersion> history = versions.history(projectId);
    if (history.isEmpty()) {
      return null;
    }
    ProjectVersion v = versions.inForce(projectId, LocalDate.now(clock.withZone(calendar.zone())));
    DeveloperOrganisation developer = developers.findById(v.getDeveloperId()).orElse(null);
    return new PublicVersion(v.getVersionNo(), v.getEffectiveFrom(), developer == null ? "—" : developer.getName(),
        developer == null ? null : developer.getCreditCode(), v.getAddress(), v.getRevenueReturnRatio(),
        v.getRevenuePlan(), v.getParticipantScope(), v.getMonitoringPlan());
  }

  private List<PublicChange> changeLog(Long projectId) {
    Map<Long, Integer> created = versions.history(projectId).stream().filter(v -> v.getCreatedByChangeId() != null)
        .collect(Collectors.toMap(ProjectVersion::getCreatedByChangeId, ProjectVersion::getVersionNo));
    return versions.changeLog(projectId).stream().filter(c -> c.getChangeClass() != null)
        .map(c -> new PublicChange(c.getId(), c.getKind(), c.getKind().label(), c.getChangeClass(), c.getStatus(),
            c.getStatus().label(), c.getFiledAt(), c.getEffectiveFrom(), c.getDecidedAt(), created.get(c.getId())))
        .toList();
  }

  private PublicProject view(Project p) {
    return view(p, developers.findById(p.getDeveloperId()).map(DeveloperOrganisation::getName).orElse(null),
        methodologies.findById(p.getMethodologyId()).orElse(null), objections.countByProjectId(p.getId()), today());
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(calendar.zone()));
  }

  private PublicProject view(Project p, String developerName, Methodology m, long objectionCount, LocalDate today) {
    Integer daysLeft = null;
    if (p.getStatus() == ProjectStatus.IN_PUBLICITY && p.getPublicityEnd() != null) {
      daysLeft = Math.max(0, calendar.workingDaysBetween(today, p.getPublicityEnd()));
    }
    return new PublicProject(p.getId(), p.getName(), p.getProjectClass(), p.getProjectClass().label(), p.getStatus(),
        p.getStatus().label(), p.getRegistrationNo(), developerName == null ? "—" : developerName,
        m == null ? "—" : m.getName() + "（" + m.getCode() + "）", p.getDistrict(), p.getPublicityStart(),
        p.getPublicityEnd(), daysLeft, objectionCount);
  }

  private static boolean contains(String value, String text) {
    return value != null && value.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
