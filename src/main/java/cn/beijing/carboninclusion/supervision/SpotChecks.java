package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.calendar.CalendarProperties;
import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.EngineAsPlatform;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.common.ProcessMessages;
import cn.beijing.carboninclusion.common.PublicEvent;
import cn.beijing.carboninclusion.common.PublicEvents;
import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleSet;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.common.Texts;
import cn.beijing.carboninclusion.decision.ConflictDeclarations;
import cn.beijing.carboninclusion.decision.Decisions;
import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectClass;
import cn.beijing.carboninclusion.project.ProjectStatus;
import cn.beijing.carboninclusion.project.Projects;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * 双随机、一公开: once a year the bureau draws registered Class I projects and recorded service agencies at random
 * (seeded and recorded, so anyone recomputes the sample: {@link SpotCheckSampling}), draws an inspector for each from
 * the bureau's and the technical center's staff, has them inspected ({@code SpotCheck}, processes/spot-check.bpmn),
 * acts on the findings (rectification of a project, a bar of an agency) and publishes the draw and the results.
 */
@Service
class SpotChecks {
  static final String PROCESS = "SpotCheck";
  static final String CASE_TYPE = "SPOT_CHECK";
  static final String INSPECT_TASK = "Task_Inspect";
  /** The processes whose decisions are decisions on a project (business key = the project's id). */
  static final List<String> PROJECT_PROCESSES = List.of("ProjectRegistration", "ProjectChange", "ProjectCancellation",
      "ProjectDisclosure", "ReductionRegistration", "Rectification", "AuditReport");

  private final SpotCheckDraws draws;
  private final SpotCheckItems items;
  private final Projects projects;
  private final ServiceAgencyRecords agencies;
  private final Bars bars;
  private final Rectifications rectifications;
  private final Decisions decisions;
  private final ConflictDeclarations conflicts;
  private final IdentityService identityService;
  private final RuntimeService runtimeService;
  private final EngineAsPlatform engine;
  private final SchemeRuleBook rules;
  private final PublicEvents feed;
  private final AuditTrail auditTrail;
  private final JdbcTemplate jdbc;
  private final CalendarProperties calendar;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  SpotChecks(SpotCheckDraws draws, SpotCheckItems items, Projects projects, ServiceAgencyRecords agencies, Bars bars,
      Rectifications rectifications, Decisions decisions, ConflictDeclarations conflicts,
      IdentityService identityService, RuntimeService runtimeService, EngineAsPlatform engine, SchemeRuleBook rules,
      PublicEvents feed, AuditTrail auditTrail, JdbcTemplate jdbc, CalendarProperties calendar, Clock clock) {
    this.draws = draws;
    this.items = items;
    this.projects = projects;
    this.agencies = agencies;
    this.bars = bars;
    this.rectifications = rectifications;
    this.decisions = decisions;
    this.conflicts = conflicts;
    this.identityService = identityService;
    this.runtimeService = runtimeService;
    this.engine = engine;
    this.rules = rules;
    this.feed = feed;
    this.auditTrail = auditTrail;
    this.jdbc = jdbc;
    this.calendar = calendar;
    this.clock = clock;
  }

  /** What the bureau asks for; counts and seed phrase may be left to the rules and the platform's random source. */
  record Order(int year, Integer projectCount, Integer agencyCount, String seedPhrase) {}

