/**
 * The demo users and cases seeded on the first start of the embedded default.
 *
 * <p>A Spring Modulith module: its public types are its API, package-private types its internals; it may depend only
 * on the modules named below (docs/architecture.md).
 */
@ApplicationModule(displayName = "演示数据 (demo)", allowedDependencies = {"developer", "identity", "methodology", "project", "project::external", "registry::ets", "supervision"})
package cn.beijing.carboninclusion.demo;

import org.springframework.modulith.ApplicationModule;
