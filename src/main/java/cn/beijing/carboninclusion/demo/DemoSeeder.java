package cn.beijing.carboninclusion.demo;

import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.developer.DeveloperService;
import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.methodology.Methodologies;
import cn.beijing.carboninclusion.methodology.Methodology;
import cn.beijing.carboninclusion.methodology.MethodologyEvaluations;
import cn.beijing.carboninclusion.methodology.MethodologyExamples;
import cn.beijing.carboninclusion.methodology.MethodologyStatus;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectApplicationRequest;
import cn.beijing.carboninclusion.project.ProjectApplications;
import cn.beijing.carboninclusion.project.ProjectClass;
import cn.beijing.carboninclusion.project.Projects;
import cn.beijing.carboninclusion.project.UploadedFile;
import cn.beijing.carboninclusion.project.external.ExternalRegistrations;
import cn.beijing.carboninclusion.registry.ets.EtsCoveredEntities;
import cn.beijing.carboninclusion.supervision.AgencyAccounts;
import cn.beijing.carboninclusion.supervision.AgencyKind;
import cn.beijing.carboninclusion.supervision.ServiceAgencies;
import cn.beijing.carboninclusion.supervision.ServiceAgency;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seeds demo users (every group, three developer organisations) and demo data on the first start of a demo
 * platform ({@code carbon-inclusion.demo.enabled}). The example methodology values are examples, marked so.
 */
@Component
public class DemoSeeder {
  private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

  record DemoUser(String id, String firstName, String lastName, String group) {}

  record DemoOrganisation(String creditCode, String name, DeveloperOrganisation.Kind kind, String email,
      List<String> members) {}

  static final List<DemoUser> USERS = List.of(
      new DemoUser("zhangwei", "伟", "张", Groups.BUREAU),
      new DemoUser("lina", "娜", "李", Groups.BUREAU),
      new DemoUser("wangfang", "芳", "王", Groups.TECHCENTER),
      new DemoUser("liuyang", "洋", "刘", Groups.TECHCENTER),
      new DemoUser("chenjing", "静", "陈", Groups.EXCHANGE),
      new DemoUser("greentravel", "敏", "赵", Groups.DEVELOPER),
      new DemoUser("sunroof", "立", "孙", Groups.DEVELOPER),
      new DemoUser("lowcarbon", "强", "周", Groups.DEVELOPER),
      new DemoUser("expertgao", "教授", "高", Groups.EXPERT),
      new DemoUser("experthu", "研究员", "胡", Groups.EXPERT),
      new DemoUser("expertma", "教授", "马", Groups.EXPERT),
      new DemoUser("expertsong", "高工", "宋", Groups.EXPERT),
      // 三员分立: the system administrator is the platform's admin user (camunda-admin); these are the other two
      new DemoUser("anquan", "管理员", "安全", Groups.SECURITY_ADMIN),
      new DemoUser("shenji", "管理员", "审计", Groups.AUDIT_ADMIN),
      new DemoUser("hecha", "核查员", "郑", Groups.VERIFIER),
      new DemoUser("kuaiji", "审计师", "吴", Groups.AUDITOR));

  /** A verifier and an audit firm, each with its demo account. */
  record DemoAgency(String creditCode, String name, AgencyKind kind, String member) {}

  static final List<DemoAgency> AGENCIES = List.of(
      new DemoAgency("91110105MA01HC8K5C", "北京中碳核查技术有限公司（示例）", AgencyKind.VERIFIER, "hecha"),
      new DemoAgency("91110108MA03AU1D2U", "北京信诚会计师事务所（示例）", AgencyKind.AUDITOR, "kuaiji"));

  static final List<DemoOrganisation> ORGANISATIONS = List.of(
      new DemoOrganisation("91110105MA01ABCD13", "北京绿色出行科技有限公司", DeveloperOrganisation.Kind.ENTERPRISE,
          "greentravel@developer.example", List.of("greentravel")),
      new DemoOrganisation("91110108MA02EFGH3X", "北京阳光屋顶能源有限公司", DeveloperOrganisation.Kind.ENTERPRISE,
          "sunroof@developer.example", List.of("sunroof")),
      new DemoOrganisation("52110000MJ01234569", "北京市低碳社区促进会", DeveloperOrganisation.Kind.SOCIAL_ORGANISATION,
          "lowcarbon@developer.example", List.of("lowcarbon")));

