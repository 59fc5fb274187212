package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.reduction.activity.ActivityUploads;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/**
 * Test support for reduction applications as the demo developer greentravel files them: under the trip-level
 * low-carbon travel methodology a draft, its trips uploaded, then submitted; under an aggregate methodology (PV) the
 * activities with the application.
 */
public final class ReductionCases {
  /** The reduction of one bus passenger-km (kg): EF_baseline 0.104 − EF_bus 0.052 (example values). */
  public static final String BUS_KG_PER_KM = "0.052";

  private final ProjectCases cases;
  private final ReductionApplicationService service;
  private final ActivityUploads uploads;

  public ReductionCases(ApplicationContext context, ProjectCases cases) {
    this.cases = cases;
    this.service = context.getBean(ReductionApplicationService.class);
    this.uploads = context.getBean(ActivityUploads.class);
  }

  /**
   * Files and submits an application of a travel project for the period, whose uploaded trips are bus trips of
   * {@code busKm} passenger-km in all (at most 500 km a trip): e.g. 100,000 km recompute to 5.2 tCO2e.
   */
  public ReductionApplication fileTrips(Project project, LocalDate start, LocalDate end, String claimed, int busKm) {
    return fileTrips(project, start, end, claimed, busKm, cases.demoVerifierId());
  }

  /** The same, engaging the given verifier (核查机构). */
  public ReductionApplication fileTrips(Project project, LocalDate start, LocalDate end, String claimed, int busKm,
      long verifierAgencyId) {
    ReductionApplication draft = cases.as("greentravel", Groups.DEVELOPER, () -> service.apply(project.getId(),
        new ReductionApplicationRequest(start, end, new BigDecimal(claimed), "监测报告：公交出行里程来自平台记录。",
            null, false, verifierAgencyId)));
    cases.as("greentravel", Groups.DEVELOPER, () -> uploads.uploadAsDeveloper(draft.getId(),
        new ByteArrayInputStream(busTrips(busKm).getBytes(StandardCharsets.UTF_8))));
    return cases.as("greentravel", Groups.DEVELOPER, () -> service.submit(draft.getId()));
  }

  /** The same for the monitoring period 2025-04-01 to 2025-06-30. */
  public ReductionApplication fileTrips(Project project, String claimed, int busKm) {
    return fileTrips(project, LocalDate.of(2025, 4, 1), LocalDate.of(2025, 6, 30), claimed, busKm);
  }

  /** Files and submits an application with aggregate activities (a methodology that takes them, e.g. PV). */
  public ReductionApplication fileAggregate(Project project, String claimed, List<Map<String, Object>> activities) {
    return cases.as("greentravel", Groups.DEVELOPER, () -> service.apply(project.getId(),
        new ReductionApplicationRequest(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 6, 30), new BigDecimal(claimed),
            "监测报告：电表计量净发电量。", activities, true, cases.demoVerifierId())));
  }

  /** Bus trips of {@code km} passenger-km in all, 500 km a trip at most, with trip ids no other test uses. */
  public static String busTrips(int km) {
    StringBuilder csv = new StringBuilder("participant_id,trip_id,mode,distance_km,timestamp\n");
    String batch = UUID.randomUUID().toString();
    int left = km;
    for (int i = 0; left > 0; i++) {
      int distance = Math.min(500, left);
      left -= distance;
      csv.append("p").append(i % 7).append(',').append(batch).append('-').append(i).append(",bus,")
          .append(distance).append(",2025-05-0").append(1 + i % 9).append("T08:00:00+08:00\n");
    }
    return csv.toString();
  }
}
