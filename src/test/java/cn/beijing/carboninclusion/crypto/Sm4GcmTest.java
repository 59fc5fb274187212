package cn.beijing.carboninclusion.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * SM4 known answers of GB/T 32907-2016 (Annex A, examples 1 and 2) on the engine {@link Sm4Gcm} runs, SM4-GCM's
 * known answer of RFC 8998 (Appendix A.1) through {@link Sm4Gcm}'s own GCM code, and the envelope: random IVs, the
 * key id, rotation, tampering.
 */
class Sm4GcmTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] KEY = HEX.parseHex("0123456789abcdeffedcba9876543210");

  @Test
  void gbt32907ExampleOne() {
    assertThat(HEX.formatHex(block(KEY, KEY))).isEqualTo("681edf34d206965e86b3e94f536e4246");
  }

  @Test
  void gbt32907ExampleTwoOneMillionEncryptions() {
    long start = System.nanoTime();
    byte[] data = KEY.clone();
    SM4Engine engine = new SM4Engine();
    engine.init(true, new KeyParameter(KEY));
    byte[] out = new byte[16];
    for (int i = 0; i < 1_000_000; i++) {
      engine.processBlock(data, 0, out, 0);
      System.arraycopy(out, 0, data, 0, 16);
    }
    assertThat(HEX.formatHex(data)).isEqualTo("595298c7c6fd271f0402f804c33d3f66");
    System.out.printf("SM4 1,000,000 block encryptions: %d ms%n", (System.nanoTime() - start) / 1_000_000);
  }

  @Test
  void rfc8998GcmVector() {
    byte[] iv = HEX.parseHex("00001234567800000000abcd");
    byte[] aad = HEX.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    byte[] plaintext = HEX.parseHex("aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbccccccccccccccccdddddddddddddddd"
        + "eeeeeeeeeeeeeeeeffffffffffffffffeeeeeeeeeeeeeeeeaaaaaaaaaaaaaaaa");
    String expected = "17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735"
        + "d82710ca5c22f0ccfa7cbf93d496ac15a56834cbcf98c397b4024a2691233b8d" + "83de3541e4c2b58177e065a9bf7b62ec";
    assertThat(HEX.formatHex(Sm4Gcm.seal(KEY, iv, plaintext, aad))).isEqualTo(expected);
    assertThat(Sm4Gcm.open(KEY, iv, HEX.parseHex(expected), aad)).isEqualTo(plaintext);
    byte[] damaged = HEX.parseHex(expected);
    damaged[70] ^= 1;
    assertThatThrownBy(() -> Sm4Gcm.open(KEY, iv, damaged, aad)).isInstanceOf(Sm4Gcm.CiphertextRejected.class);
  }

  @Test
  void envelopeCarriesKeyIdAndRandomIv() {
    Sm4Gcm sm4 = new Sm4Gcm(ring("k2024", Map.of("k2024", key(1))));
    byte[] plain = "13800138000".getBytes(StandardCharsets.UTF_8);
    byte[] one = sm4.encrypt(plain, new byte[0]);
    byte[] two = sm4.encrypt(plain, new byte[0]);
    assertThat(one).isNotEqualTo(two);
    assertThat(one).hasSize(1 + 1 + 5 + 12 + plain.length + 16);
    assertThat(Sm4Gcm.keyIdOf(one)).isEqualTo("k2024");
    assertThat(sm4.decrypt(one, new byte[0])).isEqualTo(plain);
    assertThat(sm4.decrypt(two, new byte[0])).isEqualTo(plain);
  }

  @Test
  void textFormRoundTripAndClearTextIsRecognised() {
    Sm4Gcm sm4 = new Sm4Gcm(ring("a", Map.of("a", key(2))));
    String text = sm4.encryptText("张三 zhang.san@example.com");
    assertThat(text).startsWith(Sm4Gcm.TEXT_PREFIX).doesNotContain("zhang");
    assertThat(Sm4Gcm.isEncryptedText(text)).isTrue();
    assertThat(Sm4Gcm.isEncryptedText("zhang.san@example.com")).isFalse();
    assertThat(Sm4Gcm.keyIdOfText(text)).contains("a");
    assertThat(sm4.decryptText(text)).isEqualTo("张三 zhang.san@example.com");
    assertThat(sm4.encryptText(null)).isNull();
    assertThat(sm4.encryptText("")).isNotEmpty();
    assertThat(sm4.decryptText(sm4.encryptText(""))).isEmpty();
  }

  @Test
  void rotationReadsOldKeysAndWritesTheCurrentOne() {
    Sm4Gcm before = new Sm4Gcm(ring("k1", Map.of("k1", key(1))));
    String old = before.encryptText("010-12345678");
    Sm4Gcm after = new Sm4Gcm(ring("k2", Map.of("k1", key(1), "k2", key(2))));
    assertThat(after.decryptText(old)).isEqualTo("010-12345678");
    assertThat(Sm4Gcm.keyIdOfText(after.encryptText("x"))).contains("k2");
    Sm4Gcm retired = new Sm4Gcm(ring("k2", Map.of("k2", key(2))));
    assertThatThrownBy(() -> retired.decryptText(old)).isInstanceOf(Sm4Gcm.CiphertextRejected.class)
        .hasMessageContaining("k1");
  }

  @Test
  void tamperingKeyIdIvCiphertextOrTagIsRefused() {
    Sm4Gcm sm4 = new Sm4Gcm(ring("k1", Map.of("k1", key(1), "k9", key(1))));
    byte[] good = sm4.encrypt("secret".getBytes(StandardCharsets.UTF_8), "row-1".getBytes(StandardCharsets.UTF_8));
    for (int i = 2; i < good.length; i++) {
      byte[] bad = good.clone();
      bad[i] ^= (byte) (i == 3 ? 0x08 : 0x01); // byte 3 becomes '9': the key id k9 holds the same key bytes
      assertThatThrownBy(() -> sm4.decrypt(bad, "row-1".getBytes(StandardCharsets.UTF_8)))
          .as("byte %d changed", i).isInstanceOf(Sm4Gcm.CiphertextRejected.class);
    }
    assertThatThrownBy(() -> sm4.decrypt(good, "row-2".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(Sm4Gcm.CiphertextRejected.class);
    assertThatThrownBy(() -> sm4.decryptText("sm4gcm:!!!")).isInstanceOf(Sm4Gcm.CiphertextRejected.class);
  }

  @Test
  void keyRingRefusesBadKeys() {
    assertThatThrownBy(() -> ring("k1", Map.of("k1", new byte[15]))).hasMessageContaining("16 bytes");
    assertThatThrownBy(() -> ring("k2", Map.of("k1", key(1)))).hasMessageContaining("not on the key ring");
    assertThatThrownBy(() -> ring("k 1", Map.of("k 1", key(1)))).hasMessageContaining("field key id");
  }

  static FieldKeys ring(String current, Map<String, byte[]> keys) {
    return new FieldKeys(current, keys);
  }

  static byte[] key(int seed) {
    byte[] key = new byte[16];
    for (int i = 0; i < 16; i++) {
      key[i] = (byte) (seed * 31 + i);
    }
    return key;
  }

  static String base64(byte[] key) {
    return Base64.getEncoder().encodeToString(key);
  }

  private static byte[] block(byte[] key, byte[] in) {
    SM4Engine engine = new SM4Engine();
    engine.init(true, new KeyParameter(key));
    byte[] out = new byte[16];
    engine.processBlock(in, 0, out, 0);
    return out;
  }
}
