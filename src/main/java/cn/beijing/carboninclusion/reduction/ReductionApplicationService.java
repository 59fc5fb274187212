package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.common.ProcessStarts;
import static cn.beijing.carboninclusion.reduction.ReductionVariables.*;

import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.CheckDelegate;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.IdempotencyKeys;
import cn.beijing.carboninclusion.common.EngineAsPlatform;
import cn.beijing.carboninclusion.common.ForbiddenException;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.common.PublicEvent;
import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.common.SchemeRuleSet;
import cn.beijing.carboninclusion.developer.DeveloperBars;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.developer.DeveloperService;
import cn.beijing.carboninclusion.identity.CurrentUser;
import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.methodology.Methodologies;
import cn.beijing.carboninclusion.methodology.FormulaException;
import cn.beijing.carboninclusion.methodology.Methodology;
import cn.beijing.carboninclusion.methodology.ReductionFormula;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectClass;
import cn.beijing.carboninclusion.project.Projects;
import cn.beijing.carboninclusion.reduction.activity.ActivityUploads;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Developers apply for the reductions of their registered projects; the authorities read every application. */
@Service
public class ReductionApplicationService {
  static final String PROCESS = "ReductionRegistration";

  private final ReductionApplications applications;
  private final Projects projects;
  private final Methodologies methodologies;
  private final DeveloperService developers;
  private final CurrentUser currentUser;
  private final AuditTrail auditTrail;
  private final ReductionLifecycle lifecycle;
  private final SchemeRuleBook rules;
  private final RuntimeService runtimeService;
  private final EngineAsPlatform engine;
  private final ObjectMapper json;
  private final DeveloperBars bars;
  private final Verifiers verifiers;
  private final ActivityUploads uploads;
  private final Clock clock;
  private final ProcessStarts processStarts;

  public ReductionApplicationService(ReductionApplications applications, Projects projects,
      Methodologies methodologies, DeveloperService developers, CurrentUser currentUser, AuditTrail auditTrail,
      ReductionLifecycle lifecycle, SchemeRuleBook rules, RuntimeService runtimeService,
      EngineAsPlatform engine, ObjectMapper json, DeveloperBars bars, Verifiers verifiers, ActivityUploads uploads,
      Clock clock, ProcessStarts processStarts) {
    this.processStarts = processStarts;
    this.uploads = uploads;
    this.applications = applications;
    this.projects = projects;
    this.methodologies = methodologies;
    this.developers = developers;
    this.currentUser = currentUser;
    this.auditTrail = auditTrail;
    this.lifecycle = lifecycle;
    this.rules = rules;
    this.runtimeService = runtimeService;
    this.engine = engine;
    this.json = json;
    this.bars = bars;
    this.verifiers = verifiers;
    this.clock = clock;
  }

  /**
   * Files an application for a monitoring period of the caller's Class I project; submitted at once by default. A
   * barred developer is refused (409) before anything is stored.
   */
  @Transactional
  public ReductionApplication apply(Long projectId, ReductionApplicationRequest request) {
    return apply(projectId, request, null);
  }

