/**
 * Suspension, rectification, audit reports, service agencies, bars, separation of duties.
 *
 * <p>A Spring Modulith module: its public types are its API, package-private types its internals; it may depend only
 * on the modules named below (docs/architecture.md).
 */
@ApplicationModule(displayName = "监督管理 (supervision)", allowedDependencies = {"calendar", "common", "decision", "developer", "disclosure", "identity", "notification", "project", "reduction", "registry"})
package cn.beijing.carboninclusion.supervision;

import org.springframework.modulith.ApplicationModule;
