/**
 * Methodologies: formulation, expert review, public comment, publication, dynamic evaluation.
 *
 * <p>A Spring Modulith module: its public types are its API, package-private types its internals; it may depend only
 * on the modules named below (docs/architecture.md).
 */
@ApplicationModule(displayName = "方法学 (methodology)", allowedDependencies = {"calendar", "common", "crypto", "decision", "developer", "identity"})
package cn.beijing.carboninclusion.methodology;

import org.springframework.modulith.ApplicationModule;