  /**
   * The same with the client's Idempotency-Key ({@code null}: none): a key this project's applications already hold
   * is refused (409) naming that application, before anything is written.
   */
  @Transactional
  public ReductionApplication apply(Long projectId, ReductionApplicationRequest request, String submissionKey) {
    Project project = ownProject(projectId);
    bars.requireDeveloperNotBarred(project.getDeveloperId());
    if (project.getProjectClass() != ProjectClass.CLASS_I) {
      throw new ConflictException("二类项目不签发减排量 (Class II projects have no reductions)");
    }
    if (submissionKey != null) {
      applications.findByProjectIdAndSubmissionKey(projectId, submissionKey).ifPresent(earlier -> {
        throw IdempotencyKeys.repeated(submissionKey, "reduction application", earlier.getId());
      });
    }
    requireEngageable(request.verifierAgencyId());
    if (tripLevel(project)) {
      // one activity record is one trip: the trips come as an uploaded file, each claimed once across all projects
      if (request.activities() != null && !request.activities().isEmpty()) {
        throw new InvalidInputException("activities", "本项目的方法学按逐笔行程计算，不接受汇总活动数据：请保存草稿"
            + "（submit=false），上传活动记录文件（POST /api/reduction-applications/{id}/activities）后提交 "
            + "(a trip-level methodology takes uploaded trip records, not aggregate activities)");
      }
      if (request.submitNow()) {
        throw new InvalidInputException("submit", "本项目的方法学按逐笔行程计算，须先保存草稿（submit=false）并上传"
            + "活动记录文件，再提交 (a trip-level application is filed as a draft, its trips uploaded, then submitted)");
      }
    }
    ReductionApplication draft = new ReductionApplication(projectId,
        request.periodStart(), request.periodEnd(), request.claimedTco2e(), request.monitoringReport().trim(),
        activitiesJson(request.activities()), currentUser.id(), Instant.now(clock));
    if (submissionKey != null) {
      draft.submittedWithKey(submissionKey);
    }
    draft.engage(request.verifierAgencyId());
    ReductionApplication application = applications.saveAndFlush(draft);
    auditTrail.record(ReductionLifecycle.CASE_TYPE, application.getId(), "DRAFTED", null,
        ReductionStatus.DRAFT.name(), "填报减排量申请");
    if (request.submitNow()) {
      submit(application, project);
    }
    return application;
  }

  /** Submits a draft (after its activity records were uploaded): the checks run and review begins. */
  @Transactional
  public ReductionApplication submit(Long applicationId) {
    ReductionApplication application = own(applicationId);
    if (application.getStatus() != ReductionStatus.DRAFT) {
      throw new ConflictException("该申请已提交 (already submitted)");
    }
    Project project = projects.findById(application.getProjectId()).orElseThrow();
    bars.requireDeveloperNotBarred(project.getDeveloperId());
    if (tripLevel(project) && uploads.resultFor(applicationId).isEmpty()) {
      throw new ConflictException("本项目的方法学按逐笔行程计算，提交前须上传活动记录文件 (activities: a trip-level "
          + "application needs its uploaded trip records before it is submitted)");
    }
    return submit(application, project);
  }

  /**
   * The verifier named for a claim is a recorded verifier (核查机构) with at least one account to do the work; whether
   * it is independent of this developer and project, and not barred, the automatic check decides when the claim is
   * submitted ({@code Task_CheckVerifierIndependence}).
   */
  private void requireEngageable(Long agencyId) {
    Verifiers.Agency agency = verifiers.agency(agencyId)
        .orElseThrow(() -> new InvalidInputException("verifierAgencyId", "未登记的服务机构 (no such agency): " + agencyId));
    if (!agency.verifier()) {
      throw new InvalidInputException("verifierAgencyId", "该服务机构不是核查机构 (not a verifier): " + agency.name());
    }
    if (verifiers.accounts(agencyId).isEmpty()) {
      throw new InvalidInputException("verifierAgencyId",
          "该核查机构尚无平台账号，无法办理核查 (the verifier has no account yet): " + agency.name());
    }
  }

  /** Whether the project's methodology computes from trip records (its formula's {@code activityLevel}). */
  private boolean tripLevel(Project project) {
    Methodology methodology = methodologies.findById(project.getMethodologyId()).orElse(null);
    if (methodology == null) {
      return false;
    }
    try {
      return ReductionFormula.parse(methodology.getFormula(), methodology.getParameters()).tripLevel();
    } catch (FormulaException e) {
      return false; // no formula to compute with: the recomputation fails the application
    }
  }

  /**
   * An application the caller may see: the authorities every one, a developer those of its own projects, a verifier's
   * account those its agency was engaged on (404 for any other).
   */
  @Transactional(readOnly = true)
  public ReductionApplication visible(Long applicationId) {
    ReductionApplication application = applications.findById(applicationId)
        .orElseThrow(() -> new NotFoundException("reduction application", applicationId));
    if (currentUser.isAuthority()) {
      return application;
    }
    if (currentUser.isMemberOf(Groups.VERIFIER)) {
      Long agency = verifiers.agencyOf(currentUser.id()).orElse(null);
      if (agency == null || !agency.equals(application.getVerifierAgencyId())) {
        throw new NotFoundException("reduction application", applicationId);
      }
      return application;
    }
    ownProject(application.getProjectId());
    return application;
  }

