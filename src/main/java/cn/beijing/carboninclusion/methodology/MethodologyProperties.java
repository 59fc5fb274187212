package cn.beijing.carboninclusion.methodology;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carbon-inclusion.methodology.*}: how methodologies are formulated and evaluated.
 *
 * @param expertPanelSize experts drawn for each review panel (3)
 * @param reviewWorkingDays technical review, expert review and finalisation time limits (20 working days)
 * @param commentWorkingDays public comment (征求意见) period (20 working days)
 * @param decisionWorkingDays bureau approval and evaluation decision time limits (15 working days)
 * @param assessWorkingDays technical center's evaluation time limit (20 working days)
 * @param evaluationCycle how often every effective methodology is evaluated (P1Y, an ISO period)
 */
@ConfigurationProperties(prefix = "carbon-inclusion.methodology")
public record MethodologyProperties(
    @DefaultValue("3") int expertPanelSize,
    @DefaultValue("20") int reviewWorkingDays,
    @DefaultValue("20") int commentWorkingDays,
    @DefaultValue("15") int decisionWorkingDays,
    @DefaultValue("20") int assessWorkingDays,
    @DefaultValue("P1Y") Period evaluationCycle) {}
