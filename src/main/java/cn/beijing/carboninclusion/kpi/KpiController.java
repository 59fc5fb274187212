package cn.beijing.carboninclusion.kpi;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The scheme's KPIs for the bureau, the technical center and administrators (docs/kpi.md). */
@RestController
@RequestMapping("/api/kpi")
@Tag(name = "运行指标 KPIs")
class KpiController {
  private final KpiSnapshots snapshots;

  KpiController(KpiSnapshots snapshots) {
    this.snapshots = snapshots;
  }

  @GetMapping
  @PreAuthorize("hasAnyAuthority('GROUP_bureau', 'GROUP_techcenter', 'GROUP_camunda-admin')")
  @Operation(summary = "碳普惠运行指标（缓存的快照，按 carbon-inclusion.kpi.refresh-interval 刷新）")
  SchemeKpiSnapshot snapshot() {
    return snapshots.current();
  }
}
