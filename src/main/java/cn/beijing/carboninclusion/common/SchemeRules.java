package cn.beijing.carboninclusion.common;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The scheme's rules the bureau may change ({@code carbon-inclusion.rules.*}); defaults from DOMAIN.md (the national
 * CCER values where the draft measures are silent). Documented in docs/operations.md and the process docs.
 *
 * @param revenueReturnMin minimum share of proceeds returned to participants (收益返还比例), 0.90
 * @param technicalReviewWorkingDays technical center review time limit, 20 working days
 * @param supplementWorkingDays time a developer has to supplement an application, 10 working days
 * @param maxSupplementRounds supplement requests per application before it is rejected, 3
 * @param publicityWorkingDays publicity (公示) period, 20 working days
 * @param bureauDecisionWorkingDays bureau decision time limit after publicity, 15 working days
 * @param disclosureCheckWorkingDays technical center completeness check of a Class II disclosure, 10 working days
 * @param maxCreditingYears longest crediting period of a project, 10 years
 * @param objectionsPerHourPerClient objections one client address may file per hour, 5
 */
@ConfigurationProperties(prefix = "carbon-inclusion.rules")
public record SchemeRules(
    @DefaultValue("0.90") BigDecimal revenueReturnMin,
    @DefaultValue("20") int technicalReviewWorkingDays,
    @DefaultValue("10") int supplementWorkingDays,
    @DefaultValue("3") int maxSupplementRounds,
    @DefaultValue("20") int publicityWorkingDays,
    @DefaultValue("15") int bureauDecisionWorkingDays,
    @DefaultValue("10") int disclosureCheckWorkingDays,
    @DefaultValue("10") int maxCreditingYears,
    @DefaultValue("5") int objectionsPerHourPerClient) {

  /** A working-day duration the engine's business calendar understands, e.g. {@code P20WD}. */
  public static String workingDays(int days) {
    return "P" + days + "WD";
  }
}
