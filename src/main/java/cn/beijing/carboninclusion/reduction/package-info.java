/**
 * Reduction applications, activity data, review and issuance into the registry.
 *
 * <p>A Spring Modulith module: its public types are its API, package-private types its internals; it may depend only
 * on the modules named below (docs/architecture.md).
 */
@ApplicationModule(displayName = "减排量 (reduction)", allowedDependencies = {"calendar", "common", "crypto", "decision", "developer", "identity", "methodology", "project", "registry"})
package cn.beijing.carboninclusion.reduction;

import org.springframework.modulith.ApplicationModule;
