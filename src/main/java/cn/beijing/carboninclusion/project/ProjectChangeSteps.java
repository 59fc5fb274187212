package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.CaseHistory;
import cn.beijing.carboninclusion.common.CaseStep;
import cn.beijing.carboninclusion.common.CheckResult;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.common.ProcessMessages;
import cn.beijing.carboninclusion.common.PublicEvent;
import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.developer.DeveloperOrganisations;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps of the {@code ProjectChange} process on the domain: classification, checks, review, and the decision —
 * which, when the change is applied, creates the project's next version and updates the project row. Every step is
 * recorded in the project's audit trail; the developer (and, for a transfer, the receiving developer) is told; the
 * decision of a major change is published and releases the reduction applications held for it
 * ({@value #MESSAGE_DECIDED}).
 */
@Service
public class ProjectChangeSteps {
  public static final String MESSAGE_DECIDED = ProcessMessages.PROJECT_CHANGE_DECIDED;
  static final String KIND_LABEL = "项目变更";
  static final CaseHistory.Kind CHANGE = new CaseHistory.Kind(ProjectLifecycle.CASE_TYPE, KIND_LABEL);

  private final ProjectChanges changes;
  private final ProjectVersions versions;
  private final ProjectLifecycle lifecycle;
  private final ProjectRules rules;
  private final SchemeRuleBook schemeRules;
  private final DeveloperStanding standing;
  private final DeveloperOrganisations developers;
  private final AuditTrail auditTrail;
  private final CaseHistory history;
  private final ObjectMapper json;
  private final Clock clock;

  ProjectChangeSteps(ProjectChanges changes, ProjectVersions versions, ProjectLifecycle lifecycle, ProjectRules rules,
      SchemeRuleBook schemeRules, DeveloperStanding standing,
      DeveloperOrganisations developers, AuditTrail auditTrail, CaseHistory history, ObjectMapper json,
      Clock clock) {
    this.changes = changes;
    this.versions = versions;
    this.lifecycle = lifecycle;
    this.rules = rules;
    this.schemeRules = schemeRules;
    this.standing = standing;
    this.developers = developers;
    this.auditTrail = auditTrail;
    this.history = history;
    this.json = json;
    this.clock = clock;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public ProjectChange get(Long changeId) {
    return changes.findById(changeId).orElseThrow(() -> new NotFoundException("project change", changeId));
  }

  /**
   * Records the classification of the DMN table. A MAJOR change becomes the project's pending major change: a second
   * one is refused ({@link ConflictException}, and the database's unique {@code pending_key} refuses a concurrent one).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public ProjectChange classify(Long changeId, ProjectChange.ChangeClass changeClass, boolean acceptanceRequired) {
    ProjectChange change = get(changeId);
    if (changeClass == ProjectChange.ChangeClass.MAJOR) {
      versions.pendingMajorChange(change.getProjectId()).filter(other -> !other.getId().equals(changeId))
          .ifPresent(other -> {
            throw new ConflictException("该项目已有一项待决定的重大变更（编号 " + other.getId() + "，"
                + other.getKind().label() + "），决定前不能再提出重大变更 (a major change is already pending)");
          });
    }
    change.classify(changeClass, acceptanceRequired);
    changes.saveAndFlush(change);
    lifecycle.note(change.getProjectId(), "CHANGE_CLASSIFIED", describe(change) + "：" + (change.isMajor()
        ? "重大变更，须经技术评估和生态环境局审批" + (acceptanceRequired ? "，并须受让方确认" : "")
        : "一般变更，核查完整后生效"));
    return change;
  }

  public CheckResult checkCompleteness(Long changeId) {
    ProjectChange change = get(changeId);
    return rules.changeCompleteness(lifecycle.get(change.getProjectId()), change.getKind(), values(change),
        latest(change));
  }

  public CheckResult checkRevenueReturn(Long changeId) {
    ProjectChange change = get(changeId);
    return rules.changeRevenueReturn(change.getKind(), values(change), latest(change),
        schemeRules.share(SchemeRule.REVENUE_RETURN_MIN));
  }

  public CheckResult checkReceivingDeveloper(Long changeId) {
    ProjectChange change = get(changeId);
    if (change.getReceivingDeveloperId() == null) {
      return rules.receivingDeveloper(change.getKind(), null, null, null);
    }
    DeveloperOrganisation receiving = developer(change.getReceivingDeveloperId());
    return rules.receivingDeveloper(change.getKind(), receiving, lifecycle.get(change.getProjectId()).getDeveloperId(),
        standing.of(receiving));
  }

  /** A transfer waits for the receiving developer, who is told so. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void requestAcceptance(Long changeId) {
    ProjectChange change = get(changeId);
    move(change, ProjectChangeStatus.AWAITING_ACCEPTANCE, "待受让方确认");
    Project project = lifecycle.get(change.getProjectId());
    DeveloperOrganisation receiving = developer(change.getReceivingDeveloperId());
    DeveloperOrganisation current = lifecycle.developerOf(project);
    history.tell(CaseStep.Type.UPDATE, CHANGE, project.getId(), project.getName(), addressee(receiving),
        null, "请确认是否接受项目转让", current.getName() + "申请将项目「" + project.getName() + "」（登记编号 "
            + project.getRegistrationNo() + "）转让给贵单位，自 " + change.getEffectiveFrom()
            + " 起生效。请在平台「接受项目转让」任务中确认接受或拒绝。转让理由：" + change.getReason());
  }

  /** The change goes to technical review. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void startReview(Long changeId) {
    move(get(changeId), ProjectChangeStatus.UNDER_REVIEW, "转入技术评估");
  }

  /**
   * 变更生效: creates the next version, in force from the requested day — or, if a later-dated version was created while
   * the change was pending, from that version's day (versions never take effect out of order) — and brings the project
   * row up to the new version. Returns the new version.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public ProjectVersion apply(Long changeId, String decidedBy, String comment) {
    ProjectChange change = get(changeId);
    ProjectVersion latest = latest(change);
    String postponed = "";
    if (change.getEffectiveFrom().isBefore(latest.getEffectiveFrom())) {
      postponed = "（其间已有自 " + latest.getEffectiveFrom() + " 起生效的第 " + latest.getVersionNo()
          + " 版，本变更生效日期由 " + change.getEffectiveFrom() + " 顺延）";
      change.postponeTo(latest.getEffectiveFrom());
    }
    Instant now = Instant.now(clock);
    ProjectVersion next = versions.createNext(change.getProjectId(), values(change), changeId,
        change.getEffectiveFrom(), now);
    Project project = lifecycle.get(change.getProjectId());
    DeveloperOrganisation previousDeveloper = lifecycle.developerOf(project);
    project.amend(next, now);
    String reason = describe(change) + "已生效，形成第 " + next.getVersionNo() + " 版登记信息，自 "
        + next.getEffectiveFrom() + " 起适用" + postponed + (comment.isBlank() ? "" : "。意见：" + comment);
    decide(change, ProjectChangeStatus.APPLIED, decidedBy, comment, reason, previousDeveloper);
    if (change.getKind() == ChangeKind.DEVELOPER_TRANSFER) {
      DeveloperOrganisation receiving = developer(change.getReceivingDeveloperId());
      history.tell(CaseStep.Type.UPDATE, CHANGE, project.getId(), project.getName(), addressee(receiving), null,
          "项目转让已生效", reason + "。贵单位自即日起为该项目的开发方。");
    }
    if (change.getKind() != ChangeKind.CONTACT) {
      lifecycle.publish(project, PublicEvent.Kind.PROJECT_CHANGED, "项目变更：" + project.getName(),
          change.getKind().label() + "变更已生效，第 " + next.getVersionNo() + " 版自 " + next.getEffectiveFrom()
              + " 起适用。" + publicSummary(change, next));
    }
    if (change.isMajor()) {
      lifecycle.signalProcesses(change.getProjectId(), MESSAGE_DECIDED, reason);
    }
    return next;
  }

  /** 不予变更, 受让方拒绝, 材料不全: the change ends without effect; a held reduction application resumes. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void endWithoutEffect(Long changeId, ProjectChangeStatus outcome, String decidedBy, String comment) {
    ProjectChange change = get(changeId);
    Project project = lifecycle.get(change.getProjectId());
    String reason = describe(change) + "：" + outcome.label() + (comment.isBlank() ? "" : "。" + comment);
    decide(change, outcome, decidedBy, comment, reason, lifecycle.developerOf(project));
    if (change.isMajor()) {
      if (outcome != ProjectChangeStatus.INCOMPLETE) {
        lifecycle.publish(project, PublicEvent.Kind.PROJECT_CHANGE_REJECTED,
            "项目变更未获准：" + project.getName(), change.getKind().label() + "变更" + outcome.label() + "，现行登记信息不变。");
      }
      lifecycle.signalProcesses(change.getProjectId(), MESSAGE_DECIDED, reason);
    }
  }

  /** The project was cancelled while the change was pending: the change ends. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void terminate(Long changeId, String reason) {
    ProjectChange change = get(changeId);
    change.decided(ProjectChangeStatus.TERMINATED, AuditTrail.SYSTEM, Instant.now(clock), reason);
    lifecycle.note(change.getProjectId(), "CHANGE_TERMINATED", describe(change) + "终止：项目已注销。" + reason);
  }

  ChangeValues values(ProjectChange change) {
    try {
      return json.readValue(change.getNewValues(), ChangeValues.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable values of change " + change.getId(), e);
    }
  }

  /** What the public sees of a change: never contact data. */
  static String publicSummary(ProjectChange change, ProjectVersion version) {
    return switch (change.getKind()) {
      case CONTACT -> "";
      case ADDRESS -> "项目地址：" + version.getAddress();
      case IMPLEMENTATION_PLAN -> "收益管理方案：" + version.getRevenuePlan() + (version.getRevenueReturnRatio() == null
          ? "" : "；收益返还比例 " + ProjectRules.percent(version.getRevenueReturnRatio()));
      case REVENUE_SHARE -> "收益返还比例 " + ProjectRules.percent(version.getRevenueReturnRatio());
      case PARTICIPANT_SCOPE -> "参与者范围：" + version.getParticipantScope();
      case MONITORING_PLAN -> "监测计划：" + version.getMonitoringPlan();
      case DEVELOPER_TRANSFER -> "项目开发方变更为受让方（统一社会信用代码见项目公开信息）";
    };
  }

  static String describe(ProjectChange change) {
    return "变更申请 " + change.getId() + "（" + change.getKind().label() + "）";
  }

  private void decide(ProjectChange change, ProjectChangeStatus outcome, String decidedBy, String comment,
      String reason, DeveloperOrganisation developer) {
    ProjectChangeStatus from = change.getStatus();
    change.decided(outcome, decidedBy, Instant.now(clock), comment);
    auditTrail.record(ProjectLifecycle.CASE_TYPE, change.getProjectId(), "CHANGE_" + outcome.name(), from.name(),
        outcome.name(), reason);
    Project project = lifecycle.get(change.getProjectId());
    history.tell(CaseStep.Type.STATUS_CHANGED, kindOf(change), project.getId(), project.getName(),
        addressee(developer), from.label(), outcome.label(), reason);
  }

  private void move(ProjectChange change, ProjectChangeStatus to, String reason) {
    ProjectChangeStatus from = change.moveTo(to);
    auditTrail.record(ProjectLifecycle.CASE_TYPE, change.getProjectId(), "CHANGE_" + to.name(), from.name(),
        to.name(), describe(change) + "：" + reason);
    Project project = lifecycle.get(change.getProjectId());
    DeveloperOrganisation developer = lifecycle.developerOf(project);
    history.tell(CaseStep.Type.STATUS_CHANGED, kindOf(change), project.getId(), project.getName(),
        addressee(developer), from.label(), to.label(), reason);
  }

  private ProjectVersion latest(ProjectChange change) {
    return versions.latest(change.getProjectId())
        .orElseThrow(() -> new IllegalStateException("project " + change.getProjectId() + " has no version 1"));
  }

  private DeveloperOrganisation developer(Long id) {
    return developers.findById(id).orElseThrow(() -> new NotFoundException("developer", id));
  }

  private static CaseHistory.Kind kindOf(ProjectChange change) {
    return new CaseHistory.Kind(ProjectLifecycle.CASE_TYPE, KIND_LABEL + "（" + change.getKind().label() + "）");
  }

  private static CaseHistory.Addressee addressee(DeveloperOrganisation developer) {
    return new CaseHistory.Addressee(developer.getContactEmail(), developer.getName());
  }
}
