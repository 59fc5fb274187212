package cn.beijing.carboninclusion.methodology;

import cn.beijing.carboninclusion.common.ProcessStarts;
import static cn.beijing.carboninclusion.methodology.MethodologyVariables.*;
import static cn.beijing.carboninclusion.common.CheckDelegate.CHECK_SUMMARY;

import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.EngineAsPlatform;
import cn.beijing.carboninclusion.common.ForbiddenException;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.common.SchemeRuleSet;
import cn.beijing.carboninclusion.developer.DeveloperBars;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.developer.DeveloperService;
import cn.beijing.carboninclusion.identity.CurrentUser;
import cn.beijing.carboninclusion.identity.Groups;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Proposals of methodologies (by developers or the bureau), public comments, and revisions from evaluation. */
@Service
public class MethodologyProposals {
  static final String PROCESS = "MethodologyFormulation";
  static final String BUREAU_NAME = "北京市生态环境局";

  private final Methodologies methodologies;
  private final MethodologyComments comments;
  private final DeveloperService developers;
  private final CurrentUser currentUser;
  private final AuditTrail auditTrail;
  private final SchemeRuleBook rules;
  private final RuntimeService runtimeService;
  private final EngineAsPlatform engine;
  private final DeveloperBars bars;
  private final Clock clock;
  private final ProcessStarts processStarts;

  public MethodologyProposals(Methodologies methodologies, MethodologyComments comments, DeveloperService developers,
      CurrentUser currentUser, AuditTrail auditTrail, SchemeRuleBook rules, RuntimeService runtimeService,
      EngineAsPlatform engine, DeveloperBars bars, Clock clock, ProcessStarts processStarts) {
    this.processStarts = processStarts;
    this.methodologies = methodologies;
    this.comments = comments;
    this.developers = developers;
    this.currentUser = currentUser;
    this.auditTrail = auditTrail;
    this.rules = rules;
    this.runtimeService = runtimeService;
    this.engine = engine;
    this.bars = bars;
    this.clock = clock;
  }

  /**
   * Files a proposal of a new methodology and starts its formulation (the checks run at once). A barred developer is
   * refused (409).
   */
  @Transactional
  public Methodology propose(MethodologyProposalRequest request) {
    boolean bureau = currentUser.isMemberOf(Groups.BUREAU);
    DeveloperOrganisation developer = null;
    if (!bureau) {
      if (!currentUser.isMemberOf(Groups.DEVELOPER)) {
        throw new ForbiddenException("仅项目开发方或生态环境局可提出方法学建议 (developers and the bureau only)");
      }
      developer = developers.currentOrganisation();
      bars.requireDeveloperNotBarred(developer.getId());
    }
    if (methodologies.existsByCode(request.code())) {
      throw new ConflictException("方法学编号已存在 (code already used): " + request.code());
    }
    try {
      new ObjectMapper().readTree(request.parameters());
    } catch (Exception e) {
      throw new InvalidInputException("parameters", "不是有效的 JSON (not valid JSON)");
    }
    Methodology methodology = new Methodology(request.code(), 1, request.name().trim(), request.field().trim(),
        request.proposedLevel(), MethodologyStatus.DRAFT, request.formula().trim(), request.parameters(), false,
        Instant.now(clock));
    methodology.propose(currentUser.id(), developer == null ? null : developer.getId(), request.proposedLevel(),
        request.applicability(), request.baselineScenario(), request.projectScenario(),
        request.monitoringRequirements(), null);
    methodologies.saveAndFlush(methodology);
    auditTrail.record(MethodologyLifecycle.CASE_TYPE, methodology.getId(), "PROPOSED", null,
        MethodologyStatus.DRAFT.name(), "提出方法学建议");
    startFormulation(methodology, developer == null ? BUREAU_NAME : developer.getName());
    return methodology;
  }

