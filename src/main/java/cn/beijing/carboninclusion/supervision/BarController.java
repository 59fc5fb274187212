package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.PublicPage;
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
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Bars (禁入) of developers and service agencies: placed and lifted by the bureau. */
@RestController
@RequestMapping("/api/bars")
@Tag(name = "禁入 bars")
class BarController {
  private final Bars bars;

  BarController(Bars bars) {
    this.bars = bars;
  }

  record PlaceBar(@NotNull Bar.SubjectKind subjectKind, @NotNull Long subjectId,
      @NotBlank @Size(max = 4000) String reason, LocalDate until) {}

  record Lift(@NotBlank @Size(max = 4000) String reason) {}

  record BarView(Long id, Bar.SubjectKind subjectKind, String subjectKindLabel, Long subjectId, String subjectName,
      String reason, LocalDate barredFrom, LocalDate barredUntil, boolean inForce, String barredBy, Instant barredAt,
      Instant liftedAt, String liftedBy, String liftReason) {
    static BarView of(Bar b, LocalDate today) {
      return new BarView(b.getId(), b.getSubjectKind(), b.getSubjectKind().label(), b.getSubjectId(),
          b.getSubjectName(), b.getReason(), b.getBarredFrom(), b.getBarredUntil(), b.isInForceOn(today),
          b.getBarredBy(), b.getBarredAt(), b.getLiftedAt(), b.getLiftedBy(), b.getLiftReason());
    }
  }

  @Operation(summary = "禁入项目开发方或服务机构（生态环境局）",
      description = "until 省略时禁入至今天加规则参数 barYears 年（scheme-rules.dmn，默认 3 年）；同一对象同时只有一个有效禁入")
  @PostMapping
  @PreAuthorize("hasAuthority('GROUP_bureau')")
  ResponseEntity<BarView> bar(@Valid @RequestBody PlaceBar request) {
    Bar bar = bars.bar(request.subjectKind(), request.subjectId(), request.reason().strip(), request.until());
    return ResponseEntity.created(URI.create("/api/bars/" + bar.getId())).body(BarView.of(bar, bars.today()));
  }

  @Operation(summary = "解除禁入（生态环境局）")
  @PostMapping("/{id}/lift")
  @PreAuthorize("hasAuthority('GROUP_bureau')")
  BarView lift(@PathVariable Long id, @Valid @RequestBody Lift request) {
    return BarView.of(bars.lift(id, request.reason().strip()), bars.today());
  }

  @Operation(summary = "禁入记录（生态环境局、技术中心），最新在前，分页（page 从 0 起，size ≤ 200），总数见 X-Total-Count 头")
  @ApiResponse(responseCode = "200", description = "本页的禁入记录", headers = @Header(name = PublicPage.TOTAL_COUNT,
      description = "禁入记录总数（各页合计）", schema = @Schema(type = "integer")))
  @GetMapping
  @PreAuthorize("hasAnyAuthority('GROUP_bureau', 'GROUP_techcenter')")
  ResponseEntity<List<BarView>> all(@RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    LocalDate today = bars.today();
    return PublicPage.answer(bars.page(PublicPage.of(page, size)).map(b -> BarView.of(b, today)));
  }
}
