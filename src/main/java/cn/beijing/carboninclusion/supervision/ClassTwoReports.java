package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.calendar.CalendarProperties;
import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.common.PublicEvent;
import cn.beijing.carboninclusion.common.PublicEvents;
import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.common.Texts;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.developer.DeveloperOrganisations;
import cn.beijing.carboninclusion.developer.DeveloperService;
import cn.beijing.carboninclusion.disclosure.DisclosureFeed;
import cn.beijing.carboninclusion.identity.CurrentUser;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectClass;
import cn.beijing.carboninclusion.project.ProjectLifecycle;
import cn.beijing.carboninclusion.project.ProjectStatus;
import cn.beijing.carboninclusion.project.Projects;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 二类项目年度报告: the developer of a disclosed Class II project publishes, for every year from the year of its
 * disclosure, its revenue management plan and operating report. The report for year Y is due on 1 January of Y+1
 * plus {@code classTwoReportDueDays} (scheme-rules.dmn) calendar days (zone
 * {@code carbon-inclusion.calendar.zone}); missing reports past their due date are listed publicly. Class II projects
 * have no reductions, so nothing is suspended.
 */
@Service
public class ClassTwoReports {
  private final ClassTwoAnnualReports reports;
  private final Projects projects;
  private final DeveloperService developers;
  private final DeveloperOrganisations organisations;
  private final DisclosureFeed feed;
  private final PublicEvents publicEvents;
  private final AuditTrail auditTrail;
  private final CurrentUser currentUser;
  private final SchemeRuleBook rules;
  private final com.github.benmanes.caffeine.cache.Cache<LocalDate, List<OverdueReport>> recentOverdue;
  private final CalendarProperties calendar;
  private final Clock clock;

  public ClassTwoReports(ClassTwoAnnualReports reports, Projects projects, DeveloperService developers,
      DeveloperOrganisations organisations, DisclosureFeed feed, PublicEvents publicEvents, AuditTrail auditTrail,
      CurrentUser currentUser, SchemeRuleBook rules, CalendarProperties calendar, Clock clock,
      @org.springframework.beans.factory.annotation.Value("${carbon-inclusion.public-cache.ttl:PT5S}")
      java.time.Duration publicCacheTtl) {
    this.recentOverdue = publicCacheTtl.isZero() || publicCacheTtl.isNegative() ? null
        : com.github.benmanes.caffeine.cache.Caffeine.newBuilder().expireAfterWrite(publicCacheTtl).maximumSize(2)
            .build();
    this.reports = reports;
    this.projects = projects;
    this.developers = developers;
    this.organisations = organisations;
    this.feed = feed;
    this.publicEvents = publicEvents;
    this.auditTrail = auditTrail;
    this.currentUser = currentUser;
    this.rules = rules;
    this.calendar = calendar;
    this.clock = clock;
  }

  /** A filed report as the public sees it (no account ids). */
  public record PublicReport(Long id, Long projectId, String projectName, String developerName, int year,
      String revenuePlan, String operatingReport, Instant filedAt, LocalDate dueDate) {}

  /** A yearly report past its due date and not filed. */
  public record OverdueReport(Long projectId, String projectName, String developerName, int year, LocalDate dueDate,
      long daysOverdue) {}

  /**
   * The owning developer files the report for {@code year}: 404 for anyone else's project, 409 unless the project is
   * a disclosed Class II project, 400 for a year before the disclosure year or after the current one, 409 for a year
   * already reported (also when two requests race: the database keeps one).
   */
  @Transactional
  public ClassTwoAnnualReport file(Long projectId, int year, String revenuePlan, String operatingReport) {
    Project project = projects.findById(projectId).orElseThrow(() -> new NotFoundException("project", projectId));
    DeveloperOrganisation developer = developers.currentOrganisation();
    if (!project.getDeveloperId().equals(developer.getId())) {
      throw new NotFoundException("project", projectId);
    }
    if (project.getProjectClass() != ProjectClass.CLASS_II || project.getStatus() != ProjectStatus.DISCLOSED) {
      throw new ConflictException("仅已公开的二类项目提交年度报告，该项目当前状态：" + project.getStatus().label()
          + " (only disclosed Class II projects)");
    }
    int first = disclosureYear(project);
    int current = today().getYear();
    if (year < first || year > current) {
      throw new InvalidInputException("year", "报告年度须在 " + first + " 至 " + current + " 之间 (year out of range)");
    }
    if (reports.existsByProjectIdAndReportYear(projectId, year)) {
      throw new ConflictException(year + " 年度报告已提交 (report for this year already filed)");
    }
    ClassTwoAnnualReport report;
    try {
      report = reports.saveAndFlush(new ClassTwoAnnualReport(projectId, year, revenuePlan, operatingReport,
          currentUser.id(), Instant.now(clock)));
    } catch (DataIntegrityViolationException e) {
      throw new ConflictException(year + " 年度报告已提交 (report for this year already filed)");
    }
    auditTrail.record(ProjectLifecycle.CASE_TYPE, projectId, "CLASS_II_ANNUAL_REPORT", null, null,
        year + " 年度报告（收益管理方案、运营情况报告）已提交并公开");
    int half = (PublicEvent.MAX_BODY - 40) / 2;
    publicEvents.publish(ProjectLifecycle.CASE_TYPE, projectId, PublicEvent.Kind.CLASS_II_ANNUAL_REPORT,
        Texts.abridged("二类项目年度报告：" + project.getName() + "（" + year + " 年度）", 300),
        "收益管理方案：" + Texts.abridged(revenuePlan, half) + "\n运营情况报告："
            + Texts.abridged(operatingReport, half));
    return report;
  }

