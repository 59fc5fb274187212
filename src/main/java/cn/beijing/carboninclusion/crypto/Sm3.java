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

  /** An SM3 digest fed piece by piece (a streamed listing); not thread-safe. */
  public static final class Stream {
    private final SM3Digest digest = new SM3Digest();

    /** Feeds the UTF-8 bytes of {@code text} followed by a line feed. */
    public Stream line(String text) {
      byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
      digest.update(bytes, 0, bytes.length);
      return this;
    }

    /** The digest of everything fed, as 64 lowercase hex digits. */
    public String hex() {
      byte[] out = new byte[LENGTH];
      digest.doFinal(out, 0);
      return HexFormat.of().formatHex(out);
    }
  }

  /** The SM3 digest of the UTF-8 bytes of {@code text} as 64 lowercase hex digits. */
  public static String hex(String text) {
    return hex(text.getBytes(StandardCharsets.UTF_8));
  }
}
