/**
 * What every capability shares: errors, the audit trail, the case history, the public events and their redelivery, scheme rules, paging.
 *
 * <p>A Spring Modulith module: its public types are its API, package-private types its internals; it may depend only
 * on the modules named below (docs/architecture.md).
 */
@ApplicationModule(displayName = "公共 (common)", allowedDependencies = {})
package cn.beijing.carboninclusion.common;

import org.springframework.modulith.ApplicationModule;
