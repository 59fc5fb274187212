package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.common.CaseHistory;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.common.PublicEvent;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.developer.DeveloperOrganisations;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every change of a project's status, made by process steps: the status, the audit trail, the developer's notice
 * and — where the measures require it — the disclosure feed change together, in the engine's transaction.
 */
@Service
public class ProjectLifecycle {
  public static final String CASE_TYPE = "PROJECT";
  static final String KIND_LABEL = "项目";
  static final CaseHistory.Kind KIND = new CaseHistory.Kind(CASE_TYPE, KIND_LABEL);

  private final Projects projects;
  private final DeveloperOrganisations developers;
  private final CaseHistory history;
  private final RegistrationNumbers registrationNumbers;
  private final WorkingDayCalendar workingDays;
  private final RuntimeService runtimeService;
  private final ProjectVersions versions;
  private final Clock clock;

  public ProjectLifecycle(Projects projects, DeveloperOrganisations developers, CaseHistory history,
      RegistrationNumbers registrationNumbers, WorkingDayCalendar workingDays, RuntimeService runtimeService,
      ProjectVersions versions, Clock clock) {
    this.runtimeService = runtimeService;
    this.versions = versions;
    this.projects = projects;
    this.developers = developers;
    this.history = history;
    this.registrationNumbers = registrationNumbers;
    this.workingDays = workingDays;
    this.clock = clock;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public Project get(Long projectId) {
    return projects.findById(projectId).orElseThrow(() -> new NotFoundException("project", projectId));
  }

  /** Moves the project to {@code to}, records why, and tells the developer. */
  @Transactional(propagation = Propagation.MANDATORY)
  public Project transition(Long projectId, ProjectStatus to, String action, String reason) {
    Project project = get(projectId);
    ProjectStatus from = project.moveTo(to, Instant.now(clock), reason);
    history.moved(KIND, projectId, project.getName(), addresseeOf(project), from, to, action, reason);
    return project;
  }

  /** Records a step that changes no status (an acknowledgement, the end of publicity) in the audit trail. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void note(Long projectId, String action, String reason) {
    history.noted(KIND, projectId, action, reason);
  }

  /** Records a step that changes no status and tells the developer about it. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void inform(Long projectId, String action, String headline, String detail) {
    Project project = get(projectId);
    history.told(KIND, projectId, project.getName(), addresseeOf(project), action, headline, detail);
  }

  /** Today in the scheme's time zone. */
  public LocalDate today() {
    return LocalDate.ofInstant(Instant.now(clock), zone());
  }

  /** Opens publicity today for {@code workingDaysLong} working days and publishes it. Returns the last day. */
  @Transactional(propagation = Propagation.MANDATORY)
  public LocalDate startPublicity(Long projectId, int workingDaysLong) {
    LocalDate today = LocalDate.ofInstant(Instant.now(clock), zone());
    LocalDate end = workingDays.addWorkingDays(today, workingDaysLong);
    Project project = transition(projectId, ProjectStatus.IN_PUBLICITY, "PUBLICITY_STARTED",
        "技术评估通过，公示至 " + end);
    project.startPublicity(today, end);
    publish(project, PublicEvent.Kind.PUBLICITY_STARTED, "项目公示：" + project.getName(),
        "公示期 " + today + " 至 " + end + "（" + workingDaysLong + " 个工作日）。公示期内任何单位和个人可提出异议。");
    return end;
  }

  /** Registers the project: a registration number, REGISTERED, published. */
  @Transactional(propagation = Propagation.MANDATORY)
  public Project register(Long projectId, String decisionComment) {
    Project project = get(projectId);
    Instant now = Instant.now(clock);
    String number = registrationNumbers.next(LocalDate.ofInstant(now, zone()).getYear());
    project.registered(number, now);
    versions.createInitial(project, developerOf(project).getContactEmail(), LocalDate.ofInstant(now, zone()), now);
    transition(projectId, ProjectStatus.REGISTERED, "REGISTERED", "予以登记，登记编号 " + number + "。" + decisionComment);
    publish(project, PublicEvent.Kind.PROJECT_REGISTERED, "项目登记：" + project.getName(),
        "登记编号 " + number + "。登记决定：" + decisionComment);
    return project;
  }

  /** Counts one more supplement round on the project and returns it. */
  @Transactional(propagation = Propagation.MANDATORY)
  public int countSupplementRound(Long projectId) {
    return get(projectId).countSupplementRound();
  }

  /**
   * Sends a message about the project to every running process of it (business key = project id), e.g. its
   * reduction applications: {@code Message_ProjectSuspended}, {@code Message_ProjectRestored},
   * {@code Message_ProjectCancelled}. Processes not waiting for the message are not affected.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public int signalProcesses(Long projectId, String message, String reason) {
    return runtimeService.createMessageCorrelation(message).processInstanceBusinessKey(String.valueOf(projectId))
        .setVariable("projectMessageReason", reason).correlateAllWithResult().size();
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void publish(Project project, PublicEvent.Kind kind, String title, String body) {
    history.published(KIND, project.getId(), kind, title, body);
  }

  private CaseHistory.Addressee addresseeOf(Project project) {
    DeveloperOrganisation developer = developerOf(project);
    return new CaseHistory.Addressee(developer.getContactEmail(), developer.getName());
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public DeveloperOrganisation developerOf(Project project) {
    return developers.findById(project.getDeveloperId())
        .orElseThrow(() -> new NotFoundException("developer", project.getDeveloperId()));
  }

  private ZoneId zone() {
    return workingDays.zone();
  }
}
