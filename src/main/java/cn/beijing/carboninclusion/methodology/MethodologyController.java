package cn.beijing.carboninclusion.methodology;

import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.ClientRateLimiter;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.common.PublicPage;
import cn.beijing.carboninclusion.identity.CurrentUser;
import cn.beijing.carboninclusion.methodology.PublicMethodologies.MethodologyView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Methodologies: proposals, public comments, on-demand evaluations, recomputation, and the public list. */
@RestController
@Tag(name = "方法学 methodologies")
@Transactional
class MethodologyController {
  private final MethodologyProposals proposals;
  private final MethodologyEvaluations evaluations;
  private final MethodologyOpinions opinions;
  private final MethodologyComments comments;
  private final CaseChecks checks;
  private final AuditTrail auditTrail;
  private final CurrentUser currentUser;
  private final ClientRateLimiter rateLimiter;
  private final PublicMethodologies published;

  MethodologyController(MethodologyProposals proposals, MethodologyEvaluations evaluations,
      MethodologyOpinions opinions, MethodologyComments comments, CaseChecks checks, AuditTrail auditTrail,
      CurrentUser currentUser, ClientRateLimiter rateLimiter, PublicMethodologies published) {
    this.proposals = proposals;
    this.evaluations = evaluations;
    this.opinions = opinions;
    this.comments = comments;
    this.checks = checks;
    this.auditTrail = auditTrail;
    this.currentUser = currentUser;
    this.rateLimiter = rateLimiter;
    this.published = published;
  }

  record Opinion(String expert, String opinion, String comment, Instant givenAt) {}

  record Check(String check, String outcome, String detail) {}

  record History(String action, String fromStatus, String toStatus, String actor, Instant at, String reason) {}

  record MethodologyDetail(MethodologyView methodology, List<Check> checks, List<Opinion> expertOpinions,
      List<History> history) {}

  @Operation(summary = "提出方法学建议（项目开发方、生态环境局），启动方法学制定流程")
  @PostMapping("/api/methodologies")
  @PreAuthorize("hasAnyAuthority('GROUP_developer', 'GROUP_bureau')")
  ResponseEntity<MethodologyDetail> propose(@Valid @RequestBody MethodologyProposalRequest request) {
    Methodology methodology = proposals.propose(request);
    return ResponseEntity.created(URI.create("/api/methodologies/" + methodology.getId())).body(detail(methodology));
  }

  @Operation(summary = "全部方法学（各版本）")
  @GetMapping("/api/methodologies")
  List<MethodologyView> all() {
    return proposals.all().stream().map(this::view).toList();
  }

  @Operation(summary = "方法学详情：自动核查结果、专家意见（主管部门可见）、办理记录")
  @GetMapping("/api/methodologies/{id}")
  MethodologyDetail get(@PathVariable Long id) {
    return detail(proposals.get(id));
  }

  @Operation(summary = "要求对方法学开展动态评估（生态环境局）")
  @PostMapping("/api/methodologies/{id}/evaluations")
  @PreAuthorize("hasAuthority('GROUP_bureau')")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, Object> requestEvaluation(@PathVariable Long id) {
    proposals.get(id);
    evaluations.request(id);
    return Map.of("methodologyId", id, "message", "已启动动态评估，技术中心将开展评估");
  }

  /**
   * A calculation is a check of the formula on a sample (up to 10,000 records, under a second); whole monitoring
   * periods go through the streamed activity upload of a reduction application.
   */
  record Calculation(@NotNull @Size(max = MAX_CALCULATION_ACTIVITIES,
      message = "一次试算至多 10000 条活动记录，完整监测期数据请通过减排量申请的活动数据上传 (at most 10,000 records; "
          + "upload a whole period as the application's activity data)") List<Map<String, Object>> activities) {}

  static final int MAX_CALCULATION_ACTIVITIES = 10_000;

  record CalculationResult(Long methodologyId, BigDecimal reduction, String unit, int activities) {}

  @Operation(summary = "按方法学公式计算减排量（平台复算）")
  @PostMapping("/api/methodologies/{id}/calculations")
  CalculationResult calculate(@PathVariable Long id, @Valid @RequestBody Calculation request) {
    Methodology methodology = proposals.get(id);
    ReductionFormula formula;
    BigDecimal result;
    try {
      formula = ReductionFormula.parse(methodology.getFormula(), methodology.getParameters());
      result = formula.compute(request.activities());
    } catch (FormulaException e) {
      throw new InvalidInputException("activities", e.getMessage());
    }
    return new CalculationResult(id, result, formula.unit(), request.activities().size());
  }

  record Comment(@Size(max = 100) String name, @Size(max = 200) String contact,
      @NotBlank @Size(min = 5, max = 4000, message = "意见内容须为 5 至 4000 字 (5 to 4000 characters)") String content) {}

  @Operation(summary = "对征求意见中的方法学提出意见（无需登录）")
  @PostMapping("/api/methodologies/{id}/comments")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> comment(@PathVariable Long id, @Valid @RequestBody Comment request, HttpServletRequest http) {
    rateLimiter.acquire("comment", http.getRemoteAddr());
    MethodologyComment comment = proposals.comment(id, request.name(), request.contact(), request.content());
    return Map.of("commentId", comment.getId(), "methodologyId", id, "message", "意见已收到，将在定稿时研究处理");
  }

  @Operation(summary = "公开的方法学（征求意见中、现行、已修订、已废止），分页")
  @GetMapping("/api/public/methodologies")
  org.springframework.http.ResponseEntity<List<MethodologyView>> published(
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    // tens of methodologies, read whole and cut (common.PublicPage bounds the page)
    return PublicPage.answer(published.find(PublicMethodologies.Criteria.ALL), page, size);
  }

  @Operation(summary = "公开的方法学详情")
  @GetMapping("/api/public/methodologies/{id}")
  MethodologyView publishedOne(@PathVariable Long id) {
    return published.get(id);
  }

  private MethodologyView view(Methodology m) {
    return published.view(m);
  }

  private MethodologyDetail detail(Methodology m) {
    boolean authority = currentUser.isAuthority();
    return new MethodologyDetail(view(m),
        checks.of(MethodologyLifecycle.CASE_TYPE, m.getId()).stream()
            .map(c -> new Check(c.getCheckName(), c.getOutcome().name(), c.getDetail())).toList(),
        authority ? opinions.findByMethodologyIdOrderByIdAsc(m.getId()).stream()
            .map(o -> new Opinion(o.getExpert(), o.getOpinion(), o.getComment(), o.getGivenAt())).toList() : List.of(),
        auditTrail.of(MethodologyLifecycle.CASE_TYPE, m.getId()).stream()
            .map(e -> new History(e.getAction(), e.getFromStatus(), e.getToStatus(),
                authority || AuditTrail.SYSTEM.equals(e.getActor()) ? e.getActor() : "主管部门", e.getOccurredAt(),
                e.getReason())).toList());
  }
}
