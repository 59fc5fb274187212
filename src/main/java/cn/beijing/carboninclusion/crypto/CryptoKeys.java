package cn.beijing.carboninclusion.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.orm.jpa.EntityManagerFactoryDependsOnPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Where the keys come from (docs/crypto.md, "Keys"):
 * <ul>
 *   <li>the SM2 signing key from the keystore of {@code carbon-inclusion.crypto.keystore.*} (PKCS#12 file, or an HSM
 *       through its JCA provider with {@code type}/{@code provider});</li>
 *   <li>the SM4 field keys from {@code carbon-inclusion.crypto.field-keys.*}.</li>
 * </ul>
 * Outside production (no profile {@value #PRODUCTION_PROFILES}), what is not configured is generated at first start
 * under {@code ${carbon-inclusion.data-dir}/crypto/} and reused afterwards, with a WARN; in production a missing key
 * stops the start.
 */
@Configuration(proxyBeanMethods = false)
class CryptoKeys {
  static final String PRODUCTION_PROFILES = "postgres | prod | production";
  static final String DEV_KEYSTORE = "dev-sm2-keystore.p12";
  static final String DEV_KEYSTORE_PASSWORD = "carbon-inclusion-development";
  static final String DEV_FIELD_KEYS = "dev-field-keys.properties";
  private static final Logger log = LoggerFactory.getLogger(CryptoKeys.class);

  /**
   * JPA creates the {@link PersonalText} converter (and so the field keys) while it bootstraps, on a thread of its
   * own beside the main thread (common.StartupBootstrap): they are made before it starts, so that thread only reads
   * them.
   */
  @Bean
  static EntityManagerFactoryDependsOnPostProcessor entityManagerFactoryAfterFieldKeys() {
    return new EntityManagerFactoryDependsOnPostProcessor("personalText");
  }

  @Bean
  Sm2Signer sm2Signer(CryptoProperties properties, Environment environment,
      @Value("${carbon-inclusion.data-dir:./data}") String dataDir) {
    CryptoProperties.Keystore keystore = properties.keystore();
    if (keystore.configured()) {
      return load(keystore);
    }
    requireDevelopment(environment, "carbon-inclusion.crypto.keystore.path");
    Path file = Path.of(dataDir, "crypto", DEV_KEYSTORE);
    CryptoProperties.Keystore dev = new CryptoProperties.Keystore(file.toString(), DEV_KEYSTORE_PASSWORD,
        keystore.alias(), "PKCS12", null);
    if (!Files.exists(file)) {
      createDevelopmentKeystore(file, dev.alias(), DEV_KEYSTORE_PASSWORD.toCharArray());
      log.info("No SM2 keystore configured (carbon-inclusion.crypto.keystore.path): generated a DEVELOPMENT key "
          + "pair in {} - never use it in production (docs/crypto.md)", file.toAbsolutePath());
    } else {
      log.info("No SM2 keystore configured: signing with the DEVELOPMENT key in {} (docs/crypto.md)",
          file.toAbsolutePath());
    }
    return load(dev);
  }

  @Bean
  Sm4Gcm sm4Gcm(CryptoProperties properties, Environment environment,
      @Value("${carbon-inclusion.data-dir:./data}") String dataDir) {
    CryptoProperties.FieldKeyRing ring = properties.fieldKeys();
    if (ring.configured()) {
      return new Sm4Gcm(fieldKeys(ring.current(), ring.keys(), "carbon-inclusion.crypto.field-keys.keys"));
    }
    requireDevelopment(environment, "carbon-inclusion.crypto.field-keys.current");
    Path file = Path.of(dataDir, "crypto", DEV_FIELD_KEYS);
    if (!Files.exists(file)) {
      byte[] key = new byte[16];
      new SecureRandom().nextBytes(key);
      Properties dev = new Properties();
      dev.setProperty("current", "dev1");
      dev.setProperty("keys.dev1", Base64.getEncoder().encodeToString(key));
      writePrivately(file, out -> dev.store(out, "DEVELOPMENT SM4 field keys - never in production (docs/crypto.md)"));
      log.info("No SM4 field keys configured (carbon-inclusion.crypto.field-keys.*): generated a DEVELOPMENT key in "
          + "{} - never use it in production (docs/crypto.md)", file.toAbsolutePath());
    } else {
      log.info("No SM4 field keys configured: encrypting personal fields with the DEVELOPMENT key in {}",
          file.toAbsolutePath());
    }
    Properties dev = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      dev.load(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> keys = new LinkedHashMap<>();
    dev.stringPropertyNames().stream().filter(n -> n.startsWith("keys.")).sorted()
        .forEach(n -> keys.put(n.substring("keys.".length()), dev.getProperty(n)));
    return new Sm4Gcm(fieldKeys(dev.getProperty("current"), keys, file.toString()));
  }

  static FieldKeys fieldKeys(String current, Map<String, String> base64Keys, String where) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    base64Keys.forEach((id, value) -> {
      try {
        keys.put(id, Base64.getDecoder().decode(value.strip()));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(where + "." + id + " is not base64");
      }
    });
    try {
      return new FieldKeys(current == null ? null : current.strip(), keys);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(where + ": " + e.getMessage(), e);
    }
  }

  private static void requireDevelopment(Environment environment, String property) {
    if (environment.acceptsProfiles(Profiles.of(PRODUCTION_PROFILES))) {
      throw new IllegalStateException("商用密码: " + property + " is not set; in production the keys are configured "
          + "(a keystore or HSM, the SM4 key ring), never generated (docs/crypto.md)");
    }
  }

  /** Reads the private key and its certificate's public key from the configured keystore. */
  static Sm2Signer load(CryptoProperties.Keystore config) {
    char[] password = config.password() == null ? new char[0] : config.password().toCharArray();
    try {
      Provider provider;
      KeyStore store;
      if (config.provider() != null && !config.provider().isBlank()) {
        provider = Security.getProvider(config.provider().strip());
        if (provider == null) {
          throw new IllegalStateException("JCA provider " + config.provider() + " is not installed");
        }
        store = KeyStore.getInstance(config.type(), provider);
        if ("PKCS11".equalsIgnoreCase(config.type())) {
          store.load(null, password); // the provider's configuration names the token
        } else {
          try (InputStream in = Files.newInputStream(Path.of(config.path()))) {
            store.load(in, password);
          }
        }
      } else {
        provider = Sm2Signer.BC;
        store = KeyStore.getInstance(config.type(), provider);
        try (InputStream in = Files.newInputStream(Path.of(config.path()))) {
          store.load(in, password);
        }
      }
      if (!(store.getKey(config.alias(), password) instanceof PrivateKey key)) {
        throw new IllegalStateException("keystore " + config.path() + " has no private key " + config.alias());
      }
      Certificate certificate = store.getCertificate(config.alias());
      if (certificate == null) {
        throw new IllegalStateException("keystore " + config.path() + " has no certificate for " + config.alias());
      }
      Sm2Signer signer = new Sm2Signer(key, certificate.getPublicKey(), provider);
      byte[] probe = "carbon-inclusion key check".getBytes(StandardCharsets.UTF_8);
      if (!signer.verify(probe, signer.sign(probe))) {
        throw new IllegalStateException("the key " + config.alias() + " of " + config.path()
            + " does not sign SM3withSM2 verifiably (not an SM2 key, or its certificate is another key's)");
      }
      return signer;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the SM2 keystore " + config.path() + ": " + e.getMessage(), e);
    }
  }

  /**
   * A PKCS#12 file with a fresh SM2 key pair and a self-signed certificate (SM3withSM2) of ten years.
   *
   * <p>Written by the JDK's PKCS#12 keystore (PBES2 with AES-256 and HMAC-SHA256, 10,000 iterations: keytool's
   * defaults), read with BouncyCastle as every keystore. BouncyCastle's own writer derives its keys with 300,000 and
   * 600,000 iterations, which cost about 0.7 s at every start and 1.5 s at the first (docs/benchmarks.md, "Start-up on
   * H2") and protect nothing here: the development keystore's password is published ({@link #DEV_KEYSTORE_PASSWORD}).
   */
  static void createDevelopmentKeystore(Path file, String alias, char[] password) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Sm2Signer.BC);
      generator.initialize(new ECGenParameterSpec("sm2p256v1"), new SecureRandom());
      KeyPair pair = generator.generateKeyPair();
      X500Name name = new X500Name("CN=Beijing carbon inclusion platform DEVELOPMENT key, O=development");
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
          new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
          Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic());
      X509Certificate certificate = new JcaX509CertificateConverter().setProvider(Sm2Signer.BC).getCertificate(
          builder.build(new JcaContentSignerBuilder(Sm2Signer.ALGORITHM).setProvider(Sm2Signer.BC)
              .build(pair.getPrivate())));
      KeyStore store = KeyStore.getInstance("PKCS12", "SUN");
      store.load(null, null);
      store.setKeyEntry(alias, pair.getPrivate(), password, new Certificate[] {certificate});
      writePrivately(file, out -> store.store(out, password));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot create the development keystore " + file + ": " + e.getMessage(), e);
    }
  }

  interface Writer {
    void write(OutputStream out) throws IOException, GeneralSecurityException;
  }

  /** Writes a file readable by its owner only, whole or not at all (a temporary file moved into place). */
  static void writePrivately(Path file, Writer writer) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
      try {
        try {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: the directory's permissions apply
        }
        try (OutputStream out = Files.newOutputStream(tmp)) {
          writer.write(out);
        }
        try {
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
