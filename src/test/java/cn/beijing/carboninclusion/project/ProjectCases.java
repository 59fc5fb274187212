package cn.beijing.carboninclusion.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.beijing.carboninclusion.common.AuditEntry;
import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.CaseCheck;
import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.developer.DeveloperOrganisations;
import cn.beijing.carboninclusion.developer.DeveloperService;
import cn.beijing.carboninclusion.developer.UnifiedSocialCreditCode;
import cn.beijing.carboninclusion.disclosure.DisclosureEntry;
import cn.beijing.carboninclusion.disclosure.DisclosureFeed;
import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.notification.Notification;
import cn.beijing.carboninclusion.notification.Notifications;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ApplicationContext;

/**
 * Test support for the project path tests: files real applications through {@link ProjectApplications} as a demo
 * developer, acts on their cases as the demo reviewers (each act under that user's engine authentication, which is
 * what separation of duties and the audit trail read), and reads back the domain outcome. Every application gets a
 * unique name and identifier, because all tests share one database. {@link #cleanUp()} deletes the process instances
 * a test left running and the accounts it created.
 */
public final class ProjectCases {
  static final String DEVELOPER = "greentravel";
  static final String DEVELOPER_EMAIL = "greentravel@developer.example";
  static final String TECHNICAL_REVIEWER = "wangfang";
  static final String SECOND_TECHNICAL_REVIEWER = "liuyang";
  static final String BUREAU_OFFICER = "zhangwei";
  static final String SECOND_BUREAU_OFFICER = "lina";
  static final Pattern REGISTRATION_NO = Pattern.compile("BJCI-P-\\d{4}-\\d{4}");

  static final String REGISTRATION = "ProjectRegistration";
  static final String DISCLOSURE = "ProjectDisclosure";
  static final String CANCELLATION = "ProjectCancellation";

  private final ProjectApplications applications;
  private final Projects projects;
  private final ProjectDocuments documents;
  private final CaseChecks checks;
  private final DisclosureFeed feed;
  private final AuditTrail auditTrail;
  private final Notifications notifications;
  private final DeveloperService developers;
  private final DeveloperOrganisations organisations;
  private final IdentityService identityService;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final ApplicationContext context;
  private final List<Long> filed = new ArrayList<>();
  private final List<String> accounts = new ArrayList<>();

  public ProjectCases(ApplicationContext context) {
    this.applications = context.getBean(ProjectApplications.class);
    this.projects = context.getBean(Projects.class);
    this.documents = context.getBean(ProjectDocuments.class);
    this.checks = context.getBean(CaseChecks.class);
    this.feed = context.getBean(DisclosureFeed.class);
    this.auditTrail = context.getBean(AuditTrail.class);
    this.notifications = context.getBean(Notifications.class);
    this.developers = context.getBean(DeveloperService.class);
    this.organisations = context.getBean(DeveloperOrganisations.class);
    this.identityService = context.getBean(IdentityService.class);
    this.runtimeService = context.getBean(RuntimeService.class);
    this.taskService = context.getBean(TaskService.class);
    this.context = context;
  }

  // ---- verification (核查) of reduction claims ---------------------------------------------------------------

  /** The demo verifier's account (北京中碳核查技术有限公司（示例）). */
  public static final String VERIFIER = "hecha";

  /** The demo verifier's agency id, which reduction applications name ({@code verifierAgencyId}). */
  public long demoVerifierId() {
    return context.getBean(org.springframework.jdbc.core.JdbcTemplate.class).queryForObject(
        "select id from service_agency where credit_code = '91110105MA01HC8K5C'", Long.class);
  }

  /**
   * The engaged verifier files a report (a PDF) and confirms the claim as it stands ({@code Task_Verification}),
   * as its account: what every reduction application now passes before its technical review.
   */
  public void verify(ProcessInstance reduction) {
    Long applicationId = ((Number) runtimeService.getVariable(reduction.getId(), "applicationId")).longValue();
    Object claimed = runtimeService.getVariable(reduction.getId(), "claimedTco2e");
    fileVerificationReport(applicationId);
    Task task = taskService.createTaskQuery().processInstanceId(reduction.getId())
        .taskDefinitionKey("Task_Verification").singleResult();
    as(VERIFIER, Groups.VERIFIER, () -> taskService.complete(task.getId(), Map.of("verificationOpinion", "CONFIRMED",
        "verifierVerifiedTco2e", claimed, "verificationComment", "核查确认：活动数据与监测报告一致")));
  }