  /**
   * 启动抽查 (bureau): starts the year's spot check, whose first step draws the sample in this transaction. 409 when
   * the year has been drawn (also when two requests race: the year is unique).
   */
  @Transactional
  SpotCheckDraw start(Order order, String orderedBy) {
    if (draws.existsByYear(order.year())) {
      throw new ConflictException(order.year() + " 年度已抽查，每年只抽取一次 (the year has been drawn)");
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put("spotCheckYear", order.year());
    variables.put("orderedBy", orderedBy);
    if (order.projectCount() != null) {
      variables.put("requestedProjectCount", order.projectCount());
    }
    if (order.agencyCount() != null) {
      variables.put("requestedAgencyCount", order.agencyCount());
    }
    if (order.seedPhrase() != null && !order.seedPhrase().isBlank()) {
      variables.put("seedPhrase", order.seedPhrase().strip());
    }
    engine.run(() -> runtimeService.createMessageCorrelation(ProcessMessages.SPOT_CHECK_ORDERED)
        .processInstanceBusinessKey(String.valueOf(order.year())).setVariables(variables).correlateStartMessage());
    return draws.findByYear(order.year()).orElseThrow();
  }

  /** The draw asked for by the step 抽取检查对象和检查人员, as the step's variables carry it. */
  record DrawRequest(int year, Integer projectCount, Integer agencyCount, String seedPhrase, String drawnBy,
      String processInstanceId) {}

  /**
   * Draws the year's sample: the population as it stands (registered Class I projects; recorded agencies not
   * barred), the sample sizes (asked for, else the rules), the seed (from the bureau's phrase, else 32 random
   * bytes), the subjects and an inspector for each. Everything is recorded in the step's transaction.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  DrawResult draw(DrawRequest request) {
    List<Long> projectPopulation = projects.findByStatusIn(List.of(ProjectStatus.REGISTERED)).stream()
        .filter(p -> p.getProjectClass() == ProjectClass.CLASS_I).map(Project::getId).sorted().toList();
    Set<Long> barred = bars.barredIds(Bar.SubjectKind.AGENCY);
    List<Long> agencyPopulation = agencies.findAll().stream().map(ServiceAgency::getId)
        .filter(id -> !barred.contains(id)).sorted().toList();
    SchemeRuleSet current = rules.current();
    int projectCount = request.projectCount() != null
        ? Math.min(request.projectCount(), projectPopulation.size())
        : SpotCheckSampling.sampleSize(projectPopulation.size(), current.share(SchemeRule.SPOT_CHECK_PROJECT_SHARE),
            current.count(SchemeRule.SPOT_CHECK_PROJECT_MINIMUM));
    int agencyCount = request.agencyCount() != null
        ? Math.min(request.agencyCount(), agencyPopulation.size())
        : SpotCheckSampling.sampleSize(agencyPopulation.size(), current.share(SchemeRule.SPOT_CHECK_AGENCY_SHARE),
            current.count(SchemeRule.SPOT_CHECK_AGENCY_MINIMUM));
    String phrase = request.seedPhrase() != null && !request.seedPhrase().isBlank() ? request.seedPhrase()
        : randomPhrase();
    String seed = SpotCheckSampling.seed(request.year(), phrase);
    List<Long> drawnProjects = SpotCheckSampling.draw(seed, SpotCheckSubjectKind.PROJECT, projectPopulation,
        projectCount);
    List<Long> drawnAgencies = SpotCheckSampling.draw(seed, SpotCheckSubjectKind.AGENCY, agencyPopulation,
        agencyCount);
    SpotCheckDraw draw;
    try {
      draw = draws.saveAndFlush(new SpotCheckDraw(request.year(), phrase, seed, projectPopulation.size(),
          agencyPopulation.size(), drawnProjects.size(), drawnAgencies.size(),
          SpotCheckSampling.populationDigest(projectPopulation, agencyPopulation), Instant.now(clock),
          request.drawnBy(), request.processInstanceId()));
    } catch (DataIntegrityViolationException e) {
      throw new ConflictException(request.year() + " 年度已抽查，每年只抽取一次 (the year has been drawn)");
    }
    Long drawId = draw.getId();
    List<Object[]> population = new ArrayList<>();
    projectPopulation.forEach(id -> population.add(new Object[] {drawId, SpotCheckSubjectKind.PROJECT.name(), id}));
    agencyPopulation.forEach(id -> population.add(new Object[] {drawId, SpotCheckSubjectKind.AGENCY.name(), id}));
    jdbc.batchUpdate("insert into spot_check_population (draw_id, subject_kind, subject_id) values (?, ?, ?)",
        population);

    List<String> staff = inspectors();
    List<Long> itemIds = new ArrayList<>();
    int rank = 0;
    for (Long projectId : drawnProjects) {
      Project project = projects.findById(projectId).orElseThrow();
      String inspector = inspectorFor(seed, SpotCheckSubjectKind.PROJECT, projectId, staff,
          excluded(SpotCheckSubjectKind.PROJECT, projectId, drawId, staff));
      itemIds.add(items.save(new SpotCheckItem(drawId, SpotCheckSubjectKind.PROJECT, projectId, project.getName(),
          ++rank, inspector)).getId());
    }
    for (Long agencyId : drawnAgencies) {
      ServiceAgency agency = agencies.findById(agencyId).orElseThrow();
      String inspector = inspectorFor(seed, SpotCheckSubjectKind.AGENCY, agencyId, staff,
          excluded(SpotCheckSubjectKind.AGENCY, agencyId, drawId, staff));
      itemIds.add(items.save(new SpotCheckItem(drawId, SpotCheckSubjectKind.AGENCY, agencyId, agency.getName(),
          ++rank, inspector)).getId());
    }
    auditTrail.record(CASE_TYPE, (long) request.year(), "SPOT_CHECK_DRAWN", null, "DRAWN",
        "抽取 " + drawnProjects.size() + "/" + projectPopulation.size() + " 个项目、" + drawnAgencies.size() + "/"
            + agencyPopulation.size() + " 家服务机构；种子 " + seed);
    return new DrawResult(draw, itemIds, current.duration(SchemeRule.SPOT_CHECK_INSPECTION_WORKING_DAYS));
  }

  /** The draw, its items in draw order, and the inspections' time limit (a working-day duration). */
  record DrawResult(SpotCheckDraw draw, List<Long> itemIds, String inspectionDue) {}

  /** The bureau's and the technical center's staff (never a developer account), by user id. */
  private List<String> inspectors() {
    Set<String> staff = new TreeSet<>();
    for (String group : List.of(Groups.BUREAU, Groups.TECHCENTER)) {
      identityService.createUserQuery().memberOfGroup(group).list().stream().map(User::getId).forEach(staff::add);
    }
    identityService.createUserQuery().memberOfGroup(Groups.DEVELOPER).list().stream().map(User::getId)
        .forEach(staff::remove);
    return List.copyOf(staff);
  }

  /**
   * Who may not inspect the subject: for a project, everyone who took a recorded decision on its cases or declared a
   * conflict of interest with its developer; for either kind, whoever inspected it in an earlier draw.
   */
  private Set<String> excluded(SpotCheckSubjectKind kind, Long subjectId, Long drawId, List<String> candidates) {
    Set<String> excluded = new TreeSet<>();
    items.findBySubjectKindAndSubjectIdAndDrawIdNot(kind, subjectId, drawId).stream()
        .map(SpotCheckItem::getInspector).filter(java.util.Objects::nonNull).forEach(excluded::add);
    if (kind == SpotCheckSubjectKind.PROJECT) {
      excluded.addAll(decisions.deciders(String.valueOf(subjectId), PROJECT_PROCESSES));
      Long developerId = projects.findById(subjectId).map(Project::getDeveloperId).orElse(null);
      candidates.stream().filter(user -> developerId != null && conflicts.existsByUserIdAndDeveloperId(user,
          developerId)).forEach(excluded::add);
    }
    return excluded;
  }

  /**
   * Why {@code userId} may not take the inspection of the item (separation of duties, asked for an inspection offered
   * to the bureau's group because no drawn inspector was eligible), or null.
   */
  @Transactional(readOnly = true)
  String inspectionRefusal(Long itemId, String userId) {
    SpotCheckItem item = items.findById(itemId).orElse(null);
    if (item == null || !excluded(item.getSubjectKind(), item.getSubjectId(), item.getDrawId(), List.of(userId))
        .contains(userId)) {
      return null;
    }
    return "您曾办理该" + item.getSubjectKind().label() + "的案件、检查过该对象或申报了利益冲突，不得检查该对象";
  }

  /** The first eligible inspector in the seed's order, or null when none is: the bureau then assigns the task. */
  private static String inspectorFor(String seed, SpotCheckSubjectKind kind, long subjectId, List<String> staff,
      Set<String> excluded) {
    return SpotCheckSampling.inspectorOrder(seed, kind, subjectId, staff).stream()
        .filter(user -> !excluded.contains(user)).findFirst().orElse(null);
  }

  private String randomPhrase() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Publishes the draw: year, seed phrase, seed, population sizes and digest, the subjects drawn. */
  @Transactional(propagation = Propagation.MANDATORY)
  void publishDraw(int year) {
    SpotCheckDraw draw = draws.findByYear(year).orElseThrow();
    StringBuilder subjects = new StringBuilder();
    for (SpotCheckItem item : items.findByDrawIdOrderByRankAsc(draw.getId())) {
      subjects.append(subjects.isEmpty() ? "" : "；").append(item.getSubjectKind().label()).append(' ')
          .append(item.getSubjectName());
    }
    feed.publish(CASE_TYPE, draw.getId(), PublicEvent.Kind.SPOT_CHECK_DRAWN, year + " 年度双随机抽查：抽取结果",
        "抽取 " + draw.getProjectSample() + "/" + draw.getProjectPopulation() + " 个已登记一类项目、"
            + draw.getAgencySample() + "/" + draw.getAgencyPopulation() + " 家服务机构。种子口令 "
            + draw.getSeedPhrase() + "，种子 " + draw.getSeed() + "，抽取范围摘要 " + draw.getPopulationDigest()
            + "。抽中：" + (subjects.isEmpty() ? "无" : subjects));
  }

  /** The variables of one inspection: its subject and the drawn inspector (local to the instance). */
  Map<String, Object> inspectionVariables(Long itemId) {
    SpotCheckItem item = items.findById(itemId).orElseThrow();
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("inspector", item.getInspector());
    variables.put("subjectKind", item.getSubjectKind().name());
    variables.put("subjectKindLabel", item.getSubjectKind().label());
    variables.put("subjectName", item.getSubjectName());
    variables.put("subjectReference", reference(item));
    return variables;
  }

  private String reference(SpotCheckItem item) {
    return switch (item.getSubjectKind()) {
      case PROJECT -> projects.findById(item.getSubjectId()).map(p -> "项目编号 " + p.getId()
          + (p.getRegistrationNo() == null ? "" : "，登记编号 " + p.getRegistrationNo())).orElse("");
      case AGENCY -> agencies.findById(item.getSubjectId()).map(a -> a.getKind().label() + "，统一社会信用代码 "
          + a.getCreditCode()).orElse("");
    };
  }

  /**
   * The inspector's validated decision on the item (the task listener of 检查): RECTIFY only for a project, BAR
   * only for an agency, and only with a finding.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  SpotCheckItem recordInspection(Long itemId, String conclusion, String finding, String action, String taskId) {
    SpotCheckItem item = items.findById(itemId).orElseThrow();
    if ("RECTIFY".equals(action) && item.getSubjectKind() != SpotCheckSubjectKind.PROJECT
        || "BAR".equals(action) && item.getSubjectKind() != SpotCheckSubjectKind.AGENCY) {
      throw new cn.beijing.carboninclusion.common.TaskInputRejected("proposedAction：" + ("RECTIFY".equals(action)
          ? "责令整改只适用于项目" : "禁入只适用于服务机构") + " (RECTIFY applies to a project, BAR to an agency)");
    }
    item.inspected(conclusion, "FINDING".equals(conclusion) ? finding : null,
        "FINDING".equals(conclusion) ? action : null, taskId, Instant.now(clock));
    auditTrail.record(CASE_TYPE, (long) yearOf(item), "SPOT_CHECK_INSPECTED", null, conclusion,
        item.getSubjectKind().label() + " " + item.getSubjectName() + "："
            + ("FINDING".equals(conclusion) ? "发现问题（" + action + "）：" + finding : "未发现问题"));
    return items.save(item);
  }

  private int yearOf(SpotCheckItem item) {
    return draws.findById(item.getDrawId()).orElseThrow().getYear();
  }

  SpotCheckItem item(Long itemId) {
    return items.findById(itemId).orElseThrow();
  }

  /** 启动整改: a finding on a project orders its rectification, or stays on its case when one runs already. */
  @Transactional(propagation = Propagation.MANDATORY)
  SpotCheckItem.Outcome orderRectification(SpotCheckItem item, Project project) {
    String finding = yearOf(item) + " 年度双随机抽查发现问题：" + item.getFinding();
    boolean started = rectifications.orderOnFinding(project, FindingKind.SPOT_CHECK, Texts.abridged(finding, 4000));
    SpotCheckItem.Outcome outcome = started ? SpotCheckItem.Outcome.RECTIFICATION_STARTED
        : SpotCheckItem.Outcome.FINDING_RECORDED;
    item.concluded(outcome);
    items.save(item);
    return outcome;
  }

  /** 禁入服务机构: a finding on an agency bars it for the rule's years (published); a bar in force stays. */
  @Transactional(propagation = Propagation.MANDATORY)
  SpotCheckItem.Outcome bar(SpotCheckItem item, String decidedBy) {
    SpotCheckItem.Outcome outcome;
    if (bars.agencyBarred(item.getSubjectId())) {
      outcome = SpotCheckItem.Outcome.ALREADY_BARRED;
    } else {
      bars.barOnFinding(Bar.SubjectKind.AGENCY, item.getSubjectId(), Texts.abridged(yearOf(item)
          + " 年度双随机抽查发现问题：" + item.getFinding(), 4000), decidedBy);
      outcome = SpotCheckItem.Outcome.BARRED;
    }
    item.concluded(outcome);
    items.save(item);
    return outcome;
  }

  /** 公开抽查结果: every item's conclusion and outcome on the feed; the draw is complete. */
  @Transactional(propagation = Propagation.MANDATORY)
  SpotCheckDraw publishResults(int year) {
    SpotCheckDraw draw = draws.findByYear(year).orElseThrow();
    List<SpotCheckItem> drawn = items.findByDrawIdOrderByRankAsc(draw.getId());
    long findings = drawn.stream().filter(i -> "FINDING".equals(i.getConclusion())).count();
    StringBuilder results = new StringBuilder();
    for (SpotCheckItem item : drawn) {
      results.append(results.isEmpty() ? "" : "；").append(item.getSubjectKind().label()).append(' ')
          .append(item.getSubjectName()).append('：')
          .append(item.getOutcome() == null ? "未检查" : item.getOutcome().label());
    }
    draw.complete(Instant.now(clock));
    draws.save(draw);
    feed.publish(CASE_TYPE, draw.getId(), PublicEvent.Kind.SPOT_CHECK_RESULTS, year + " 年度双随机抽查：检查结果",
        "检查 " + drawn.size() + " 个对象，发现问题 " + findings + " 个。" + (results.isEmpty() ? "" : results));
    auditTrail.record(CASE_TYPE, (long) year, "SPOT_CHECK_PUBLISHED", "DRAWN", "COMPLETED",
        "检查 " + drawn.size() + " 个对象，发现问题 " + findings + " 个");
    return draw;
  }

  // ------------------------------------------------------------------ reading

  @Transactional(readOnly = true)
  Page<SpotCheckDraw> page(Pageable page) {
    return draws.findAllByOrderByYearDesc(page);
  }

  @Transactional(readOnly = true)
  SpotCheckDraw ofYear(int year) {
    return draws.findByYear(year).orElseThrow(() -> new NotFoundException("spot check", (long) year));
  }

  @Transactional(readOnly = true)
  List<SpotCheckItem> itemsOf(SpotCheckDraw draw) {
    return items.findByDrawIdOrderByRankAsc(draw.getId());
  }

  /** The population drawn from, by kind, ids ascending. */
  @Transactional(readOnly = true)
  List<Long> population(SpotCheckDraw draw, SpotCheckSubjectKind kind) {
    return jdbc.queryForList("select subject_id from spot_check_population where draw_id = ? and subject_kind = ?"
        + " order by subject_id", Long.class, draw.getId(), kind.name());
  }

  Optional<SpotCheckDraw> find(int year) {
    return draws.findByYear(year);
  }

  /** The current year in the scheme's zone, by the platform's clock (the timer's year). */
  int currentYear() {
    return java.time.LocalDate.now(clock.withZone(calendar.zone())).getYear();
  }
}
