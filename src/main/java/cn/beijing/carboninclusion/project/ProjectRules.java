package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.CheckResult;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.methodology.Methodology;
import cn.beijing.carboninclusion.project.external.ExternalRegistrations;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The registration rules of Chapter 3 of the measures, as plain methods (no engine, no database): each returns a
 * {@link CheckResult} the delegates record on the case.
 */
public class ProjectRules {
  /** Statuses in which a project blocks another application for the same identifiers. */
  public static final Set<ProjectStatus> ACTIVE = EnumSet.of(ProjectStatus.SUBMITTED, ProjectStatus.UNDER_REVIEW,
      ProjectStatus.SUPPLEMENT_REQUESTED, ProjectStatus.IN_PUBLICITY, ProjectStatus.REGISTERED, ProjectStatus.SUSPENDED);

  static final String METHODOLOGY = "核查方法学有效性";
  static final String DEVELOPER = "核查开发方资格";
  static final String DUPLICATE = "核查重复申报";
  static final String DUPLICATE_SITE = "核查项目地点重复";
  static final String EXTERNAL = "核查其他减排机制登记";
  static final String REVENUE = "核查收益返还比例";
  static final String DOCUMENTS = "核查申请材料完整性";

  /** Registration only under a methodology that is EFFECTIVE today and of level 1. */
  public CheckResult methodology(Methodology methodology, LocalDate today) {
    if (methodology == null) {
      return CheckResult.failed(METHODOLOGY, "Error_MethodologyNotEffective", "所依据的方法学不存在");
    }
    String name = methodology.getName() + "（" + methodology.getCode() + " 第" + methodology.getVersion() + "版）";
    if (!methodology.isEffectiveOn(today)) {
      return CheckResult.failed(METHODOLOGY, "Error_MethodologyNotEffective",
          "方法学" + name + "当前不处于有效状态（" + methodology.getStatus().label() + "），不能据以登记");
    }
    if (methodology.getLevel() != 1) {
      return CheckResult.failed(METHODOLOGY, "Error_LevelTwoMethodology", "方法学" + name
          + "为二级方法学，据其开发的项目为二类项目，无需登记，不签发减排量；可申请公开项目信息");
    }
    return CheckResult.passed(METHODOLOGY, "方法学" + name + "为有效的一级方法学");
  }

  /** The developer is active and not barred on the day of the check. */
  public CheckResult developer(DeveloperOrganisation developer, LocalDate today) {
    if (developer.mayFileOn(today)) {
      return CheckResult.passed(DEVELOPER, developer.getName() + "状态正常");
    }
    String until = developer.getBarredUntil() == null ? "" : "（至 " + developer.getBarredUntil() + "）";
    return CheckResult.failed(DEVELOPER, "Error_DeveloperBarred", developer.getName() + "处于"
        + (developer.getStatus() == DeveloperOrganisation.Status.BARRED ? "禁止申报期" + until : "注销状态")
        + "，不得申请登记" + (developer.getBarReason() == null ? "" : "。原因：" + developer.getBarReason()));
  }

  /** The developer is under a bar (禁入) in force through {@code until}: it may not apply for registration. */
  public CheckResult barred(DeveloperOrganisation developer, LocalDate until, String reason) {
    return CheckResult.failed(DEVELOPER, "Error_DeveloperBarred", developer.getName() + "处于禁止申报期"
        + (until == null ? "" : "（至 " + until + "）") + "，不得申请登记。原因：" + reason);
  }

