/**
 * The public disclosure feed, written only by its listener of PublicEvent.
 *
 * <p>A Spring Modulith module: its public types are its API, package-private types its internals; it may depend only
 * on the modules named below (docs/architecture.md).
 */
@ApplicationModule(displayName = "信息公开 (disclosure)", allowedDependencies = {"common"})
package cn.beijing.carboninclusion.disclosure;

import org.springframework.modulith.ApplicationModule;