  private final DemoProperties properties;
  private final IdentityService identityService;
  private final DeveloperService developers;
  private final Methodologies methodologies;
  private final Clock clock;
  private final ProjectApplications applications;
  private final Projects projects;
  private final MethodologyEvaluations evaluations;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final ManagementService managementService;
  private final ServiceAgencies agencies;
  private final AgencyAccounts agencyAccounts;
  private final ExternalRegistrations externalRegistrations;
  private final EtsCoveredEntities etsCoveredEntities;

  public DemoSeeder(DemoProperties properties, IdentityService identityService, DeveloperService developers,
      Methodologies methodologies, Clock clock, ProjectApplications applications, Projects projects,
      MethodologyEvaluations evaluations, RuntimeService runtimeService, TaskService taskService,
      ManagementService managementService, ServiceAgencies agencies, AgencyAccounts agencyAccounts,
      ExternalRegistrations externalRegistrations, EtsCoveredEntities etsCoveredEntities) {
    this.etsCoveredEntities = etsCoveredEntities;
    this.agencies = agencies;
    this.agencyAccounts = agencyAccounts;
    this.externalRegistrations = externalRegistrations;
    this.evaluations = evaluations;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.managementService = managementService;
    this.properties = properties;
    this.identityService = identityService;
    this.developers = developers;
    this.methodologies = methodologies;
    this.clock = clock;
    this.applications = applications;
    this.projects = projects;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(10)
  @Transactional
  public void seed() {
    if (!properties.enabled()) {
      return;
    }
    seedUsers();
    seedOrganisations();
    seedAgencies();
    seedMethodologies();
    seedApplications();
    seedExternalRegistrations();
    seedEtsCoveredEntities();
  }

  /**
   * A small list of covered entities of the Beijing ETS (example entities with valid credit codes, marked 示例),
   * imported by zhangwei as version 1, so that a demo ETS offset (消纳 for ETS_OFFSET, naming
   * {@code 91110105MA01B0001R} and compliance year 2025) has an entity and a limit: 5% of 20 000 tCO2e = 1 000 tCO2e.
   */
  private void seedEtsCoveredEntities() {
    if (etsCoveredEntities.versions() > 0) {
      return;
    }
    String csv = """
        credit_code,name,compliance_year,verified_emissions
        91110105MA01B0001R,北京示例热电有限公司（示例）,2025,20000
        91110108MA01B00028,北京示例数据中心有限公司（示例）,2025,8500.5
        91110112MA01B00034,北京示例水泥有限公司（示例）,2025,120000
        91110105MA01B0001R,北京示例热电有限公司（示例）,2024,21000
        """;
    identityService.setAuthentication("zhangwei", List.of(Groups.BUREAU));
    try {
      etsCoveredEntities.importList(new java.io.ByteArrayInputStream(csv.getBytes(
          java.nio.charset.StandardCharsets.UTF_8)), "重点碳排放单位名单（示例）.csv",
          "演示数据：北京市重点碳排放单位名单（示例单位，非真实名单）", "2025-06-30");
    } finally {
      identityService.clearAuthentication();
    }
    log.info("demo list of ETS covered entities imported (version 1, example entities)");
  }

  /**
   * A small list of projects registered in other schemes (example entries), imported by wangfang as version 1, so
   * that the duplicate check has something to compare with and 其他减排机制登记 has a version to show.
   */
  private void seedExternalRegistrations() {
    if (externalRegistrations.extent()[0] > 0) {
      return;
    }
    String csv = """
        source,external_id,name,district,address,latitude,longitude,registered_on
        CCER,CCER-11-2024-0007,延庆区八达岭风电场扩建项目（示例）,延庆区,八达岭镇石峡村北,40.3612,115.9801,2024-08-16
        VERRA,VCS 2871,Beijing Fangshan Biogas Recovery (example),房山区,窦店镇工业园区 3 号,39.6507,116.0921,2023-05-10
        CN-GD,GDPHCER-2024-0316,广州市公共自行车低碳出行项目（示例）,天河区,天河路 385 号,23.1322,113.3275,2024-03-01
        """;
    identityService.setAuthentication("wangfang", List.of(Groups.TECHCENTER));
    try {
      externalRegistrations.importList(new java.io.ByteArrayInputStream(csv.getBytes(
          java.nio.charset.StandardCharsets.UTF_8)), "其他减排机制登记清单（示例）.csv",
          "演示数据：其他减排机制登记清单（示例条目，非真实登记）", "2025-06-30");
    } finally {
      identityService.clearAuthentication();
    }
    log.info("demo list of registrations in other schemes imported (version 1, example entries)");
  }

  /** Two Class I applications for the technical center's queue and one recorded Class II project. */
  private void seedApplications() {
    if (projects.count() > 0) {
      return;
    }
    asDeveloper("greentravel", () -> applications.apply(new ProjectApplicationRequest("“绿色出行”公交地铁出行碳普惠项目",
        ProjectClass.CLASS_I, "BJCI-M-TRAVEL", "海淀区", "中关村大街27号", "引导市民以公交、地铁、骑行和步行替代小汽车出行",
        LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 1), LocalDate.of(2030, 12, 31), new BigDecimal("0.92"),
        "减排量收益扣除运营成本后全部用于参与者激励和公益活动", "扣除运营成本后 92% 以积分和礼品形式返还参与者",
        List.of(new ProjectApplicationRequest.Identifier("APP", "green-travel-app", false))),
        documents(), "demo-travel"));
    Project pv = asDeveloper("sunroof", () -> applications.apply(new ProjectApplicationRequest("朝阳区社区屋顶分布式光伏项目",
        ProjectClass.CLASS_I, "BJCI-M-PV", "朝阳区", "望京街道", "社区公共建筑屋顶分布式光伏，自发自用、余电上网",
        LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 1), LocalDate.of(2035, 5, 31), new BigDecimal("0.90"),
        "收益优先用于社区公共设施维护", "扣除运维成本后 90% 返还屋顶提供方和社区居民",
        List.of(new ProjectApplicationRequest.Identifier("METER", "CY-WJ-PV-0001", false))),
        documents(), "demo-pv"));
    Project parking = asDeveloper("lowcarbon", () -> applications.apply(new ProjectApplicationRequest("低碳社区小客车自愿停驶倡议",
        ProjectClass.CLASS_II, "BJCI-M-PARKING", "东城区", null, "倡议社区居民每周自愿停驶一天", null, null, null, null,
        "不以营利为目的", "活动收益全部用于社区绿化", List.of()), List.of(), "demo-parking"));
    progress(pv, parking);
    log.info("demo applications filed: one Class I application awaits technical review, one is in publicity "
        + "(objections open on the portal), one Class II project is disclosed");
  }

  /**
   * Works two demo cases as the demo reviewers would, so that the portal shows a project in publicity (with its
   * objection form) and a disclosed Class II project: the PV application passes technical review (wangfang) and its
   * publicity starts; the Class II project's disclosure is checked (liuyang) and published.
   */
  private void progress(Project pv, Project parking) {
    ProcessInstance registration = instanceOf("ProjectRegistration", pv);
    runJob(registration, "Task_StartReview");
    completeAs("wangfang", Groups.TECHCENTER, registration, "Task_TechnicalReview",
        Map.of("reviewDecision", "APPROVE", "reviewComment", "（演示）申请材料齐全，技术评估通过，进入公示"));
    runJob(registration, "Task_StartPublicity");

    asDeveloper("lowcarbon", () -> applications.requestDisclosure(parking.getId()));
    ProcessInstance disclosure = instanceOf("ProjectDisclosure", parking);
    completeAs("liuyang", Groups.TECHCENTER, disclosure, "Task_CheckDisclosure",
        Map.of("disclosureDecision", "PUBLISH", "disclosureComment", "（演示）公开信息完整"));
    runJob(disclosure, "Task_PublishDisclosure");
  }

  private ProcessInstance instanceOf(String processKey, Project project) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(processKey)
        .processInstanceBusinessKey(String.valueOf(project.getId())).singleResult();
  }

  private void runJob(ProcessInstance instance, String activityId) {
    Job job = managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId)
        .singleResult();
    managementService.executeJob(job.getId());
  }

  private void completeAs(String userId, String group, ProcessInstance instance, String taskKey,
      Map<String, Object> variables) {
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(taskKey)
        .singleResult();
    identityService.setAuthentication(userId, List.of(group));
    try {
      taskService.claim(task.getId(), userId);
      taskService.complete(task.getId(), variables);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private <T> T asDeveloper(String userId, Supplier<T> work) {
    identityService.setAuthentication(userId, List.of(Groups.DEVELOPER));
    try {
      return work.get();
    } finally {
      identityService.clearAuthentication();
    }
  }

  private static List<UploadedFile> documents() {
    byte[] example = "%PDF-1.4\n% 示例文件 (demo document)\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return List.of(new UploadedFile("designDocument", "项目设计文件（示例）.pdf", "application/pdf", example),
        new UploadedFile("implementationPlan", "组织实施方案（示例）.pdf", "application/pdf", example));
  }

  private void seedUsers() {
    for (DemoUser demo : USERS) {
      if (identityService.createUserQuery().userId(demo.id()).count() > 0) {
        continue;
      }
      User user = identityService.newUser(demo.id());
      user.setFirstName(demo.firstName());
      user.setLastName(demo.lastName());
      user.setEmail(demo.id() + "@carbon-inclusion.example");
      user.setPassword(properties.password());
      identityService.saveUser(user);
      identityService.createMembership(demo.id(), demo.group());
      log.info("demo user {} ({}{}) in group {}", demo.id(), demo.lastName(), demo.firstName(), demo.group());
    }
  }

  private void seedOrganisations() {
    for (DemoOrganisation demo : ORGANISATIONS) {
      if (developers.organisationOf(demo.members().get(0)).isPresent()) {
        continue;
      }
      DeveloperOrganisation organisation = developers.register(demo.creditCode(), demo.name(), demo.kind(),
          demo.email());
      demo.members().forEach(member -> developers.addMember(organisation.getId(), member));
    }
  }

  private void seedAgencies() {
    for (DemoAgency demo : AGENCIES) {
      if (agencies.page(demo.creditCode(), org.springframework.data.domain.Pageable.unpaged()).isEmpty()) {
        ServiceAgency agency = agencies.record(demo.creditCode(), demo.name(), demo.kind());
        agencyAccounts.link(agency.getId(), demo.member(), "demo");
      }
    }
  }

  private void seedMethodologies() {
    if (methodologies.existsByCode("BJCI-M-TRAVEL")) {
      return;
    }
    Instant now = Instant.now(clock);
    LocalDate effective = LocalDate.of(2025, 1, 1);
    List<Methodology> seeded = List.of(
        example("BJCI-M-TRAVEL", "北京市低碳出行碳普惠方法学（示例）", "交通", 1, MethodologyExamples.TRAVEL_FORMULA,
            MethodologyExamples.TRAVEL_PARAMETERS, "本市居民以公交、轨道交通、骑行、步行替代小客车出行",
            "以小型客车出行为基准情景", "公交、轨道交通、骑行、步行出行", "按出行记录监测出行方式与距离（平台采集、去标识化）",
            now),
        example("BJCI-M-PV", "分布式光伏发电碳普惠方法学（示例）", "可再生能源", 1, MethodologyExamples.PV_FORMULA,
            MethodologyExamples.PV_PARAMETERS, "本市建筑屋顶等场所的分布式光伏发电", "同等电量由华北区域电网供应",
            "分布式光伏发电上网或自用", "按电表计量净发电量", now),
        example("BJCI-M-PARKING", "小客车自愿停驶碳普惠方法学（示例）", "交通", 2, MethodologyExamples.PARKING_FORMULA,
            MethodologyExamples.PARKING_PARAMETERS, "本市小客车车主自愿停驶", "车辆正常行驶", "车辆停驶",
            "按停驶申报与核验记录", now));
    seeded.forEach(m -> m.makeEffective(effective));
    methodologies.saveAll(seeded);
    seeded.forEach(evaluations::startCycle);
    log.info("demo methodologies seeded (example values) with their evaluation cycles");
  }

  private static Methodology example(String code, String name, String field, int level, String formula,
      String parameters, String applicability, String baseline, String projectScenario, String monitoring,
      Instant now) {
    Methodology methodology = new Methodology(code, 1, name, field, level, MethodologyStatus.DRAFT, formula,
        parameters, true, now);
    methodology.propose("admin", null, level, applicability, baseline, projectScenario, monitoring, null);
    return methodology;
  }
}
