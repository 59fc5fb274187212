package cn.beijing.carboninclusion.certificate;

import cn.beijing.carboninclusion.calendar.CalendarProperties;
import cn.beijing.carboninclusion.certificate.Certificate.Field;
import cn.beijing.carboninclusion.certificate.Certificate.Line;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.ForbiddenException;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.developer.DeveloperOrganisations;
import cn.beijing.carboninclusion.developer.DeveloperService;
import cn.beijing.carboninclusion.identity.CurrentUser;
import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.methodology.Methodologies;
import cn.beijing.carboninclusion.methodology.Methodology;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectApplications;
import cn.beijing.carboninclusion.project.ProjectStatus;
import cn.beijing.carboninclusion.project.Projects;
import cn.beijing.carboninclusion.registry.Issuance;
import cn.beijing.carboninclusion.registry.JournalEntry;
import cn.beijing.carboninclusion.registry.RegistryAccount;
import cn.beijing.carboninclusion.registry.RegistryBlock;
import cn.beijing.carboninclusion.registry.Retirement;
import cn.beijing.carboninclusion.registry.RetirementPurpose;
import cn.beijing.carboninclusion.registry.Serials;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the three certificates state, read from the records they certify, and who may have them:
 * <ul>
 *   <li>项目登记证书 of a REGISTERED project: its developer, the bureau, the technical center;</li>
 *   <li>减排量签发证书 of an issuance: the developer it was issued to, the bureau, the technical center;</li>
 *   <li>减排量注销（消纳）证明 of a retirement: the developer whose account it retired from, the exchange for the
 *       retirements it made (from its own or a buyer's account), the bureau, the technical center.</li>
 * </ul>
 * (An authority is bureau, techcenter or camunda-admin, as everywhere on the API; any other role is refused, 403.)
 * Someone else's record is "not found" (404); a project not (or no longer) registered, or an administrative
 * cancellation, is a conflict (409). Certificate numbers derive from what they certify, so every download of a
 * certificate is the same certificate.
 */
@Service
class Certificates {
  static final String VERIFY_NOTE = "本证书所载减排量以北京市碳普惠登记簿记录为准。任何人可通过平台公开接口 "
      + "/api/public/registry/serials/{序列号} 查询其流转记录，通过 /api/public/registry/journal/verify 校验登记簿日志哈希链。";

  private final ProjectApplications applications;
  private final Projects projects;
  private final DeveloperOrganisations organisations;
  private final DeveloperService developers;
  private final Methodologies methodologies;
  private final RegistryRecords registry;
  private final CurrentUser currentUser;
  private final CalendarProperties calendar;

  Certificates(ProjectApplications applications, Projects projects, DeveloperOrganisations organisations,
      DeveloperService developers, Methodologies methodologies, RegistryRecords registry, CurrentUser currentUser,
      CalendarProperties calendar) {
    this.applications = applications;
    this.projects = projects;
    this.organisations = organisations;
    this.developers = developers;
    this.methodologies = methodologies;
    this.registry = registry;
    this.currentUser = currentUser;
    this.calendar = calendar;
  }

  // ---------------------------------------------------------------- 项目登记证书

  /** The registration certificate of a registered project. */
  @Transactional(readOnly = true)
  Certificate projectRegistration(Long projectId) {
    Project project = applications.visible(projectId);
    if (project.getStatus() != ProjectStatus.REGISTERED) {
      throw new ConflictException("项目当前状态为「" + project.getStatus().label() + "」，只有已登记的项目出具登记证书 (project "
          + projectId + " is " + project.getStatus() + ", not REGISTERED)");
    }
    DeveloperOrganisation developer = organisations.findById(project.getDeveloperId())
        .orElseThrow(() -> new IllegalStateException("project " + projectId + " has no developer"));
    Methodology methodology = methodologies.findById(project.getMethodologyId())
        .orElseThrow(() -> new IllegalStateException("project " + projectId + " has no methodology"));
    LocalDate registeredOn = day(project.getRegisteredAt() != null ? project.getRegisteredAt()
        : project.getUpdatedAt());

    List<Field> fields = new ArrayList<>();
    fields.add(Field.of("项目名称", project.getName()));
    fields.add(Field.verbatim("项目登记编号", project.getRegistrationNo()));
    fields.add(Field.of("项目类别", project.getProjectClass().label()));
    fields.add(Field.of("项目开发方", developer.getName()));
    fields.add(Field.verbatim("统一社会信用代码", developer.getCreditCode()));
    fields.add(Field.of("方法学", methodology.getName()));
    fields.add(Field.of("方法学编号及版本", methodology.getCode() + "（第" + methodology.getVersion() + "版）"));
    fields.add(Field.of("项目所在区", project.getDistrict()));
    if (project.getAddress() != null && !project.getAddress().isBlank()) {
      fields.add(Field.of("项目地址", project.getAddress()));
    }
    fields.add(Field.of("计入期", Certificate.chineseDate(project.getCreditingStart()) + " 至 "
        + Certificate.chineseDate(project.getCreditingEnd())));
    fields.add(Field.of("登记日期", Certificate.chineseDate(registeredOn)));
    return new Certificate("项目登记证书", "BJCI-C-P-" + Serials.projectCode(project.getRegistrationNo()),
        "经技术评估、公示和审核，下列项目符合北京市碳普惠项目登记要求，准予登记，纳入北京市碳普惠项目管理，特发此证。",
        fields, "本证书依据北京市碳普惠管理平台的项目登记记录出具；项目被暂停或注销的，本证书随之失效。", registeredOn);
  }

  // ---------------------------------------------------------------- 减排量签发证书

  /** The issuance certificate: the units issued for one reduction application. */
  @Transactional(readOnly = true)
  Certificate issuance(Long issuanceId) {
    requireAuthorityOr(Groups.DEVELOPER);
    Issuance issuance = registry.issuance(issuanceId).orElseThrow(() -> new NotFoundException("issuance", issuanceId));
    if (!currentUser.isAuthority() && !ownOrganisation().map(o -> o.getId().equals(issuance.getDeveloperId()))
        .orElse(false)) {
      throw new NotFoundException("issuance", issuanceId);
    }
    String projectName = projects.findById(issuance.getProjectId())
        .filter(p -> issuance.getProjectRegistrationNo().equals(p.getRegistrationNo()))
        .map(Project::getName).orElse(null);
    String developerName = organisations.findById(issuance.getDeveloperId()).map(DeveloperOrganisation::getName)
        .orElse(null);
    JournalEntry entry = journalEntryOf(issuance.getJournalEntryId(), "issuance " + issuanceId);
    LocalDate issuedOn = day(issuance.getIssuedAt());

    List<Field> fields = new ArrayList<>();
    fields.add(Field.of("项目名称", projectName));
    fields.add(Field.verbatim("项目登记编号", issuance.getProjectRegistrationNo()));
    fields.add(Field.of("项目开发方", developerName));
    fields.add(Field.of("减排量产生年度", issuance.getVintageYear() + "年度"));
    fields.add(Field.of("签发数量", tonnes(issuance.getQuantity())));
    fields.add(Field.verbatim("序列号区间", Serials.range(issuance.getProjectRegistrationNo(),
        issuance.getVintageYear(), issuance.getFirstUnit(), issuance.getLastUnit())));
    fields.add(Field.verbatim("持有账户", RegistryAccount.number(issuance.getAccountId())));
    fields.add(Field.of("签发日期", Certificate.chineseDate(issuedOn)));
    fields.add(Field.of("登记簿日志", "第 " + entry.getId() + " 条（签发）"));
    fields.add(Field.verbatim("日志哈希（" + entry.getHashAlgorithm() + "）", entry.getHash()));
    return new Certificate("减排量签发证书", "BJCI-C-I-" + String.format("%08d", issuance.getId()),
        "经审核，下列北京市碳普惠减排量已在北京市碳普惠登记簿签发，计入项目开发方的登记簿账户，特发此证。",
        fields, VERIFY_NOTE, issuedOn);
  }

  // ---------------------------------------------------------------- 减排量注销（消纳）证明

  /** The retirement (消纳) certificate: the units retired, for which purpose, for whom. */
  @Transactional(readOnly = true)
  Certificate retirement(Long retirementId) {
    requireAuthorityOr(Groups.DEVELOPER, Groups.EXCHANGE);
    Retirement retirement = registry.retirement(retirementId)
        .orElseThrow(() -> new NotFoundException("retirement", retirementId));
    RegistryAccount account = registry.account(retirement.getAccountId())
        .orElseThrow(() -> new IllegalStateException("retirement " + retirementId + " has no account"));
    if (!currentUser.isAuthority() && !retiredBy(account)) {
      throw new NotFoundException("retirement", retirementId);
    }
    if (retirement.getKind() != Retirement.Kind.RETIREMENT) {
      throw new ConflictException("行政注销不出具消纳证明 (" + retirementId + " is an administrative cancellation)");
    }
    List<RegistryBlock> blocks = registry.blocksOf(retirement);
    JournalEntry entry = journalEntryOf(retirement.getJournalEntryId(), "retirement " + retirementId);
    LocalDate retiredOn = day(retirement.getOccurredAt());
    RetirementPurpose purpose = retirement.getPurpose();

    List<Field> fields = new ArrayList<>();
    fields.add(Field.of("注销用途", purpose.label()));
    if (purpose == RetirementPurpose.ETS_OFFSET) {
      fields.add(Field.of("重点碳排放单位", retirement.getCoveredEntity()));
      if (retirement.getCoveredEntityCreditCode() != null) {
        fields.add(Field.verbatim("统一社会信用代码", List.of(retirement.getCoveredEntityCreditCode())));
      }
      fields.add(Field.of("履约年度", retirement.getComplianceYear() == null ? null
          : retirement.getComplianceYear() + "年度"));
    } else {
      fields.add(Field.of("受益方", retirement.getBeneficiary()));
    }
    fields.add(Field.of("注销数量", tonnes(retirement.getQuantity())));
    fields.add(Field.verbatim("减排量序列号", blocks.stream().map(RegistryBlock::serialRange).toList()));
    fields.add(new Field("来源项目", sources(blocks)));
    fields.add(Field.verbatim("注销账户", account.accountNo()));
    fields.add(Field.of("注销日期", Certificate.chineseDate(retiredOn)));
    fields.add(Field.of("登记簿日志", "第 " + entry.getId() + " 条（注销）"));
    fields.add(Field.verbatim("日志哈希（" + entry.getHashAlgorithm() + "）", entry.getHash()));
    return new Certificate("减排量注销（消纳）证明", "BJCI-C-R-" + String.format("%08d", retirement.getId()),
        "兹证明下列北京市碳普惠减排量已在北京市碳普惠登记簿注销（消纳），用于下述用途，不再用于交易、抵销或其他声明，特此证明。",
        fields, VERIFY_NOTE, retiredOn);
  }

  /** Per project and vintage, its name, then {@code BJCI-P-2025-0001，2025年度，30 tCO2e} on a line of its own. */
  private List<Line> sources(List<RegistryBlock> blocks) {
    record Source(Long projectId, String registrationNo, int vintage) {}
    Map<Source, Long> quantities = new LinkedHashMap<>();
    for (RegistryBlock block : blocks) {
      quantities.merge(new Source(block.getProjectId(), block.getProjectRegistrationNo(), block.getVintageYear()),
          block.getQuantity(), Long::sum);
    }
    List<Line> lines = new ArrayList<>();
    quantities.forEach((source, quantity) -> {
      projects.findById(source.projectId()).filter(p -> source.registrationNo().equals(p.getRegistrationNo()))
          .ifPresent(p -> lines.add(Line.of(p.getName())));
      lines.add(Line.verbatim(source.registrationNo() + "，" + source.vintage() + "年度，"
          + String.format(Locale.ROOT, "%,d tCO2e", quantity)));
    });
    return lines;
  }

  /** The exchange retires from its own and its buyers' accounts; a developer from its own. */
  private boolean retiredBy(RegistryAccount account) {
    if (currentUser.isMemberOf(Groups.EXCHANGE) && (account.getKind() == RegistryAccount.Kind.EXCHANGE
        || account.getKind() == RegistryAccount.Kind.BUYER)) {
      return true;
    }
    return account.getKind() == RegistryAccount.Kind.DEVELOPER && currentUser.isMemberOf(Groups.DEVELOPER)
        && ownOrganisation().map(o -> o.getId().equals(account.getDeveloperId())).orElse(false);
  }

  private void requireAuthorityOr(String... groups) {
    if (currentUser.isAuthority()) {
      return;
    }
    for (String group : groups) {
      if (currentUser.isMemberOf(group)) {
        return;
      }
    }
    throw new ForbiddenException("无权查看该证书 (not permitted)");
  }

  private Optional<DeveloperOrganisation> ownOrganisation() {
    return currentUser.isMemberOf(Groups.DEVELOPER) ? developers.organisationOf(currentUser.id()) : Optional.empty();
  }

  private JournalEntry journalEntryOf(Long entryId, String what) {
    return registry.journalEntry(entryId)
        .orElseThrow(() -> new IllegalStateException(what + " has no journal entry"));
  }

  private LocalDate day(Instant instant) {
    return instant.atZone(calendar.zone()).toLocalDate();
  }

  static String tonnes(long quantity) {
    return String.format(Locale.ROOT, "%,d tCO2e（吨二氧化碳当量）", quantity);
  }
}
