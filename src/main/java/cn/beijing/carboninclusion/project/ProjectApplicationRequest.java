package cn.beijing.carboninclusion.project;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A project application (登记申请 for Class I, 备案 for Class II), the JSON part {@code application} of
 * {@code POST /api/projects}. The documents come as the file parts {@code designDocument} and
 * {@code implementationPlan}.
 */
public record ProjectApplicationRequest(
    @NotBlank @Size(max = 200) String name,
    @NotNull ProjectClass projectClass,
    @NotBlank @Size(max = 40) String methodologyCode,
    @NotBlank @Size(max = 60) String district,
    @Size(max = 300) String address,
    @Size(max = 4000) String description,
    LocalDate startDate,
    LocalDate creditingStart,
    LocalDate creditingEnd,
    @DecimalMin("0.0") @DecimalMax("1.0") BigDecimal revenueReturnRatio,
    @Size(max = 4000) String publicInterestCommitment,
    @Size(max = 4000) String revenuePlan,
    @Size(max = 50) List<@Valid @NotNull Identifier> identifiers) {

  /** An identifier of the project's site, asset or activity, or its registration in another scheme. */
  public record Identifier(
      @NotBlank @Size(max = 40) String scheme,
      @NotBlank @Size(max = 200) String identifier,
      boolean alreadyCredited) {}

  @AssertTrue(message = "计入期结束日期须晚于开始日期 (crediting period ends before it starts)")
  boolean isCreditingEnd() {
    return creditingStart == null || creditingEnd == null || creditingEnd.isAfter(creditingStart);
  }

  @AssertTrue(message = "一类项目须申报至少一个项目标识（场所、设施或其他机制登记号）(Class I needs identifiers)")
  boolean isIdentifiers() {
    return projectClass != ProjectClass.CLASS_I || (identifiers != null && !identifiers.isEmpty());
  }

  @AssertTrue(message = "一类项目须载明收益返还比例 (Class I needs the revenue return ratio)")
  boolean isRevenueReturnRatio() {
    return projectClass != ProjectClass.CLASS_I || revenueReturnRatio != null;
  }

  @AssertTrue(message = "一类项目须载明计入期 (Class I needs a crediting period)")
  boolean isCreditingStart() {
    return projectClass != ProjectClass.CLASS_I || (creditingStart != null && creditingEnd != null);
  }
}
