package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.PublicPage;
import cn.beijing.carboninclusion.developer.UnifiedSocialCreditCode;
import cn.beijing.carboninclusion.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Service agencies (audit agencies, verifiers): recorded by the authorities, read by the authorities. */
@RestController
@RequestMapping("/api/agencies")
@Tag(name = "服务机构 service agencies")
class ServiceAgencyController {
  private final ServiceAgencies agencies;
  private final Bars bars;
  private final AgencyAccounts accounts;
  private final CurrentUser currentUser;

  ServiceAgencyController(ServiceAgencies agencies, Bars bars, AgencyAccounts accounts, CurrentUser currentUser) {
    this.agencies = agencies;
    this.bars = bars;
    this.accounts = accounts;
    this.currentUser = currentUser;
  }

  record Declare(@NotNull Long developerId, @NotNull AgencyRelationship.Kind kind, @Size(max = 2000) String note) {}

  record RelationshipView(Long id, Long agencyId, Long developerId, AgencyRelationship.Kind kind, String kindLabel,
      String note, String declaredBy, Instant declaredAt) {
    static RelationshipView of(AgencyRelationship r) {
      return new RelationshipView(r.getId(), r.getAgencyId(), r.getDeveloperId(), r.getKind(), r.getKind().label(),
          r.getNote(), r.getDeclaredBy(), r.getDeclaredAt());
    }
  }

  record RecordAgency(
      @NotBlank @UnifiedSocialCreditCode String creditCode,
      @NotBlank @Size(max = 200) String name,
      @NotNull AgencyKind kind) {}

  record AgencyView(Long id, String creditCode, String name, AgencyKind kind, String kindLabel, boolean barred,
      String createdBy, Instant createdAt) {
    static AgencyView of(ServiceAgency a, boolean barred) {
      return new AgencyView(a.getId(), a.getCreditCode(), a.getName(), a.getKind(), a.getKind().label(), barred,
          a.getCreatedBy(), a.getCreatedAt());
    }
  }

  @Operation(summary = "登记服务机构（生态环境局、技术中心）")
  @PostMapping
  @PreAuthorize("hasAnyAuthority('GROUP_bureau', 'GROUP_techcenter')")
  ResponseEntity<AgencyView> record(@Valid @RequestBody RecordAgency request) {
    ServiceAgency agency = agencies.record(request.creditCode(), request.name(), request.kind());
    return ResponseEntity.created(URI.create("/api/agencies/" + agency.getId())).body(AgencyView.of(agency, false));
  }

  @Operation(summary = "服务机构名录（含是否处于禁入期），可按类别筛选（kind=VERIFIER 核查机构：开发方据此委托核查），"
      + "按登记先后分页（page 从 0 起，size ≤ 200），总数见 X-Total-Count 头")
  @ApiResponse(responseCode = "200", description = "本页的服务机构", headers = @Header(name = PublicPage.TOTAL_COUNT,
      description = "服务机构总数（各页合计）", schema = @Schema(type = "integer")))
  @GetMapping
  @PreAuthorize("hasAnyAuthority('GROUP_bureau', 'GROUP_techcenter', 'GROUP_camunda-admin', 'GROUP_developer')")
  ResponseEntity<List<AgencyView>> all(@RequestParam(required = false) AgencyKind kind,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    Set<Long> barred = bars.barredIds(Bar.SubjectKind.AGENCY);
    boolean authority = currentUser.isAuthority();
    // a developer reads what it needs to engage an agency; who recorded it is the authorities' business
    return PublicPage.answer(agencies.all(kind, PublicPage.of(page, size))
        .map(a -> AgencyView.of(a, barred.contains(a.getId())))
        .map(view -> authority ? view : new AgencyView(view.id(), view.creditCode(), view.name(), view.kind(),
            view.kindLabel(), view.barred(), null, null)));
  }

  @Operation(summary = "将账号关联到服务机构（安全管理员；账号须属 verifier 或 auditor 组，与机构类别一致）")
  @PutMapping("/{id}/members/{userId}")
  @PreAuthorize("hasAuthority('GROUP_secadmin')")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void link(@PathVariable Long id, @PathVariable @Size(max = 64) String userId) {
    accounts.link(id, userId, currentUser.id());
  }

  @Operation(summary = "登记服务机构与项目开发方的关联关系（生态环境局、技术中心）：有关联的核查机构不得核查该开发方的申请")
  @PostMapping("/{id}/relationships")
  @PreAuthorize("hasAnyAuthority('GROUP_bureau', 'GROUP_techcenter')")
  @ResponseStatus(HttpStatus.CREATED)
  RelationshipView declare(@PathVariable Long id, @Valid @RequestBody Declare request) {
    return RelationshipView.of(accounts.declare(id, request.developerId(), request.kind(), request.note()));
  }

  @Operation(summary = "服务机构已登记的关联关系（生态环境局、技术中心）")
  @GetMapping("/{id}/relationships")
  @PreAuthorize("hasAnyAuthority('GROUP_bureau', 'GROUP_techcenter')")
  List<RelationshipView> relationships(@PathVariable Long id) {
    return accounts.relationshipsOf(id).stream().map(RelationshipView::of).toList();
  }
}