  /** A revision decided by an evaluation: the next version of the code, as a draft, into formulation. */
  @Transactional
  public Methodology startRevision(Methodology current, String reason) {
    int next = methodologies.findByCodeOrderByVersionDesc(current.getCode()).get(0).getVersion() + 1;
    Methodology revision = new Methodology(current.getCode(), next, current.getName(), current.getField(),
        current.getLevel(), MethodologyStatus.DRAFT, current.getFormula(), current.getParameters(),
        current.isExampleValues(), Instant.now(clock));
    revision.propose(null, current.getProposerDeveloperId(), current.getLevel(), current.getApplicability(),
        current.getBaselineScenario(), current.getProjectScenario(), current.getMonitoringRequirements(),
        current.getId());
    methodologies.saveAndFlush(revision);
    auditTrail.record(MethodologyLifecycle.CASE_TYPE, revision.getId(), "PROPOSED", null,
        MethodologyStatus.DRAFT.name(), "动态评估后修订第" + current.getVersion() + "版：" + reason);
    startFormulation(revision, BUREAU_NAME + "（动态评估后修订）");
    return revision;
  }

  /** A public comment during 征求意见 (anyone, no login). */
  @Transactional
  public MethodologyComment comment(Long methodologyId, String name, String contact, String content) {
    Methodology methodology = methodologies.findById(methodologyId)
        .orElseThrow(() -> new NotFoundException("methodology", methodologyId));
    if (methodology.getStatus() != MethodologyStatus.PUBLIC_COMMENT) {
      throw new ConflictException("该方法学不在征求意见期 (not in public comment)");
    }
    return comments.save(new MethodologyComment(methodologyId, blankToNull(name), blankToNull(contact),
        content.trim(), Instant.now(clock)));
  }

  @Transactional(readOnly = true)
  public Methodology get(Long id) {
    return methodologies.findById(id).orElseThrow(() -> new NotFoundException("methodology", id));
  }

  /** The versions of one methodology code, newest first. */
  @Transactional(readOnly = true)
  public List<Methodology> versionsOf(String code) {
    return methodologies.findByCodeOrderByVersionDesc(code);
  }

  @Transactional(readOnly = true)
  public List<Methodology> all() {
    return methodologies.findAll().stream()
        .sorted((a, b) -> a.getCode().equals(b.getCode()) ? b.getVersion() - a.getVersion()
            : a.getCode().compareTo(b.getCode()))
        .toList();
  }

  private void startFormulation(Methodology methodology, String proposerName) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(METHODOLOGY_ID, methodology.getId());
    variables.put(PROPOSER_NAME, proposerName);
    if (methodology.getProposerDeveloperId() != null) {
      variables.put(PROPOSER_DEVELOPER_ID, methodology.getProposerDeveloperId());
    }
    variables.put(CODE, methodology.getCode());
    variables.put(NAME, methodology.getName() + "（第" + methodology.getVersion() + "版）");
    variables.put(FIELD, methodology.getField());
    variables.put(PROPOSED_LEVEL, String.valueOf(methodology.getProposedLevel()));
    variables.put(SUMMARY, summary(methodology));
    variables.put(CHECK_SUMMARY, "");
    variables.put(EXPERT_SUMMARY, "");
    variables.put(COMMENT_SUMMARY, "");
    SchemeRuleSet current = rules.current();
    variables.put(REVIEW_DUE, current.duration(SchemeRule.METHODOLOGY_REVIEW_WORKING_DAYS));
    variables.put(COMMENT_DURATION, current.duration(SchemeRule.METHODOLOGY_COMMENT_WORKING_DAYS));
    variables.put(DECISION_DUE, current.duration(SchemeRule.METHODOLOGY_DECISION_WORKING_DAYS));
    engine.run(() -> runtimeService.startProcessInstanceById(processStarts.latestActive(PROCESS), String.valueOf(methodology.getId()),
        variables));
  }

  private static String summary(Methodology m) {
    return "领域：" + m.getField() + "\n建议级别：" + (m.getProposedLevel() == 1 ? "一级" : "二级")
        + "\n适用条件：" + dash(m.getApplicability()) + "\n基准情景：" + dash(m.getBaselineScenario())
        + "\n项目情景：" + dash(m.getProjectScenario()) + "\n监测要求：" + dash(m.getMonitoringRequirements())
        + "\n计算公式：" + m.getFormula();
  }

  private static String dash(String value) {
    return value == null || value.isBlank() ? "—" : value;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
