package cn.beijing.carboninclusion.reduction;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * 减排量申请: {@code POST /api/projects/{id}/reduction-applications}. {@code activities} are the aggregate activity
 * records the methodology's formula needs (e.g. {@code {"netGenerationMWh": 100}}). Under a trip-level methodology
 * (the formula's {@code activityLevel} is {@code "trip"}, e.g. low-carbon travel) aggregates are refused: the trips are
 * uploaded as CSV to a draft ({@code submit: false}) before it is submitted. {@code verifierAgencyId} is the recorded
 * verifier (核查机构, {@code GET /api/agencies?kind=VERIFIER}) the developer engaged to verify the claim.
 */
public record ReductionApplicationRequest(
    @NotNull LocalDate periodStart,
    @NotNull LocalDate periodEnd,
    @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000000") BigDecimal claimedTco2e,
    @NotBlank @Size(max = 8000) String monitoringReport,
    @Size(max = 10_000) List<Map<String, Object>> activities,
    Boolean submit,
    @NotNull Long verifierAgencyId) {

  @AssertTrue(message = "监测期结束日期不得早于开始日期 (period ends before it starts)")
  boolean isPeriodEnd() {
    return periodStart == null || periodEnd == null || !periodEnd.isBefore(periodStart);
  }

  boolean submitNow() {
    return submit == null || submit;
  }
}
