/**
 * Registration, issuance and retirement certificates (PDF).
 *
 * <p>A Spring Modulith module: its public types are its API, package-private types its internals; it may depend only
 * on the modules named below (docs/architecture.md).
 */
@ApplicationModule(displayName = "证书 (certificate)", allowedDependencies = {"calendar", "common", "crypto", "developer", "identity", "methodology", "project", "registry"})
package cn.beijing.carboninclusion.certificate;

import org.springframework.modulith.ApplicationModule;
