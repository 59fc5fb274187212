package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.common.CaseHistory;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.common.PublicEvent;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.developer.DeveloperOrganisations;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.Projects;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Every status change of a reduction application: status, audit trail, developer's notice, disclosure. */
@Service
public class ReductionLifecycle {
  public static final String CASE_TYPE = "REDUCTION";
  static final String KIND_LABEL = "减排量申请";
  static final CaseHistory.Kind KIND = new CaseHistory.Kind(CASE_TYPE, KIND_LABEL);

  private final ReductionApplications applications;
  private final Projects projects;
  private final DeveloperOrganisations developers;
  private final CaseHistory history;
  private final Clock clock;

  public ReductionLifecycle(ReductionApplications applications, Projects projects,
      DeveloperOrganisations developers, CaseHistory history, Clock clock) {
    this.applications = applications;
    this.projects = projects;
    this.developers = developers;
    this.history = history;
    this.clock = clock;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public ReductionApplication get(Long id) {
    return applications.findById(id).orElseThrow(() -> new NotFoundException("reduction application", id));
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public Project projectOf(ReductionApplication application) {
    return projects.findById(application.getProjectId())
        .orElseThrow(() -> new NotFoundException("project", application.getProjectId()));
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public ReductionApplication transition(Long id, ReductionStatus to, String action, String reason) {
    ReductionApplication application = get(id);
    ReductionStatus from = application.moveTo(to, reason, Instant.now(clock));
    Project project = projectOf(application);
    DeveloperOrganisation developer = developers.findById(project.getDeveloperId()).orElseThrow();
    history.moved(KIND, id, caseName(project, application),
        new CaseHistory.Addressee(developer.getContactEmail(), developer.getName()), from, to, action, reason);
    return application;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void note(Long id, String action, String reason) {
    history.noted(KIND, id, action, reason);
  }

  /** Reduction applications are disclosed when filed and when registered (Chapter 5). */
  @Transactional(propagation = Propagation.MANDATORY)
  public void publish(ReductionApplication application, PublicEvent.Kind kind, String title, String body) {
    history.published(KIND, application.getId(), kind, title, body);
  }

  static String caseName(Project project, ReductionApplication application) {
    return project.getName() + " " + application.getPeriodStart() + "至" + application.getPeriodEnd();
  }
}
