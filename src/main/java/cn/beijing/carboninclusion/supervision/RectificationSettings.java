package cn.beijing.carboninclusion.supervision;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carbon-inclusion.rectification.*}: suspension and rectification of Class I projects.
 *
 * @param rectificationWorkingDays time the developer has to rectify, per round and per extension (30 working days)
 * @param verifyWorkingDays technical center's verification time limit (20 working days)
 * @param decisionWorkingDays bureau decision time limit (15 working days)
 * @param maxRounds rectification rounds before a failed rectification cancels the project (3)
 */
@ConfigurationProperties(prefix = "carbon-inclusion.rectification")
public record RectificationSettings(
    @DefaultValue("30") int rectificationWorkingDays,
    @DefaultValue("20") int verifyWorkingDays,
    @DefaultValue("15") int decisionWorkingDays,
    @DefaultValue("3") int maxRounds) {}
