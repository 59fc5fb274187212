package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.PublicPage;
import cn.beijing.carboninclusion.developer.UnifiedSocialCreditCode;
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
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Service agencies (audit agencies, verifiers): recorded by the authorities, read by the authorities. */
@RestController
@RequestMapping("/api/agencies")
@Tag(name = "服务机构 service agencies")
class ServiceAgencyController {
  private final ServiceAgencies agencies;
  private final Bars bars;

  ServiceAgencyController(ServiceAgencies agencies, Bars bars) {
    this.agencies = agencies;
    this.bars = bars;
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

  @Operation(summary = "服务机构名录（含是否处于禁入期），按登记先后分页（page 从 0 起，size ≤ 200），总数见 X-Total-Count 头")
  @ApiResponse(responseCode = "200", description = "本页的服务机构", headers = @Header(name = PublicPage.TOTAL_COUNT,
      description = "服务机构总数（各页合计）", schema = @Schema(type = "integer")))
  @GetMapping
  @PreAuthorize("hasAnyAuthority('GROUP_bureau', 'GROUP_techcenter', 'GROUP_camunda-admin')")
  ResponseEntity<List<AgencyView>> all(@RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    Set<Long> barred = bars.barredIds(Bar.SubjectKind.AGENCY);
    return PublicPage.answer(agencies.all(PublicPage.of(page, size))
        .map(a -> AgencyView.of(a, barred.contains(a.getId()))));
  }
}
