/**
 * The one validated door of every human decision, the recorded decisions, case identity, conflicts of interest, and the ports CaseOwner and CaseDuties.
 *
 * <p>A Spring Modulith module: its public types are its API, package-private types its internals; it may depend only
 * on the modules named below (docs/architecture.md).
 */
@ApplicationModule(displayName = "决定之门 (decision)", allowedDependencies = {"common", "crypto", "identity"})
package cn.beijing.carboninclusion.decision;

import org.springframework.modulith.ApplicationModule;