  /**
   * 重复申报: hard failures for an identifier already credited in another scheme, for an active project under the same
   * methodology declaring the same identifier, and for any cancelled project declaring it (a cancelled project never
   * registers again); a soft finding for active projects under another methodology and for earlier rejected or
   * withdrawn applications.
   */
  public CheckResult duplicates(Project project, Collection<Match> matches) {
    List<String> hard = new ArrayList<>();
    List<String> soft = new ArrayList<>();
    for (ProjectIdentifier id : project.getIdentifiers()) {
      if (id.isAlreadyCredited()) {
        hard.add("标识 " + id.getScheme() + ":" + id.getIdentifier() + " 已在其他减排机制中获得签发");
      }
    }
    for (Match match : matches) {
      String where = "项目「" + match.projectName() + "」（编号 " + match.projectId() + "，" + match.status().label()
          + "）已申报标识 " + match.scheme() + ":" + match.identifier();
      if (match.status() == ProjectStatus.CANCELLED) {
        hard.add(where + "，已注销的项目不得重新登记");
      } else if (ACTIVE.contains(match.status()) && match.sameMethodology()) {
        hard.add(where);
      } else if (ACTIVE.contains(match.status())) {
        soft.add(where + "（不同方法学，请评估是否重复计算）");
      } else {
        soft.add(where + "（该申请已终止，供参考）");
      }
    }
    if (!hard.isEmpty()) {
      return CheckResult.failed(DUPLICATE, "Error_DuplicateApplication", "存在重复申报：" + String.join("；", hard));
    }
    if (!soft.isEmpty()) {
      return CheckResult.flagged(DUPLICATE, String.join("；", soft));
    }
    return CheckResult.passed(DUPLICATE, "未发现重复申报（已比对 " + project.getIdentifiers().size() + " 个申报标识）");
  }

  /**
   * 项目地点重复: the same site (district and normalised address, or coordinates within the rule's distance) as
   * another Beijing project. Hard failures for a cancelled project's site (under whatever identifier: a cancelled
   * project never comes back) and for an active project under the same methodology; a soft finding for an active
   * project under another methodology and for earlier rejected or withdrawn applications.
   */
  public CheckResult duplicateSites(Project project, Collection<SiteMatch> matches, int metres) {
    List<String> hard = new ArrayList<>();
    List<String> soft = new ArrayList<>();
    for (SiteMatch match : matches) {
      Project other = match.project();
      String where = "项目「" + other.getName() + "」（编号 " + other.getId() + (other.getRegistrationNo() == null ? ""
          : "，登记编号 " + other.getRegistrationNo()) + "，" + other.getStatus().label() + "，" + other.getDistrict()
          + " " + (other.getAddress() == null ? "" : other.getAddress()) + "）与本项目" + match.how();
      if (other.getStatus() == ProjectStatus.CANCELLED) {
        hard.add(where + "，已注销项目的地点不得以新的标识重新登记");
      } else if (ACTIVE.contains(other.getStatus()) && match.sameMethodology()) {
        hard.add(where);
      } else if (ACTIVE.contains(other.getStatus())) {
        soft.add(where + "（不同方法学，请评估是否重复计算）");
      } else {
        soft.add(where + "（该申请已终止，供参考）");
      }
    }
    if (!hard.isEmpty()) {
      return CheckResult.failed(DUPLICATE_SITE, "Error_DuplicateSite", "存在同一地点的本市项目："
          + String.join("；", hard));
    }
    if (!soft.isEmpty()) {
      return CheckResult.flagged(DUPLICATE_SITE, String.join("；", soft));
    }
    String site = project.getSiteKey() == null ? "未填写地址"
        : "地址规范化为「" + project.getSiteKey().replace("|", " ") + "」";
    String coordinates = project.getLatitude() == null ? "未提供坐标"
        : "坐标 " + project.getLatitude().toPlainString() + ", " + project.getLongitude().toPlainString() + "（比对 "
            + metres + " 米以内）";
    return CheckResult.passed(DUPLICATE_SITE, "未发现同一地点的本市项目（" + site + "；" + coordinates + "）");
  }

  /** Another Beijing project on this project's site, and how the site matched. */
  public record SiteMatch(Project project, String how, boolean sameMethodology) {}

  /**
   * 其他减排机制登记: a project registered in another scheme (an imported registration matching a declared
   * identifier or the site) is a hard failure; the detail names each registration for the reviewer.
   */
  public CheckResult externalRegistrations(Collection<ExternalRegistrations.Match> matches, long versions,
      long registrations) {
    if (matches.isEmpty()) {
      return CheckResult.passed(EXTERNAL, versions == 0 ? "尚未导入其他减排机制的登记清单，未能比对"
          : "未发现在其他减排机制登记的记录（已比对 " + versions + " 个导入版本中的 " + registrations + " 条登记）");
    }
    List<String> found = matches.stream().map(m -> m.sourceLabel() + " 登记编号 " + m.externalId() + "「" + m.name()
        + "」（" + m.district() + " " + m.address() + "，登记日期 " + m.registeredOn() + "；第 " + m.importVersion()
        + " 版导入清单，清单日期 " + m.listDate() + "）：" + m.how()).toList();
    return CheckResult.failed(EXTERNAL, "Error_RegisteredElsewhere", "项目已在其他减排机制登记，不得重复登记："
        + String.join("；", found));
  }

