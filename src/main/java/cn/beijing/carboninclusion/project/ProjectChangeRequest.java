package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.developer.UnifiedSocialCreditCode;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A change request ({@code POST /api/projects/{id}/changes}): the kind of change, the new values of the fields that
 * kind carries ({@link ChangeKind#fields()}; others must be left out), the reasons and the day from which the change
 * applies (today when left out).
 */
public record ProjectChangeRequest(
    @NotNull ChangeKind kind,
    @NotBlank @Size(max = 4000) String reason,
    LocalDate effectiveFrom,
    @Size(max = 300) String address,
    @DecimalMin("0.0") @DecimalMax("1.0") BigDecimal revenueReturnRatio,
    @Size(max = 4000) String revenuePlan,
    @Size(max = 4000) String participantScope,
    @Size(max = 4000) String monitoringPlan,
    @Size(max = 100) String contactName,
    @Size(max = 40) @Pattern(regexp = "[0-9+\\- ]{5,40}", message = "电话号码格式不正确 (invalid phone number)")
    String contactPhone,
    @Size(max = 200) @Email String contactEmail,
    @UnifiedSocialCreditCode String newDeveloperCreditCode) {

  /** The value of a request field by name ({@link ChangeKind#fields()}); null when not given. */
  Object value(String field) {
    return switch (field) {
      case "address" -> blankToNull(address);
      case "revenueReturnRatio" -> revenueReturnRatio;
      case "revenuePlan" -> blankToNull(revenuePlan);
      case "participantScope" -> blankToNull(participantScope);
      case "monitoringPlan" -> blankToNull(monitoringPlan);
      case "contactName" -> blankToNull(contactName);
      case "contactPhone" -> blankToNull(contactPhone);
      case "contactEmail" -> blankToNull(contactEmail);
      case "newDeveloperCreditCode" -> blankToNull(newDeveloperCreditCode);
      default -> throw new IllegalArgumentException(field);
    };
  }

  static final java.util.List<String> VALUE_FIELDS = java.util.List.of("address", "revenueReturnRatio", "revenuePlan",
      "participantScope", "monitoringPlan", "contactName", "contactPhone", "contactEmail", "newDeveloperCreditCode");

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
