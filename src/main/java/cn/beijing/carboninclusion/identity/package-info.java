/**
 * Users, groups, security chains, the access log of confidential reads; MetricsAccess port.
 *
 * <p>A Spring Modulith module: its public types are its API, package-private types its internals; it may depend only
 * on the modules named below (docs/architecture.md).
 */
@ApplicationModule(displayName = "身份与权限 (identity)", allowedDependencies = {"common", "crypto"})
package cn.beijing.carboninclusion.identity;

import org.springframework.modulith.ApplicationModule;