  @Transactional(readOnly = true)
  public List<ReductionApplication> ofProject(Long projectId) {
    if (!currentUser.isAuthority()) {
      ownProject(projectId);
    }
    return applications.findByProjectIdOrderByPeriodStartAsc(projectId);
  }

  /** The caller's own application (404 for anyone else's). */
  @Transactional(readOnly = true)
  public ReductionApplication own(Long applicationId) {
    ReductionApplication application = applications.findById(applicationId)
        .orElseThrow(() -> new NotFoundException("reduction application", applicationId));
    ownProject(application.getProjectId());
    return application;
  }

  private ReductionApplication submit(ReductionApplication application, Project project) {
    DeveloperOrganisation developer = developers.get(project.getDeveloperId());
    Methodology methodology = methodologies.findById(project.getMethodologyId()).orElseThrow();
    application.moveTo(ReductionStatus.SUBMITTED, "提交减排量申请", Instant.now(clock));
    auditTrail.record(ReductionLifecycle.CASE_TYPE, application.getId(), "SUBMITTED", ReductionStatus.DRAFT.name(),
        ReductionStatus.SUBMITTED.name(), "提交减排量申请");
    lifecycle.publish(application, PublicEvent.Kind.REDUCTION_FILED,
        "减排量申请：" + project.getName(), "登记编号 " + project.getRegistrationNo() + "，监测期 "
            + application.getPeriodStart() + " 至 " + application.getPeriodEnd() + "，申报减排量 "
            + ReductionRules.plain(application.getClaimedTco2e()) + " tCO2e");
    Map<String, Object> variables = new HashMap<>();
    variables.put(APPLICATION_ID, application.getId());
    variables.put(PROJECT_ID, project.getId());
    variables.put(DEVELOPER_ID, developer.getId());
    variables.put(PROJECT_NAME, project.getName());
    variables.put(DEVELOPER_NAME, developer.getName());
    variables.put(REGISTRATION_NO, project.getRegistrationNo() == null ? "—" : project.getRegistrationNo());
    variables.put(METHODOLOGY_CODE, methodology.getCode() + " " + methodology.getName());
    variables.put(MONITORING_PERIOD, application.getPeriodStart() + " 至 " + application.getPeriodEnd());
    variables.put(CLAIMED, application.getClaimedTco2e().doubleValue());
    variables.put(CheckDelegate.CHECK_SUMMARY, "");
    variables.put(PROJECT_SUSPENDED, false);
    variables.put(CHANGE_PENDING, false);
    SchemeRuleSet current = rules.current();
    variables.put(REVIEW_DUE, current.duration(SchemeRule.REDUCTION_REVIEW_WORKING_DAYS));
    variables.put(ReductionVariables.VERIFICATION_DUE, current.duration(SchemeRule.VERIFICATION_WORKING_DAYS));
    variables.put(DECISION_DUE, current.duration(SchemeRule.REDUCTION_DECISION_WORKING_DAYS));
    engine.run(() -> runtimeService.startProcessInstanceById(processStarts.latestActive(PROCESS), String.valueOf(project.getId()), variables));
    return application;
  }

  private Project ownProject(Long projectId) {
    Project project = projects.findById(projectId).orElseThrow(() -> new NotFoundException("project", projectId));
    if (!currentUser.isMemberOf(Groups.DEVELOPER)) {
      throw new ForbiddenException("仅项目开发方可办理 (developers only)");
    }
    if (!project.getDeveloperId().equals(developers.currentOrganisation().getId())) {
      throw new NotFoundException("project", projectId);
    }
    return project;
  }

  private String activitiesJson(List<Map<String, Object>> activities) {
    if (activities == null || activities.isEmpty()) {
      return null;
    }
    try {
      return json.writeValueAsString(activities);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
