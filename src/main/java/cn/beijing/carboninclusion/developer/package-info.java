/**
 * Developer organisations and their accounts; the DeveloperBars port every filing asks.
 *
 * <p>A Spring Modulith module: its public types are its API, package-private types its internals; it may depend only
 * on the modules named below (docs/architecture.md).
 */
@ApplicationModule(displayName = "项目开发方 (developer)", allowedDependencies = {"common", "crypto", "identity"})
package cn.beijing.carboninclusion.developer;

import org.springframework.modulith.ApplicationModule;
