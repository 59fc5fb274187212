package cn.beijing.carboninclusion.crypto;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SM3Digest;

/** SM3 (GB/T 32905-2016), the 256-bit hash of the 商用密码 suite. Stateless; thread-safe. */
public final class Sm3 {
  /** Length of a digest in bytes. */
  public static final int LENGTH = 32;

  private Sm3() {}

  /** The SM3 digest of {@code data}. */
  public static byte[] digest(byte[] data) {
    SM3Digest digest = new SM3Digest();
    digest.update(data, 0, data.length);
    byte[] out = new byte[LENGTH];
    digest.doFinal(out, 0);
    return out;
  }

  /** The SM3 digest of {@code data} as 64 lowercase hex digits. */
  public static String hex(byte[] data) {
    return HexFormat.of().formatHex(digest(data));
  }

  /** The SM3 digest of the UTF-8 bytes of {@code text} as 64 lowercase hex digits. */
  public static String hex(String text) {
    return hex(text.getBytes(StandardCharsets.UTF_8));
  }
}
