package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.IdempotencyKeys;
import cn.beijing.carboninclusion.identity.CaseScope;
import cn.beijing.carboninclusion.identity.ConfidentialRead;
import cn.beijing.carboninclusion.identity.CurrentUser;
import cn.beijing.carboninclusion.project.ProjectScope;
import cn.beijing.carboninclusion.registry.Registry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Reduction applications through the platform API. */
@RestController
@Tag(name = "减排量申请 reduction applications")
@Transactional
class ReductionController {
  private final ReductionApplicationService service;
  private final CaseChecks checks;
  private final AuditTrail auditTrail;
  private final CurrentUser currentUser;
  private final Registry registry;

  ReductionController(ReductionApplicationService service, CaseChecks checks, AuditTrail auditTrail,
      CurrentUser currentUser, Registry registry) {
    this.registry = registry;
    this.service = service;
    this.checks = checks;
    this.auditTrail = auditTrail;
    this.currentUser = currentUser;
  }

  record Check(String check, String outcome, String detail) {}

  record History(String action, String fromStatus, String toStatus, String actor, Instant at, String reason) {}

  record ApplicationView(Long id, Long projectId, LocalDate periodStart, LocalDate periodEnd, BigDecimal claimedTco2e,
      BigDecimal recomputedTco2e, BigDecimal recomputeLimitTco2e, BigDecimal verifiedTco2e, BigDecimal approvedTco2e, Long issuedQuantity,
      String firstSerial, String lastSerial, Long issuanceId, String certificate, ReductionStatus status,
      String statusLabel, String statusReason, Instant submittedAt, boolean aboveRecomputation, String excessReason,
      List<Check> checks, List<History> history) {}

  @Operation(summary = "申请减排量登记（开发方）；submit=false 时保存为草稿，可先上传活动记录再提交",
      description = "可带 Idempotency-Key 头：本项目已用过的键不再立案（409，指明已有的申请）。")
  @PostMapping("/api/projects/{projectId}/reduction-applications")
  @PreAuthorize("hasAuthority('GROUP_developer')")
  @CaseScope(kind = ProjectScope.KIND, variable = "projectId")
  ResponseEntity<ApplicationView> apply(@PathVariable Long projectId,
      @Valid @RequestBody ReductionApplicationRequest request,
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey) {
    ReductionApplication application = service.apply(projectId, request, IdempotencyKeys.validated(idempotencyKey));
    return ResponseEntity.created(URI.create("/api/reduction-applications/" + application.getId()))
        .body(view(application));
  }

  @Operation(summary = "提交减排量申请草稿（开发方）")
  @PostMapping("/api/reduction-applications/{id}/submission")
  ApplicationView submit(@PathVariable Long id) {
    return view(service.submit(id));
  }

  @Operation(summary = "减排量申请详情")
  @ConfidentialRead(object = "REDUCTION_APPLICATION", fields = "申报量、核证量、审核意见")
  @GetMapping("/api/reduction-applications/{id}")
  ApplicationView get(@PathVariable Long id) {
    return view(service.visible(id));
  }

  @Operation(summary = "项目的减排量申请")
  @ConfidentialRead(object = "REDUCTION_APPLICATION", fields = "申报量、核证量")
  @GetMapping("/api/projects/{projectId}/reduction-applications")
  List<ApplicationView> ofProject(@PathVariable Long projectId) {
    return service.ofProject(projectId).stream().map(this::view).toList();
  }

  private ApplicationView view(ReductionApplication a) {
    boolean authority = currentUser.isAuthority();
    Long issuanceId = registry.issuanceIdOf(a.getId()).orElse(null);
    return new ApplicationView(a.getId(), a.getProjectId(), a.getPeriodStart(), a.getPeriodEnd(), a.getClaimedTco2e(),
        a.getRecomputedTco2e(), a.getRecomputeLimitTco2e(), a.getVerifiedTco2e(), a.getApprovedTco2e(), a.getIssuedQuantity(), a.getFirstSerial(),
        a.getLastSerial(), issuanceId, issuanceId == null ? null
            : "/api/registry/issuances/" + issuanceId + "/certificate", a.getStatus(), a.getStatus().label(), a.getStatusReason(), a.getSubmittedAt(),
        a.isAboveRecomputation(), a.getExcessReason(),
        checks.of(ReductionLifecycle.CASE_TYPE, a.getId()).stream()
            .map(c -> new Check(c.getCheckName(), c.getOutcome().name(), c.getDetail())).toList(),
        auditTrail.of(ReductionLifecycle.CASE_TYPE, a.getId()).stream()
            .map(e -> new History(e.getAction(), e.getFromStatus(), e.getToStatus(),
                authority || AuditTrail.SYSTEM.equals(e.getActor()) || e.getActor().equals(currentUser.id())
                    ? e.getActor() : "主管部门", e.getOccurredAt(), e.getReason())).toList());
  }
}
