package cn.beijing.carboninclusion.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * SM4 (GB/T 32907-2016) in GCM mode (as RFC 8998 uses it): a fresh 96-bit random IV per message, a 128-bit tag.
 *
 * <p>A ciphertext names the key that made it, so keys rotate: {@link #encrypt} always uses the ring's current key,
 * {@link #decrypt} the key the ciphertext names. Binary form:
 * <pre>
 *   0x01 (format version) | n (key id length, 1..32) | key id (n ASCII bytes) | IV (12) | ciphertext | tag (16)
 * </pre>
 * The header (version and key id) is authenticated with the caller's additional data, so neither can be swapped.
 * Text form (database columns): {@value #TEXT_PREFIX} followed by the base64 of the binary form.
 */
public final class Sm4Gcm {
  public static final String TEXT_PREFIX = "sm4gcm:";
  static final int VERSION = 1;
  static final int IV_BYTES = 12;
  static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final FieldKeys keys;

  public Sm4Gcm(FieldKeys keys) {
    this.keys = keys;
  }

  public FieldKeys keys() {
    return keys;
  }

  /** Encrypts under the current key; {@code aad} (may be empty) must be given again to decrypt. */
  public byte[] encrypt(byte[] plaintext, byte[] aad) {
    byte[] header = header(keys.currentId());
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    byte[] sealed = seal(keys.current(), iv, plaintext, concat(header, aad));
    return concat(header, iv, sealed);
  }

  /**
   * Decrypts a ciphertext of {@link #encrypt} under the key it names.
   *
   * @throws CiphertextRejected if the format is not this one, the ring lacks the key, or the tag does not verify
   */
  public byte[] decrypt(byte[] ciphertext, byte[] aad) {
    String keyId = keyIdOf(ciphertext);
    byte[] key = keys.key(keyId);
    if (key == null) {
      throw new CiphertextRejected("SM4 key " + keyId + " is not on the key ring");
    }
    int headerLength = 2 + keyId.length();
    if (ciphertext.length < headerLength + IV_BYTES + TAG_BITS / 8) {
      throw new CiphertextRejected("SM4-GCM ciphertext too short");
    }
    byte[] header = Arrays.copyOfRange(ciphertext, 0, headerLength);
    byte[] iv = Arrays.copyOfRange(ciphertext, headerLength, headerLength + IV_BYTES);
    byte[] sealed = Arrays.copyOfRange(ciphertext, headerLength + IV_BYTES, ciphertext.length);
    return open(key, iv, sealed, concat(header, aad));
  }

  /** The text form of the encryption of {@code plaintext}'s UTF-8 bytes (null stays null). */
  public String encryptText(String plaintext) {
    if (plaintext == null) {
      return null;
    }
    return TEXT_PREFIX + Base64.getEncoder().encodeToString(encrypt(plaintext.getBytes(StandardCharsets.UTF_8),
        new byte[0]));
  }

  /** The plaintext of a text form of {@link #encryptText} (null stays null). */
  public String decryptText(String text) {
    if (text == null) {
      return null;
    }
    return new String(decrypt(binary(text), new byte[0]), StandardCharsets.UTF_8);
  }

  /** Whether {@code text} is in the text form (else it is clear text stored before encryption). */
  public static boolean isEncryptedText(String text) {
    return text != null && text.startsWith(TEXT_PREFIX);
  }

  /** The key id a text form names; empty for clear text. */
  public static Optional<String> keyIdOfText(String text) {
    return isEncryptedText(text) ? Optional.of(keyIdOf(binary(text))) : Optional.empty();
  }

  /** The key id a binary ciphertext names. */
  public static String keyIdOf(byte[] ciphertext) {
    if (ciphertext.length < 2 || ciphertext[0] != VERSION) {
      throw new CiphertextRejected("not an SM4-GCM ciphertext of format version " + VERSION);
    }
    int n = ciphertext[1];
    if (n < 1 || n > 32 || ciphertext.length < 2 + n) {
      throw new CiphertextRejected("SM4-GCM ciphertext with a malformed key id");
    }
    String id = new String(ciphertext, 2, n, StandardCharsets.US_ASCII);
    if (!FieldKeys.KEY_ID.matcher(id).matches()) {
      throw new CiphertextRejected("SM4-GCM ciphertext with a malformed key id");
    }
    return id;
  }

  private static byte[] binary(String text) {
    if (!isEncryptedText(text)) {
      throw new CiphertextRejected("not the text form of an SM4-GCM ciphertext");
    }
    try {
      return Base64.getDecoder().decode(text.substring(TEXT_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new CiphertextRejected("SM4-GCM text form is not base64");
    }
  }

  private static byte[] header(String keyId) {
    byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
    byte[] header = new byte[2 + id.length];
    header[0] = VERSION;
    header[1] = (byte) id.length;
    System.arraycopy(id, 0, header, 2, id.length);
    return header;
  }

  /** SM4-GCM encryption: ciphertext followed by the 128-bit tag. */
  static byte[] seal(byte[] key, byte[] iv, byte[] plaintext, byte[] aad) {
    GCMModeCipher gcm = cipher(true, key, iv, aad);
    byte[] out = new byte[gcm.getOutputSize(plaintext.length)];
    int n = gcm.processBytes(plaintext, 0, plaintext.length, out, 0);
    try {
      gcm.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("SM4-GCM encryption cannot fail", e);
    }
    return out;
  }

  /** SM4-GCM decryption of ciphertext followed by its tag. */
  static byte[] open(byte[] key, byte[] iv, byte[] sealed, byte[] aad) {
    GCMModeCipher gcm = cipher(false, key, iv, aad);
    byte[] out = new byte[gcm.getOutputSize(sealed.length)];
    int n = gcm.processBytes(sealed, 0, sealed.length, out, 0);
    try {
      n += gcm.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new CiphertextRejected("SM4-GCM tag does not verify (wrong key, or the ciphertext was changed)");
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  private static GCMModeCipher cipher(boolean encrypt, byte[] key, byte[] iv, byte[] aad) {
    GCMModeCipher gcm = GCMBlockCipher.newInstance(new SM4Engine());
    gcm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, iv, aad));
    return gcm;
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }

  /** A ciphertext that cannot be decrypted: not this format, an unknown key, or a tag that does not verify. */
  public static final class CiphertextRejected extends RuntimeException {
    public CiphertextRejected(String message) {
      super(message);
    }
  }
}