  /** The engaged verifier's report of the application, filed as its account. */
  public void fileVerificationReport(Long applicationId) {
    as(VERIFIER, Groups.VERIFIER, () -> context.getBean(
        cn.beijing.carboninclusion.reduction.VerificationReportService.class).file(applicationId,
        new org.springframework.mock.web.MockMultipartFile("file", "核查报告.pdf", "application/pdf",
            ("%PDF-1.4\n% 核查报告 " + applicationId + " " + UUID.randomUUID() + "\n%%EOF\n")
                .getBytes(StandardCharsets.UTF_8))));
  }

  // ---- applications ----------------------------------------------------------------------------------------

  /** A Class I application under the level-1 methodology BJCI-M-TRAVEL that passes every automatic check. */
  public static Application aCompleteApplication() {
    return new Application();
  }

  /** A Class II project (level-2 methodology BJCI-M-PARKING): recorded on filing, no documents needed. */
  public static Application aClassTwoProject() {
    Application application = new Application();
    application.projectClass = ProjectClass.CLASS_II;
    application.methodologyCode = "BJCI-M-PARKING";
    application.identifiers = new ArrayList<>();
    application.files = new ArrayList<>();
    return application;
  }

  /** A project application as the developer fills it in; change what the path under test needs. */
  public static final class Application {
    private final String unique = UUID.randomUUID().toString();
    private String name = "测试项目-" + unique;
    private ProjectClass projectClass = ProjectClass.CLASS_I;
    private String methodologyCode = "BJCI-M-TRAVEL";
    // every application its own site: the duplicate-site check compares district and normalised address
    private String district = "海淀区";
    private String address = "测试路 " + ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE) + " 号";
    private BigDecimal latitude;
    private BigDecimal longitude;
    private BigDecimal revenueReturnRatio = new BigDecimal("0.95");
    private String revenuePlan = "减排量收益的 95% 按骑行里程返还参与者，其余用于平台运维。";
    private List<ProjectApplicationRequest.Identifier> identifiers =
        new ArrayList<>(List.of(new ProjectApplicationRequest.Identifier("SITE", "SITE-" + unique, false)));
    private List<UploadedFile> files = new ArrayList<>(List.of(
        new UploadedFile("designDocument", "pdd.pdf", "application/pdf", pdf("项目设计文件")),
        new UploadedFile("implementationPlan", "plan.pdf", "application/pdf", pdf("组织实施方案"))));

    /** The project's name as the developer typed it (anything the form takes). */
    public Application named(String name) {
      this.name = name;
      return this;
    }

    public Application underMethodology(String code) {
      this.methodologyCode = code;
      return this;
    }

    /** The project's site: its district and address as the developer writes them. */
    public Application at(String district, String address) {
      this.district = district;
      this.address = address;
      return this;
    }

    /** The project's site coordinates (WGS-84 degrees). */
    public Application atCoordinates(String latitude, String longitude) {
      this.latitude = new BigDecimal(latitude);
      this.longitude = new BigDecimal(longitude);
      return this;
    }

    /** Declares exactly this identifier (instead of the application's own unique one). */
    public Application declaring(String scheme, String identifier) {
      this.identifiers = new ArrayList<>(List.of(new ProjectApplicationRequest.Identifier(scheme, identifier, false)));
      return this;
    }

    /** Also declares a registration in another mechanism in which reductions were already credited. */
    Application alsoCreditedIn(String scheme, String identifier) {
      this.identifiers.add(new ProjectApplicationRequest.Identifier(scheme, identifier, true));
      return this;
    }

    Application returning(String revenueReturnRatio) {
      this.revenueReturnRatio = new BigDecimal(revenueReturnRatio);
      return this;
    }

    Application withRevenuePlan(String revenuePlan) {
      this.revenuePlan = revenuePlan;
      return this;
    }

    Application withEmptyDesignDocument() {
      files.replaceAll(f -> f.field().equals("designDocument")
          ? new UploadedFile("designDocument", "pdd.pdf", "application/pdf", new byte[0]) : f);
      return this;
    }

    String name() {
      return name;
    }

    /** The scheme and value of the first declared identifier. */
    String scheme() {
      return identifiers.get(0).scheme();
    }

    String identifier() {
      return identifiers.get(0).identifier();
    }

