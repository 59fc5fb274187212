/**
 * Project applications, publicity, registration, changes, cancellation, Class II disclosure; the public view of projects.
 *
 * <p>A Spring Modulith module: its public types are its API, package-private types its internals; it may depend only
 * on the modules named below (docs/architecture.md).
 */
@ApplicationModule(displayName = "项目 (project)", allowedDependencies = {"calendar", "common", "crypto", "decision", "developer", "disclosure", "identity", "methodology", "notification", "registry"})
package cn.beijing.carboninclusion.project;

import org.springframework.modulith.ApplicationModule;
