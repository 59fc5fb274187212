/**
 * The e-mail outbox and its sender.
 *
 * <p>A Spring Modulith module: its public types are its API, package-private types its internals; it may depend only
 * on the modules named below (docs/architecture.md).
 */
@ApplicationModule(displayName = "通知 (notification)", allowedDependencies = {"common"})
package cn.beijing.carboninclusion.notification;

import org.springframework.modulith.ApplicationModule;
