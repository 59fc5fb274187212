package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** 双随机、一公开: the bureau starts the year's spot check; the draw is made at once and published. */
@RestController
@RequestMapping("/api/spot-checks")
@Tag(name = "双随机抽查 spot checks")
class SpotCheckController {
  private final SpotChecks spotChecks;
  private final CurrentUser currentUser;

  SpotCheckController(SpotChecks spotChecks, CurrentUser currentUser) {
    this.spotChecks = spotChecks;
    this.currentUser = currentUser;
  }

  /**
   * The bureau's order. Counts left out follow the rules (spotCheck*ProjectShare/Minimum, spotCheck*AgencyShare/Minimum);
   * a seed phrase left out is 32 random bytes, recorded and published with the draw.
   */
  record StartSpotCheck(@NotNull @Min(2000) @Max(9999) Integer year, @Min(0) @Max(10000) Integer projectCount,
      @Min(0) @Max(10000) Integer agencyCount,
      @Size(min = 1, max = 200) @Pattern(regexp = "[^\\p{C}]+") String seedPhrase) {}

  @Operation(summary = "启动年度双随机抽查（生态环境局）",
      description = "抽取在本请求内完成并公开：每年一次（同一年度再次启动为 409）。projectCount / agencyCount 省略时按规则参数计算；"
          + "seedPhrase 为种子口令（可复算），省略时由平台随机生成并记录")
  @PostMapping
  @PreAuthorize("hasAuthority('GROUP_bureau')")
  ResponseEntity<PublicSupervisionController.PublicSpotCheck> start(@Valid @RequestBody StartSpotCheck request) {
    SpotCheckDraw draw = spotChecks.start(new SpotChecks.Order(request.year(), request.projectCount(),
        request.agencyCount(), request.seedPhrase() == null ? null : request.seedPhrase().strip()), currentUser.id());
    return ResponseEntity.created(URI.create("/api/public/spot-checks/" + draw.getYear()))
        .body(PublicSupervisionController.PublicSpotCheck.of(spotChecks, draw));
  }
}
