package cn.beijing.carboninclusion.project;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carbon-inclusion.project-change.*}: changes of registered projects (docs/processes/project-change.md).
 *
 * @param acceptanceWorkingDays time the receiving developer has to accept a transfer; no answer counts as a refusal
 *     (10 working days)
 * @param reviewWorkingDays technical center's review time limit of a major change (20 working days)
 * @param decisionWorkingDays bureau approval time limit of a major change (15 working days)
 */
@ConfigurationProperties(prefix = "carbon-inclusion.project-change")
public record ProjectChangeSettings(
    @DefaultValue("10") int acceptanceWorkingDays,
    @DefaultValue("20") int reviewWorkingDays,
    @DefaultValue("15") int decisionWorkingDays) {}
