package cn.beijing.carboninclusion.common;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A technical protection of the public endpoints, not a scheme rule, so it stays a Spring property (the scheme's
 * rules are in scheme-rules.dmn, {@link SchemeRuleBook}); the key keeps its earlier name.
 *
 * @param objectionsPerHourPerClient objections (and comments) one client address may file per hour, 5; key
 *     {@code carbon-inclusion.rules.objections-per-hour-per-client}
 */
@ConfigurationProperties(prefix = "carbon-inclusion.rules")
public record PublicInputLimits(@DefaultValue("5") int objectionsPerHourPerClient) {}
