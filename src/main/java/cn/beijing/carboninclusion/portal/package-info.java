/**
 * The public portal's pages (HTML, JSON, CSV).
 *
 * <p>A Spring Modulith module: its public types are its API, package-private types its internals; it may depend only
 * on the modules named below (docs/architecture.md).
 */
@ApplicationModule(displayName = "信息公开门户 (portal)", allowedDependencies = {"certificate", "common", "disclosure", "methodology", "project", "reduction", "registry", "supervision"})
package cn.beijing.carboninclusion.portal;

import org.springframework.modulith.ApplicationModule;