    ProjectApplicationRequest request() {
      return new ProjectApplicationRequest(name, projectClass, methodologyCode, district, address,
          "共享单车低碳出行激励", LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 1), LocalDate.of(2030, 2, 28),
          projectClass == ProjectClass.CLASS_I ? revenueReturnRatio : null, "所得收益用于公益，不以营利为目的。",
          revenuePlan, identifiers, latitude, longitude);
    }

    List<UploadedFile> files() {
      return files;
    }
  }

  static byte[] pdf(String text) {
    return ("%PDF-1.4\n% " + text + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
  }

  // ---- the developer's acts (through the platform API service) ----------------------------------------------

  /** Files the application as the demo developer greentravel. */
  public Project file(Application application) {
    return fileAs(DEVELOPER, application);
  }

  public Project fileAs(String developerAccount, Application application) {
    Project project = as(developerAccount, Groups.DEVELOPER,
        () -> applications.apply(application.request(), application.files(), null));
    filed.add(project.getId());
    return project;
  }

  void supplement(Project project, String note) {
    as(DEVELOPER, Groups.DEVELOPER, () -> applications.supplement(project.getId(), note,
        List.of(new UploadedFile("supplement", "supplement.pdf", "application/pdf", pdf(note)))));
  }

  void withdraw(Project project, String reason) {
    as(DEVELOPER, Groups.DEVELOPER, () -> applications.withdraw(project.getId(), reason));
  }

  void requestDisclosure(Project project) {
    as(DEVELOPER, Groups.DEVELOPER, () -> applications.requestDisclosure(project.getId()));
  }

  public void requestCancellation(Project project, String reason) {
    as(DEVELOPER, Groups.DEVELOPER, () -> applications.requestCancellation(project.getId(), reason));
  }

  void orderCancellation(String bureauOfficer, Project project, String reason) {
    as(bureauOfficer, Groups.BUREAU, () -> applications.requestCancellation(project.getId(), reason));
  }

  /**
   * A fresh developer organisation, barred for a year, with a new account (alphanumeric id) acting for it.
   * Returns the account id.
   */
  String aBarredDeveloperAccount(String barReason) {
    String account = aDeveloperAccount("barred", UUID.randomUUID().toString());
    DeveloperOrganisation organisation = developers.organisationOf(account).orElseThrow();
    organisation.bar(LocalDate.now().plusYears(1), barReason);
    organisations.save(organisation);
    return account;
  }

  /**
   * A fresh developer organisation with a new account (alphanumeric id, prefix {@code prefix}) acting for it, whose
   * password is {@code password}; the account is deleted by {@link #cleanUp()}. Returns the account id.
   */
  public String aDeveloperAccount(String prefix, String password) {
    String account = prefix + UUID.randomUUID().toString().replace("-", "");
    DeveloperOrganisation organisation = developers.register(aCreditCode(), "测试开发方" + account,
        DeveloperOrganisation.Kind.ENTERPRISE, account + "@developer.example");
    User user = identityService.newUser(account);
    user.setFirstName("开发方");
    user.setLastName("测试");
    user.setPassword(password);
    identityService.saveUser(user);
    accounts.add(account);
    identityService.createMembership(account, Groups.DEVELOPER);
    developers.addMember(organisation.getId(), account);
    return account;
  }

  /** A verifier (核查机构) of this test and its account. */
  public record Verifier(long agencyId, String account) {}

  /**
   * A fresh verifier agency with a new account of group {@code verifier} linked to it (password {@code password});
   * the account is deleted by {@link #cleanUp()}.
   */
  public Verifier aVerifier(String password) {
    String account = "verifier" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    var agency = context.getBean(cn.beijing.carboninclusion.supervision.ServiceAgencies.class).record(aCreditCode(),
        "测试核查机构" + account, cn.beijing.carboninclusion.supervision.AgencyKind.VERIFIER);
    User user = identityService.newUser(account);
    user.setFirstName("核查员");
    user.setLastName("测试");
    user.setPassword(password);
    identityService.saveUser(user);
    accounts.add(account);
    identityService.createMembership(account, Groups.VERIFIER);
    context.getBean(cn.beijing.carboninclusion.supervision.AgencyAccounts.class).link(agency.getId(), account, "test");
    return new Verifier(agency.getId(), account);
  }

  public record AuditFirm(long agencyId, String creditCode, String account) {}

  /**
   * A fresh audit firm with a new account of group {@code auditor} linked to it (password {@code password}); the
   * account is deleted by {@link #cleanUp()}.
   */
  public AuditFirm anAuditFirm(String password) {
    String account = "auditor" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String code = aCreditCode();
    var agency = context.getBean(cn.beijing.carboninclusion.supervision.ServiceAgencies.class).record(code,
        "测试审计事务所" + account, cn.beijing.carboninclusion.supervision.AgencyKind.AUDITOR);
    User user = identityService.newUser(account);
    user.setFirstName("审计师");
    user.setLastName("测试");
    user.setPassword(password);
    identityService.saveUser(user);
    accounts.add(account);
    identityService.createMembership(account, Groups.AUDITOR);
    context.getBean(cn.beijing.carboninclusion.supervision.AgencyAccounts.class).link(agency.getId(), account, "test");
    return new AuditFirm(agency.getId(), code, account);
  }

  /** As {@link #verify(ProcessInstance)}, by the given verifier's account, with its conclusion. */
  public void verifyAs(String account, ProcessInstance reduction, String opinion, Object quantity) {
    Long applicationId = ((Number) runtimeService.getVariable(reduction.getId(), "applicationId")).longValue();
    as(account, Groups.VERIFIER, () -> context.getBean(
        cn.beijing.carboninclusion.reduction.VerificationReportService.class).file(applicationId,
        new org.springframework.mock.web.MockMultipartFile("file", "核查报告.pdf", "application/pdf",
            ("%PDF-1.4\n% 核查报告 " + applicationId + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8))));
    Task task = taskService.createTaskQuery().processInstanceId(reduction.getId())
        .taskDefinitionKey("Task_Verification").singleResult();
    as(account, Groups.VERIFIER, () -> taskService.complete(task.getId(), Map.of("verificationOpinion", opinion,
        "verifierVerifiedTco2e", quantity, "verificationComment", "核查意见")));
  }

  /** A valid unified social credit code (GB 32100-2015) no one has registered yet. */
  public static String aCreditCode() {
    String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    StringBuilder first17 = new StringBuilder("91110105");
    for (int i = 0; i < 9; i++) {
      first17.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
    }
    return first17.append(UnifiedSocialCreditCode.Validator.checkCharacter(first17.toString())).toString();
  }

  public Long developerIdOf(String developerAccount) {
    return developers.organisationOf(developerAccount).orElseThrow().getId();
  }

  // ---- the reviewers' acts ---------------------------------------------------------------------------------

  /** Completes the task as the reviewer, authenticated in the engine as that user of that user's group. */
  public void completeAs(String reviewer, Task task, Map<String, Object> variables) {
    as(reviewer, groupOf(reviewer), () -> taskService.complete(task.getId(), variables));
  }

  void claimAs(String reviewer, Task task) {
    as(reviewer, groupOf(reviewer), () -> taskService.claim(task.getId(), reviewer));
  }

  /**
   * Asserts the act was refused by separation of duties: an {@link AuthorizationException} with the reason, thrown
   * as such or as the cause of the engine's task-listener failure (the engine wraps what a task listener throws).
   */
  static void assertRefused(ThrowingCallable act, String reason) {
    Throwable thrown = catchThrowable(act);
    assertThat(thrown).as("the act should have been refused").isNotNull();
    Throwable refusal = thrown;
    while (refusal != null && !(refusal instanceof AuthorizationException)) {
      refusal = refusal.getCause();
    }
    assertThat(refusal).as("an AuthorizationException in %s", thrown).isInstanceOf(AuthorizationException.class)
        .hasMessageContaining(reason);
  }

  static String groupOf(String reviewer) {
    return switch (reviewer) {
      case TECHNICAL_REVIEWER, SECOND_TECHNICAL_REVIEWER -> Groups.TECHCENTER;
      case BUREAU_OFFICER, SECOND_BUREAU_OFFICER -> Groups.BUREAU;
      default -> throw new IllegalArgumentException("not a demo reviewer: " + reviewer);
    };
  }

  /** Runs the action as the user (engine authentication), then clears the authentication again. */
  <T> T as(String user, List<String> groups, Supplier<T> action) {
    identityService.setAuthentication(user, groups);
    try {
      return action.get();
    } finally {
      identityService.clearAuthentication();
    }
  }

  public <T> T as(String user, String group, Supplier<T> action) {
    return as(user, List.of(group), action);
  }

  public void as(String user, String group, Runnable action) {
    as(user, List.of(group), action);
  }

  void as(String user, List<String> groups, Runnable action) {
    as(user, groups, () -> {
      action.run();
      return null;
    });
  }

  // ---- whole paths, for tests that start where they end ------------------------------------------------------

  /** Files a complete application and walks it into Task_BureauDecision (wangfang reviewed, no objections). */
  ProcessInstance inBureauDecision(Application application) {
    return inBureauDecision(DEVELOPER, application);
  }

  ProcessInstance inBureauDecision(String developerAccount, Application application) {
    Project project = fileAs(developerAccount, application);
    ProcessInstance registration = registrationOf(project);
    execute(job("Task_StartReview", registration));
    completeAs(TECHNICAL_REVIEWER, task("Task_TechnicalReview", registration),
        withVariables("reviewDecision", "APPROVE", "reviewComment", "技术评估通过"));
    execute(job("Task_StartPublicity", registration));
    endPublicity(registration);
    return registration;
  }

  /**
   * Lets publicity run its course: the clock moves to the last day of publicity (an early close is refused), the
   * timer fires and publicity closes; the clock then returns to real time (a test that fixed it sets it again).
   */
  public void endPublicity(ProcessInstance registration) {
    Project project = projects.findById(Long.valueOf(registration.getBusinessKey())).orElseThrow();
    Date before = ClockUtil.getCurrentTime();
    Date lastDay = Date.from(project.getPublicityEnd().atTime(12, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
    try {
      if (lastDay.after(before)) {
        ClockUtil.setCurrentTime(lastDay);
      }
      execute(job("Timer_PublicityEnds", registration));
      execute(job("Task_ClosePublicity", registration));
    } finally {
      ClockUtil.reset();
    }
  }

  /**
   * A complete Class I application walked into publicity (wangfang reviewed): IN_PUBLICITY, its registration waiting
   * for objections and the end of publicity. For tests outside this package (the disclosure portal).
   */
  public Project aProjectInPublicity() {
    Project project = file(aCompleteApplication());
    ProcessInstance registration = registrationOf(project);
    execute(job("Task_StartReview", registration));
    completeAs(TECHNICAL_REVIEWER, task("Task_TechnicalReview", registration),
        withVariables("reviewDecision", "APPROVE", "reviewComment", "技术评估通过"));
    execute(job("Task_StartPublicity", registration));
    Project inPublicity = current(project);
    assertThat(inPublicity.getStatus()).isEqualTo(ProjectStatus.IN_PUBLICITY);
    return inPublicity;
  }

  /**
   * A complete Class I application filed and taken into technical review: its task Task_TechnicalReview waits, open
   * (unclaimed), for the techcenter group. For tests outside this package (the webapps in a browser).
   */
  public Project aProjectInTechnicalReview() {
    Project project = file(aCompleteApplication());
    execute(job("Task_StartReview", registrationOf(project)));
    return current(project);
  }

  /** The open technical review task of a project in technical review. */
  public Task technicalReviewOf(Project project) {
    return task("Task_TechnicalReview", registrationOf(project));
  }

  /** The contact e-mail of the demo developer that files every application here (never published). */
  public static String developerContactEmail() {
    return DEVELOPER_EMAIL;
  }

  /** The demo technical reviewer and bureau officer who act on the cases here (never published by user id). */
  public static List<String> reviewerIds() {
    return List.of(TECHNICAL_REVIEWER, BUREAU_OFFICER);
  }

  /** A project registered along the happy path (wangfang reviewed, zhangwei decided). */
  public Project aRegisteredProject() {
    return aRegisteredProjectOf(DEVELOPER);
  }

  /**
   * A project under this level-1 methodology registered along the happy path (e.g. BJCI-M-PV, whose activity data are
   * aggregates; BJCI-M-TRAVEL takes uploaded trips).
   */
  public Project aRegisteredProjectUnder(String methodologyCode) {
    return aRegistered(DEVELOPER, aCompleteApplication().underMethodology(methodologyCode));
  }

  /** The application, filed by the demo developer greentravel and registered along the happy path. */
  public Project aRegistered(Application application) {
    return aRegistered(DEVELOPER, application);
  }

  /** A project of this developer account registered along the happy path. */
  public Project aRegisteredProjectOf(String developerAccount) {
    return aRegistered(developerAccount, aCompleteApplication());
  }

  private Project aRegistered(String developerAccount, Application application) {
    ProcessInstance registration = inBureauDecision(developerAccount, application);
    completeAs(BUREAU_OFFICER, task("Task_BureauDecision", registration),
        withVariables("bureauDecision", "APPROVE", "bureauComment", "准予登记"));
    execute(job("Task_RegisterProject", registration));
    Project project = current(Long.valueOf(registration.getBusinessKey()));
    assertThat(project.getStatus()).isEqualTo(ProjectStatus.REGISTERED);
    return project;
  }

  /** A Class II project of the demo developer greentravel, disclosed along the happy path (wangfang checked). */
  public Project aDisclosedClassTwoProject() {
    return aDisclosedClassTwoProject(aClassTwoProject());
  }

  /** A Class II project of this application, disclosed along the happy path. */
  public Project aDisclosedClassTwoProject(Application application) {
    Project project = file(application);
    requestDisclosure(project);
    ProcessInstance disclosure = disclosureOf(project);
    completeAs(TECHNICAL_REVIEWER, task("Task_CheckDisclosure", disclosure),
        withVariables("disclosureDecision", "PUBLISH", "disclosureComment", "信息完整"));
    execute(job("Task_PublishDisclosure", disclosure));
    Project disclosed = current(project);
    assertThat(disclosed.getStatus()).isEqualTo(ProjectStatus.DISCLOSED);
    return disclosed;
  }

  // ---- reading back ------------------------------------------------------------------------------------------

  public ProcessInstance registrationOf(Project project) {
    return runningInstanceOf(project, REGISTRATION);
  }

  ProcessInstance disclosureOf(Project project) {
    return runningInstanceOf(project, DISCLOSURE);
  }

  public ProcessInstance cancellationOf(Project project) {
    return runningInstanceOf(project, CANCELLATION);
  }

  long runningInstancesOf(Project project, String processKey) {
    return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(project.getId()))
        .processDefinitionKey(processKey).count();
  }

  private ProcessInstance runningInstanceOf(Project project, String processKey) {
    ProcessInstance instance = runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(String.valueOf(project.getId())).processDefinitionKey(processKey)
        .singleResult();
    assertThat(instance).as("running %s of project %s", processKey, project.getId()).isNotNull();
    return instance;
  }

  /** The project as stored now. */
  public Project current(Project project) {
    return current(project.getId());
  }

  public Project current(Long projectId) {
    return projects.findById(projectId).orElseThrow();
  }

  Project projectOf(ProcessInstance instance) {
    return current(Long.valueOf(instance.getBusinessKey()));
  }

  List<CaseCheck> checksOf(Project project) {
    return checks.of(ProjectLifecycle.CASE_TYPE, project.getId());
  }

  List<DisclosureEntry> feedAbout(Project project) {
    return feed.about(ProjectLifecycle.CASE_TYPE, project.getId());
  }

  List<String> feedKindsAbout(Project project) {
    return feedAbout(project).stream().map(DisclosureEntry::getKind).toList();
  }

  List<AuditEntry> auditOf(Project project) {
    return auditTrail.of(ProjectLifecycle.CASE_TYPE, project.getId());
  }

  List<ProjectDocuments.Info> documentsOf(Project project) {
    return documents.infoOf(project.getId());
  }

  /** The notices queued for the demo developer about this project (subjects name the project). */
  List<Notification> noticesAbout(Project project) {
    return noticesTo(DEVELOPER_EMAIL, project);
  }

  List<Notification> noticesTo(String recipient, Project project) {
    return notifications.findByRecipientOrderByIdAsc(recipient).stream()
        .filter(n -> n.getSubject().contains("「" + project.getName() + "」")).toList();
  }

  List<String> noticeSubjectsAbout(Project project) {
    return noticesAbout(project).stream().map(Notification::getSubject).toList();
  }

  /** The Camunda Form a user task shows (the models bind forms by reference). */
  String formOf(Task task) {
    return taskService.createTaskQuery().taskId(task.getId()).initializeFormKeys().singleResult()
        .getCamundaFormRef().getKey();
  }

  // ---- clean-up ----------------------------------------------------------------------------------------------

  public void cleanUp() {
    identityService.clearAuthentication();
    // only the project processes: methodology instances use methodology ids as business keys, which may coincide
    for (Long projectId : filed) {
      for (String processKey : new String[] {REGISTRATION, DISCLOSURE, CANCELLATION, "AuditReport"}) {
        runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(projectId))
            .processDefinitionKey(processKey).list()
            .forEach(pi -> runtimeService.deleteProcessInstance(pi.getId(), "test finished", true, true));
      }
    }
    accounts.forEach(identityService::deleteUser);
  }
}
