/**
 * Administrators' changes to models and rules: deploy-time checks, instance migration, the scheme rules table, the
 * holiday schedules the bureau uploads (calendar).
 *
 * <p>A Spring Modulith module: its public types are its API, package-private types its internals; it may depend only
 * on the modules named below (docs/architecture.md).
 */
@ApplicationModule(displayName = "模型与规则管理 (admin)", allowedDependencies = {"calendar", "common", "decision", "identity"})
package cn.beijing.carboninclusion.admin;

import org.springframework.modulith.ApplicationModule;
