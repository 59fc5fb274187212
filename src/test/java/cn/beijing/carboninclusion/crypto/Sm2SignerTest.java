package cn.beijing.carboninclusion.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECPrivateKeySpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SM2 with SM3 on curve sm2p256v1: the example of GB/T 32918.5-2016 / GM/T 0003.5-2012 Annex A (identity
 * 1234567812345678, message "message digest") — its published signature verifies with the key derived from the
 * published private key, and signing with the published k reproduces it — then round trips and tampering with the
 * platform's (development) keystore.
 */
class Sm2SignerTest {
  private static final byte[] MESSAGE = "message digest".getBytes(StandardCharsets.US_ASCII);
  private static final BigInteger D = new BigInteger(
      "3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8", 16);
  private static final String K = "59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21";
  private static final BigInteger R = new BigInteger(
      "F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3", 16);
  private static final BigInteger S = new BigInteger(
      "B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA", 16);

  @Test
  void standardExampleSignatureVerifies() throws Exception {
    byte[] der = der(R, S);
    assertThat(Sm2Signer.verify(examplePublicKey(), MESSAGE, der)).isTrue();
    assertThat(Sm2Signer.verify(examplePublicKey(), "message digesT".getBytes(StandardCharsets.US_ASCII), der))
        .isFalse();
    assertThat(Sm2Signer.verify(examplePublicKey(), MESSAGE, der(R, S.add(BigInteger.ONE)))).isFalse();
  }

  @Test
  void signingWithTheStandardKReproducesTheExample() throws Exception {
    Sm2Signer signer = new Sm2Signer(examplePrivateKey(), examplePublicKey(), Sm2Signer.BC);
    byte[] k = HexFormat.of().parseHex(K);
    SecureRandom fixed = new SecureRandom() {
      @Override
      public void nextBytes(byte[] bytes) {
        System.arraycopy(k, 0, bytes, 0, bytes.length);
      }
    };
    assertThat(signer.sign(MESSAGE, fixed)).isEqualTo(der(R, S));
  }

  @Test
  void developmentKeystoreRoundTripAndTamper(@TempDir Path dir) {
    Path file = dir.resolve("dev.p12");
    CryptoKeys.createDevelopmentKeystore(file, "platform-sm2", "pw".toCharArray());
    assertThat(file).exists();
    Sm2Signer signer = CryptoKeys.load(new CryptoProperties.Keystore(file.toString(), "pw", "platform-sm2", null,
        null));
    byte[] pdf = "%PDF-1.4 证书".getBytes(StandardCharsets.UTF_8);
    byte[] signature = signer.sign(pdf);
    assertThat(signer.verify(pdf, signature)).isTrue();
    assertThat(signer.sign(pdf)).as("a fresh k per signature").isNotEqualTo(signature);

    PublicKey published = Sm2Signer.parsePublicKeyPem(signer.publicKeyPem());
    assertThat(signer.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(Sm2Signer.verify(published, pdf, signature)).isTrue();
    assertThat(Sm2Signer.verify(published, pdf, Base64.getDecoder().decode(signer.signBase64(pdf)))).isTrue();
    for (int i = 0; i < pdf.length; i++) {
      byte[] changed = pdf.clone();
      changed[i] ^= 1;
      assertThat(Sm2Signer.verify(published, changed, signature)).as("byte %d changed", i).isFalse();
    }
    byte[] badSignature = signature.clone();
    badSignature[badSignature.length - 1] ^= 1;
    assertThat(Sm2Signer.verify(published, pdf, badSignature)).isFalse();
    assertThat(Sm2Signer.verify(published, pdf, new byte[] {1, 2, 3})).isFalse();

    // reloading gives the same key
    Sm2Signer again = CryptoKeys.load(new CryptoProperties.Keystore(file.toString(), "pw", null, null, null));
    assertThat(again.publicKeyPem()).isEqualTo(signer.publicKeyPem());
    assertThat(Files.isReadable(file)).isTrue();
  }

  private static PublicKey examplePublicKey() throws Exception {
    ECNamedCurveParameterSpec curve = ECNamedCurveTable.getParameterSpec("sm2p256v1");
    return KeyFactory.getInstance("EC", Sm2Signer.BC)
        .generatePublic(new ECPublicKeySpec(curve.getG().multiply(D).normalize(), curve));
  }

  private static PrivateKey examplePrivateKey() throws Exception {
    ECNamedCurveParameterSpec curve = ECNamedCurveTable.getParameterSpec("sm2p256v1");
    return KeyFactory.getInstance("EC", Sm2Signer.BC).generatePrivate(new ECPrivateKeySpec(D, curve));
  }

  static byte[] der(BigInteger r, BigInteger s) throws Exception {
    ASN1EncodableVector v = new ASN1EncodableVector();
    v.add(new ASN1Integer(r));
    v.add(new ASN1Integer(s));
    return new DERSequence(v).getEncoded();
  }
}
