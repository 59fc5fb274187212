package cn.beijing.carboninclusion.disclosure;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.developer.DeveloperOrganisations;
import cn.beijing.carboninclusion.methodology.Methodologies;
import cn.beijing.carboninclusion.project.Objection;
import cn.beijing.carboninclusion.project.Objections;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectClass;
import cn.beijing.carboninclusion.project.ProjectLifecycle;
import cn.beijing.carboninclusion.project.ProjectStatus;
import cn.beijing.carboninclusion.project.Projects;
import cn.beijing.carboninclusion.project.ChangeKind;
import cn.beijing.carboninclusion.project.ProjectChange;
import cn.beijing.carboninclusion.project.ProjectChangeStatus;
import cn.beijing.carboninclusion.project.ProjectVersion;
import cn.beijing.carboninclusion.project.ProjectVersions;
import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Collectors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.data.domain.PageRequest;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 信息公开: the public disclosure data of projects, without login. Only published states are shown; no participant
 * data, objector identities or reviewer identities.
 */
@RestController
@RequestMapping("/api/public")
@Tag(name = "信息公开 public disclosure")
class PublicProjectController {
  static final Set<ProjectStatus> PUBLIC = EnumSet.of(ProjectStatus.IN_PUBLICITY, ProjectStatus.REGISTERED,
      ProjectStatus.SUSPENDED, ProjectStatus.CANCELLED, ProjectStatus.DISCLOSED);

  private final Projects projects;
  private final DeveloperOrganisations developers;
  private final Methodologies methodologies;
  private final Objections objections;
  private final DisclosureFeed feed;
  private final WorkingDayCalendar calendar;
  private final ProjectVersions versions;
  private final Clock clock;

  PublicProjectController(Projects projects, DeveloperOrganisations developers, Methodologies methodologies,
      Objections objections, DisclosureFeed feed, WorkingDayCalendar calendar, ProjectVersions versions,
      Clock clock) {
    this.versions = versions;
    this.projects = projects;
    this.developers = developers;
    this.methodologies = methodologies;
    this.objections = objections;
    this.feed = feed;
    this.calendar = calendar;
    this.clock = clock;
  }

  record PublicProject(Long id, String name, ProjectClass projectClass, String projectClassLabel,
      ProjectStatus status, String statusLabel, String registrationNo, String developerName, String methodology,
      String district, LocalDate publicityStart, LocalDate publicityEnd, Integer publicityWorkingDaysLeft,
      long objectionCount) {}

  record PublishedItem(Long id, String kind, String title, String body, Instant publishedAt, String subjectType,
      Long subjectId) {
    static PublishedItem of(DisclosureEntry e) {
      return new PublishedItem(e.getId(), e.getKind(), e.getTitle(), e.getBody(), e.getPublishedAt(),
          e.getSubjectType(), e.getSubjectId());
    }
  }

  record PublicObjection(Long id, Instant filedAt, Objection.Status status, String response) {}

  /** The registered data in force today; no contact data (personal data is not published). */
  record PublicVersion(int versionNo, LocalDate effectiveFrom, String developerName, String developerCreditCode,
      String address, BigDecimal revenueReturnRatio, String revenuePlan, String participantScope,
      String monitoringPlan) {}

  /** One change request of the project as the public sees it: what kind, its outcome and the version it created. */
  record PublicChange(Long id, ChangeKind kind, String kindLabel, ProjectChange.ChangeClass changeClass,
      ProjectChangeStatus status, String statusLabel, Instant filedAt, LocalDate effectiveFrom, Instant decidedAt,
      Integer versionNo) {}

  record PublicProjectDetail(PublicProject project, List<PublicObjection> objections, List<PublishedItem> published,
      PublicVersion currentVersion, List<PublicChange> changeLog) {}

  @Operation(summary = "公开的项目（公示中、已登记、已暂停、已注销、二类已公开），可按状态筛选")
  @GetMapping("/projects")
  @Transactional(readOnly = true)
  List<PublicProject> projects(@RequestParam(required = false) ProjectStatus status) {
    Set<ProjectStatus> statuses = status == null ? PUBLIC : EnumSet.of(status);
    statuses.retainAll(PUBLIC);
    return projects.findByStatusIn(statuses).stream().sorted(Comparator.comparing(Project::getId).reversed())
        .map(this::view).toList();
  }

  @Operation(summary = "项目公开信息：状态、公示期、异议处理结果、公开记录")
  @GetMapping("/projects/{id}")
  @Transactional(readOnly = true)
  PublicProjectDetail project(@PathVariable Long id) {
    Project project = projects.findById(id).filter(p -> PUBLIC.contains(p.getStatus())
            || !feed.about(ProjectLifecycle.CASE_TYPE, id).isEmpty())
        .orElseThrow(() -> new NotFoundException("project", id));
    return new PublicProjectDetail(view(project),
        objections.findByProjectIdOrderByIdAsc(id).stream()
            .map(o -> new PublicObjection(o.getId(), o.getFiledAt(), o.getStatus(), o.getResponse())).toList(),
        feed.about(ProjectLifecycle.CASE_TYPE, id).stream().map(PublishedItem::of).toList(),
        currentVersion(id), changeLog(id));
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

  @Operation(summary = "最新公开信息（公示、登记、异议处理结果、撤回、注销等）")
  @GetMapping("/disclosures")
  List<PublishedItem> disclosures(@RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    return feed.latest(PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), 200))).stream()
        .map(PublishedItem::of).toList();
  }

  private PublicProject view(Project p) {
    String developer = developers.findById(p.getDeveloperId()).map(DeveloperOrganisation::getName).orElse("—");
    String methodology = methodologies.findById(p.getMethodologyId())
        .map(m -> m.getName() + "（" + m.getCode() + "）").orElse("—");
    Integer daysLeft = null;
    if (p.getStatus() == ProjectStatus.IN_PUBLICITY && p.getPublicityEnd() != null) {
      LocalDate today = LocalDate.now(clock.withZone(calendar.zone()));
      daysLeft = Math.max(0, calendar.workingDaysBetween(today, p.getPublicityEnd()));
    }
    return new PublicProject(p.getId(), p.getName(), p.getProjectClass(), p.getProjectClass().label(), p.getStatus(),
        p.getStatus().label(), p.getRegistrationNo(), developer, methodology, p.getDistrict(), p.getPublicityStart(),
        p.getPublicityEnd(), daysLeft, objections.countByProjectId(p.getId()));
  }
}
