package cn.beijing.carboninclusion.registry;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

/** What the registry's operations take (the API's request bodies); {@link RegistryViews} is what they return. */
public final class RegistryCommands {
  static final String REGISTRATION_NO = "BJCI-P-[0-9A-Za-z]+(-[0-9A-Za-z]+)*";

  /** Transfer of the caller's units to the exchange; with {@code blockId}, out of that block only. */
  public record TransferCommand(@NotNull @Positive Long quantity, Long blockId) {}

  /**
   * A sale the exchange reports. The buyer is an existing account ({@code buyerAccountNo}) or a new one opened with
   * this trade ({@code buyerName}); exactly one of the two. {@code proceeds} defaults to quantity × price;
   * {@code tradeDate} to today.
   */
  public record TradeCommand(
      @NotBlank @Pattern(regexp = REGISTRATION_NO) @Size(max = 40) String projectRegistrationNo,
      @Min(1900) @Max(9999) Integer vintageYear,
      @NotNull @Positive Long quantity,
      @NotNull @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal pricePerTonne,
      @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal proceeds,
      @Size(max = 30) String buyerAccountNo,
      @Size(max = 200) String buyerName,
      LocalDate tradeDate) {}

  /**
   * 消纳 of units for a purpose. ETS_OFFSET needs {@code coveredEntityCreditCode} (统一社会信用代码 of a covered entity
   * in the list in force for the year) and {@code complianceYear}: the entity's name and verified emissions are taken
   * from the list — {@code verifiedEmissions} is refused if sent, {@code coveredEntityName}, if sent, must be the listed
   * name. The neutrality purposes and ECOLOGICAL_COMPENSATION need {@code beneficiary}. A developer retires from its
   * own account; the exchange from its own or a buyer's ({@code accountNo}).
   */
  public record RetireCommand(
      @NotNull RetirementPurpose purpose,
      @NotNull @Positive Long quantity,
      Long blockId,
      @Size(max = 30) String accountNo,
      @Size(max = 300) String beneficiary,
      @Size(max = 40) String coveredEntityCreditCode,
      @Size(max = 300) String coveredEntityName,
      @Positive @Digits(integer = 14, fraction = 4) BigDecimal verifiedEmissions,
      @Min(1900) @Max(9999) Integer complianceYear,
      @Size(max = 2000) String remark) {}

  /** The bureau's cancellation of units of a block (all of it without {@code quantity}; else its tail). */
  public record CancelCommand(@NotNull Long blockId, @Positive Long quantity,
      @NotBlank @Size(max = 2000) String reason) {}

  /** What a developer returned to a project's participants in a calendar year, and its operating costs. */
  public record RevenueReturnCommand(
      @NotBlank @Pattern(regexp = REGISTRATION_NO) @Size(max = 40) String projectRegistrationNo,
      @NotNull @Min(1900) @Max(9999) Integer periodYear,
      @NotNull @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal returnedAmount,
      @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal operatingCosts,
      @PositiveOrZero Integer participants,
      @Size(max = 2000) String note) {}

  /** Trims and collapses inner whitespace; blank is null. */
  static String normalise(String text) {
    if (text == null) {
      return null;
    }
    String normalised = text.strip().replaceAll("\\s+", " ");
    return normalised.isEmpty() ? null : normalised;
  }

  /** Trimmed; blank is null. */
  static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  private RegistryCommands() {}
}
