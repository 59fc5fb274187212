/**
 * 商用密码 (GB/T 39786-2021): SM3 digests, SM2 signatures with the platform's key, SM4-GCM encryption of personal
 * fields at rest with a rotating key ring (docs/crypto.md).
 *
 * <p>A Spring Modulith module: its public types are its API, package-private types its internals; it may depend only
 * on the modules named below (docs/architecture.md).
 */
@ApplicationModule(displayName = "商用密码 (crypto)", allowedDependencies = {"common"})
package cn.beijing.carboninclusion.crypto;

import org.springframework.modulith.ApplicationModule;
