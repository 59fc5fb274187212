package cn.beijing.carboninclusion.crypto;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keys of the 商用密码 functions ({@code carbon-inclusion.crypto.*}, docs/crypto.md). None lives in the database.
 *
 * @param keystore the platform's SM2 signing key
 * @param fieldKeys the SM4 key ring of the personal fields
 */
@ConfigurationProperties(prefix = "carbon-inclusion.crypto")
public record CryptoProperties(Keystore keystore, FieldKeyRing fieldKeys) {

  public CryptoProperties {
    keystore = keystore == null ? new Keystore(null, null, null, null, null) : keystore;
    fieldKeys = fieldKeys == null ? new FieldKeyRing(null, Map.of()) : fieldKeys;
  }

  /**
   * @param path the PKCS#12 file (or, for another type, what its provider loads: the HSM's configuration); empty =
   *     none configured (a development keystore is generated outside production)
   * @param password the keystore's password (also the key's)
   * @param alias the private key entry, default {@code platform-sm2}
   * @param type the keystore type, default {@code PKCS12} (read with BouncyCastle); {@code PKCS11} for an HSM
   * @param provider the JCA provider of another type (the HSM vendor's provider name), which also signs
   */
  public record Keystore(String path, String password, @DefaultValue("platform-sm2") String alias,
      @DefaultValue("PKCS12") String type, String provider) {
    public Keystore {
      alias = alias == null || alias.isBlank() ? "platform-sm2" : alias.strip();
      type = type == null || type.isBlank() ? "PKCS12" : type.strip();
    }

    boolean configured() {
      return path != null && !path.isBlank();
    }
  }

  /**
   * @param current the id of the key new ciphertexts use
   * @param keys key id → base64 of the 16-byte SM4 key; older keys stay until rotation re-encrypted their rows
   */
  public record FieldKeyRing(String current, Map<String, String> keys) {
    public FieldKeyRing {
      keys = keys == null ? Map.of() : Map.copyOf(keys);
    }

    boolean configured() {
      return current != null && !current.isBlank();
    }
  }
}
