/**
 * The ledger of issued units: serials, accounts, transfers, trades, retirement, the hash-chained journal.
 *
 * <p>A Spring Modulith module: its public types are its API, package-private types its internals; it may depend only
 * on the modules named below (docs/architecture.md).
 */
@ApplicationModule(displayName = "登记簿 (registry)", allowedDependencies = {"calendar", "common", "crypto", "developer", "identity"})
package cn.beijing.carboninclusion.registry;

import org.springframework.modulith.ApplicationModule;