  /** Filed reports, newest first; of one project when {@code projectId} is given. */
  @Transactional(readOnly = true)
  public Page<PublicReport> filed(Long projectId, Pageable page) {
    Page<ClassTwoAnnualReport> rows = projectId == null ? reports.findAllByOrderByIdDesc(page)
        : reports.findByProjectIdOrderByReportYearDesc(projectId, page);
    Map<Long, Project> byId = projects.findAllById(rows.stream().map(ClassTwoAnnualReport::getProjectId)
        .collect(Collectors.toSet())).stream().collect(Collectors.toMap(Project::getId, Function.identity()));
    Map<Long, String> names = developerNames(byId.values());
    int dueDays = rules.count(SchemeRule.CLASS_TWO_REPORT_DUE_DAYS); // one rule version for the page
    return rows.map(r -> {
      Project p = byId.get(r.getProjectId());
      return new PublicReport(r.getId(), r.getProjectId(), p.getName(), names.getOrDefault(p.getDeveloperId(), "—"),
          r.getReportYear(), r.getRevenuePlan(), r.getOperatingReport(), r.getFiledAt(), dueDate(r.getReportYear(), dueDays));
    });
  }

  /**
   * Every disclosed Class II project (a cancelled one owes nothing more) and year from its disclosure year whose
   * report is past its due date and not filed, the longest overdue first.
   */
  @Transactional(readOnly = true)
  public List<OverdueReport> overdue() {
    // computed from every disclosed project: kept as long as a public answer, so that each page does not compute it
    return recentOverdue == null ? computeOverdue() : recentOverdue.get(today(), day -> computeOverdue());
  }

  private List<OverdueReport> computeOverdue() {
    LocalDate today = today();
    List<Project> disclosed = projects.findByStatusIn(EnumSet.of(ProjectStatus.DISCLOSED)).stream()
        .filter(p -> p.getProjectClass() == ProjectClass.CLASS_II).toList();
    Map<Long, Instant> disclosedAt = feed.firstPublished(ProjectLifecycle.CASE_TYPE,
        PublicEvent.Kind.CLASS_II_DISCLOSED);
    Set<String> filed = new HashSet<>();
    for (Object[] row : reports.filedYears()) {
      filed.add(row[0] + ":" + row[1]);
    }
    Map<Long, String> names = developerNames(disclosed);
    // read once: every project's every year has the same rule (one engine query per year and project made this list
    // take seconds at a few thousand projects)
    int dueDays = rules.count(SchemeRule.CLASS_TWO_REPORT_DUE_DAYS);
    List<OverdueReport> overdue = new ArrayList<>();
    for (Project project : disclosed) {
      int first = yearOf(disclosedAt.getOrDefault(project.getId(), project.getCreatedAt()));
      for (int year = first; year <= today.getYear(); year++) {
        LocalDate due = dueDate(year, dueDays);
        if (today.isAfter(due) && !filed.contains(project.getId() + ":" + year)) {
          overdue.add(new OverdueReport(project.getId(), project.getName(),
              names.getOrDefault(project.getDeveloperId(), "—"), year, due, ChronoUnit.DAYS.between(due, today)));
        }
      }
    }
    overdue.sort(Comparator.comparing(OverdueReport::dueDate).thenComparing(OverdueReport::projectId));
    return List.copyOf(overdue);
  }

  /** Due date of the report for {@code year}: 1 January of the next year plus the configured days. */
  public LocalDate dueDate(int year) {
    return dueDate(year, rules.count(SchemeRule.CLASS_TWO_REPORT_DUE_DAYS));
  }

  private static LocalDate dueDate(int year, int dueDays) {
    return LocalDate.of(year + 1, 1, 1).plusDays(dueDays);
  }

  /**
   * The year the project's information was published (its first CLASS_II_DISCLOSED item on the feed; a project
   * without one, which the disclosure process never leaves, counts from its filing).
   */
  private int disclosureYear(Project project) {
    return yearOf(feed.firstPublished(ProjectLifecycle.CASE_TYPE, project.getId(),
        PublicEvent.Kind.CLASS_II_DISCLOSED).orElse(project.getCreatedAt()));
  }

  private int yearOf(Instant instant) {
    return instant.atZone(calendar.zone()).getYear();
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(calendar.zone()));
  }

  private Map<Long, String> developerNames(Collection<Project> of) {
    return organisations.findAllById(of.stream().map(Project::getDeveloperId).collect(Collectors.toSet())).stream()
        .collect(Collectors.toMap(DeveloperOrganisation::getId, DeveloperOrganisation::getName));
  }
}