  /** A declared identifier of this project found on another project. */
  public record Match(Long projectId, String projectName, ProjectStatus status, String scheme, String identifier,
      boolean sameMethodology) {}

  /**
   * The implementation plan returns at least {@code minimumShare} of net proceeds to participants (the scheme rule
   * {@code revenueReturnMin}, read by the caller from the rule book when the check runs).
   */
  public CheckResult revenueReturn(Project project, BigDecimal minimumShare) {
    BigDecimal ratio = project.getRevenueReturnRatio();
    String minimum = percent(minimumShare);
    if (ratio == null) {
      return CheckResult.failed(REVENUE, "Error_RevenueReturnTooLow", "组织实施方案未载明收益返还比例（不低于" + minimum + "）");
    }
    if (ratio.compareTo(minimumShare) < 0) {
      return CheckResult.failed(REVENUE, "Error_RevenueReturnTooLow",
          "收益返还比例 " + percent(ratio) + " 低于规定的 " + minimum);
    }
    return CheckResult.passed(REVENUE, "收益返还比例 " + percent(ratio) + "，不低于 " + minimum);
  }

  /** The application carries a design document, an implementation plan, the commitment and the revenue plan. */
  public CheckResult documents(Project project, Collection<ProjectDocuments.Info> documents) {
    List<String> missing = new ArrayList<>();
    for (ProjectDocument.Kind required : List.of(ProjectDocument.Kind.DESIGN_DOCUMENT,
        ProjectDocument.Kind.IMPLEMENTATION_PLAN)) {
      if (documents.stream().noneMatch(d -> d.kind() == required && d.sizeBytes() > 0)) {
        missing.add(required.label());
      }
    }
    if (isBlank(project.getPublicInterestCommitment())) {
      missing.add("公益性承诺");
    }
    if (isBlank(project.getRevenuePlan())) {
      missing.add("收益管理方案");
    }
    if (!missing.isEmpty()) {
      return CheckResult.failed(DOCUMENTS, "Error_DocumentsIncomplete", "申请材料不完整，缺少：" + String.join("、", missing));
    }
    List<String> notPdf = documents.stream().filter(d -> !"application/pdf".equals(d.contentType()))
        .map(ProjectDocuments.Info::filename).toList();
    if (!notPdf.isEmpty()) {
      return CheckResult.flagged(DOCUMENTS, "材料齐全；以下文件不是 PDF 格式，请核对内容：" + String.join("、", notPdf));
    }
    return CheckResult.passed(DOCUMENTS, "材料齐全（" + documents.size() + " 份文件）");
  }

  static final String CHANGE_CONTENT = "核查变更内容完整性";
  static final String CHANGE_REVENUE = "核查变更后收益返还比例";
  static final String CHANGE_RECEIVER = "核查受让开发方资格";
  /** The one BPMN error of a failed change check; the change then ends without effect. */
  public static final String CHANGE_CHECK_FAILED = "Error_ChangeCheckFailed";

