package cn.beijing.carboninclusion.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SM3 known answers of GB/T 32905-2016, Annex A. */
class Sm3Test {

  @Test
  void exampleOneAbc() {
    assertThat(Sm3.hex("abc"))
        .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  }

  @Test
  void exampleTwoAbcdSixteenTimes() {
    assertThat(Sm3.hex("abcd".repeat(16)))
        .isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
  }

  @Test
  void digestIsThirtyTwoBytesAndDependsOnEveryByte() {
    byte[] a = "北京市碳普惠".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] b = a.clone();
    b[b.length - 1] ^= 1;
    assertThat(Sm3.digest(a)).hasSize(Sm3.LENGTH);
    assertThat(Sm3.hex(a)).isNotEqualTo(Sm3.hex(b)).hasSize(64).matches("[0-9a-f]{64}");
  }
}
