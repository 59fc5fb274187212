package cn.beijing.carboninclusion.project;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A project application (登记申请 for Class I, 备案 for Class II), the JSON part {@code application} of
 * {@code POST /api/projects}. The documents come as the file parts {@code designDocument} and
 * {@code implementationPlan}. The site ({@code district}, {@code address}, optionally {@code latitude} and
 * {@code longitude} in WGS-84 degrees) is what the duplicate checks compare with every Beijing project and with the
 * registrations imported from other schemes.
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
    @Size(max = 50) List<@Valid @NotNull Identifier> identifiers,
    @DecimalMin("-90") @DecimalMax("90") @Digits(integer = 2, fraction = 7) BigDecimal latitude,
    @DecimalMin("-180") @DecimalMax("180") @Digits(integer = 3, fraction = 7) BigDecimal longitude) {

  /** An application without site coordinates. */
  public ProjectApplicationRequest(String name, ProjectClass projectClass, String methodologyCode, String district,
      String address, String description, LocalDate startDate, LocalDate creditingStart, LocalDate creditingEnd,
      BigDecimal revenueReturnRatio, String publicInterestCommitment, String revenuePlan,
      List<Identifier> identifiers) {
    this(name, projectClass, methodologyCode, district, address, description, startDate, creditingStart,
        creditingEnd, revenueReturnRatio, publicInterestCommitment, revenuePlan, identifiers, null, null);
  }

  /** An identifier of the project's site, asset or activity, or its registration in another scheme. */
  public record Identifier(
      @NotBlank @Size(max = 40) String scheme,
      @NotBlank @Size(max = 200) String identifier,
      boolean alreadyCredited) {}

  @AssertTrue(message = "项目地点坐标须同时给出纬度和经度 (latitude and longitude come together)")
  boolean isLongitude() {
    return (latitude == null) == (longitude == null);
  }

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