  /**
   * 变更完整性: the project is registered (or suspended), the change carries the values its kind needs, and it changes
   * something compared with the latest version.
   */
  public CheckResult changeCompleteness(Project project, ChangeKind kind, ChangeValues values, ProjectVersion latest) {
    if (project.getStatus() != ProjectStatus.REGISTERED && project.getStatus() != ProjectStatus.SUSPENDED) {
      return CheckResult.failed(CHANGE_CONTENT, CHANGE_CHECK_FAILED, "项目当前状态为「" + project.getStatus().label()
          + "」，仅已登记或已暂停的项目可以变更");
    }
    List<String> changed = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    compare("地址", values.address(), latest.getAddress(), changed);
    if (values.revenueReturnRatio() != null && (latest.getRevenueReturnRatio() == null
        || values.revenueReturnRatio().compareTo(latest.getRevenueReturnRatio()) != 0)) {
      changed.add("收益返还比例");
    }
    compare("收益管理方案", values.revenuePlan(), latest.getRevenuePlan(), changed);
    compare("参与者范围", values.participantScope(), latest.getParticipantScope(), changed);
    compare("监测计划", values.monitoringPlan(), latest.getMonitoringPlan(), changed);
    compare("联系人", values.contactName(), latest.getContactName(), changed);
    compare("联系电话", values.contactPhone(), latest.getContactPhone(), changed);
    compare("联系邮箱", values.contactEmail(), latest.getContactEmail(), changed);
    if (values.newDeveloperId() != null && !values.newDeveloperId().equals(latest.getDeveloperId())) {
      changed.add("项目开发方");
    }
    if (kind == ChangeKind.DEVELOPER_TRANSFER && values.newDeveloperId() == null) {
      missing.add("受让开发方");
    }
    if (kind == ChangeKind.IMPLEMENTATION_PLAN && isBlank(values.revenuePlan())) {
      missing.add("收益管理方案");
    }
    if (!missing.isEmpty()) {
      return CheckResult.failed(CHANGE_CONTENT, CHANGE_CHECK_FAILED, "变更内容不完整，缺少：" + String.join("、", missing));
    }
    if (changed.isEmpty()) {
      return CheckResult.failed(CHANGE_CONTENT, CHANGE_CHECK_FAILED, "所报新值与现行第 " + latest.getVersionNo()
          + " 版登记信息相同，无需变更");
    }
    return CheckResult.passed(CHANGE_CONTENT, "变更" + kind.label() + "：" + String.join("、", changed));
  }

  /** The revenue return ratio after the change still meets the configured minimum (as at registration). */
  public CheckResult changeRevenueReturn(ChangeKind kind, ChangeValues values, ProjectVersion latest,
      BigDecimal minimumShare) {
    BigDecimal ratio = values.revenueReturnRatio() != null ? values.revenueReturnRatio() : latest.getRevenueReturnRatio();
    String minimum = percent(minimumShare);
    if (kind != ChangeKind.IMPLEMENTATION_PLAN && kind != ChangeKind.REVENUE_SHARE) {
      return CheckResult.passed(CHANGE_REVENUE, "本次变更不涉及收益返还比例"
          + (ratio == null ? "" : "（现行 " + percent(ratio) + "）"));
    }
    if (ratio == null) {
      return CheckResult.failed(CHANGE_REVENUE, CHANGE_CHECK_FAILED, "变更后的组织实施方案未载明收益返还比例（不低于" + minimum + "）");
    }
    if (ratio.compareTo(minimumShare) < 0) {
      return CheckResult.failed(CHANGE_REVENUE, CHANGE_CHECK_FAILED,
          "变更后收益返还比例 " + percent(ratio) + " 低于规定的 " + minimum);
    }
    return CheckResult.passed(CHANGE_REVENUE, "变更后收益返还比例 " + percent(ratio) + "，不低于 " + minimum);
  }

  /**
   * The receiving developer of a transfer is another organisation, active and not barred (as at registration):
   * {@code standing} is its standing today (see {@code DeveloperStanding}).
   */
  public CheckResult receivingDeveloper(ChangeKind kind, DeveloperOrganisation receiving, Long currentDeveloperId,
      CheckResult standing) {
    if (kind != ChangeKind.DEVELOPER_TRANSFER) {
      return CheckResult.passed(CHANGE_RECEIVER, "本次变更不涉及项目开发方");
    }
    if (receiving.getId().equals(currentDeveloperId)) {
      return CheckResult.failed(CHANGE_RECEIVER, CHANGE_CHECK_FAILED, "受让方即为现项目开发方");
    }
    return standing.failed()
        ? CheckResult.failed(CHANGE_RECEIVER, CHANGE_CHECK_FAILED, "受让方" + standing.detail().replace("不得申请登记", "不得受让项目"))
        : CheckResult.passed(CHANGE_RECEIVER, "受让方" + standing.detail());
  }

  private static void compare(String label, String next, String current, List<String> changed) {
    if (next != null && !next.equals(current)) {
      changed.add(label);
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  static String percent(BigDecimal ratio) {
    return ratio.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
  }
}
