package cn.beijing.carboninclusion.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * SM2 signatures (GB/T 32918.2-2016) with SM3 (algorithm {@code SM3withSM2}), with the platform's key: the signer's
 * identity is the standard default {@code 1234567812345678} (GB/T 35276-2017), so {@code e = SM3(Z_A ‖ M)} and the
 * signature is the DER {@code SEQUENCE { r INTEGER, s INTEGER }}; APIs carry it in base64.
 *
 * <p>The private key comes from {@link CryptoKeys} (a PKCS#12 keystore, or an HSM through its JCA provider); the
 * signature is made with the provider that holds the key.
 */
public final class Sm2Signer {
  public static final String ALGORITHM = "SM3withSM2";
  /** BouncyCastle, used by instance (never registered globally, so it changes nothing else in the JVM). */
  static final Provider BC = new BouncyCastleProvider();

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final Provider signingProvider;

  public Sm2Signer(PrivateKey privateKey, PublicKey publicKey, Provider signingProvider) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.signingProvider = signingProvider;
  }

  /** The DER signature of {@code data}. */
  public byte[] sign(byte[] data) {
    return sign(data, new SecureRandom());
  }

  /** As {@link #sign(byte[])}, with the random source of the per-signature k (tests fix it for the known answer). */
  byte[] sign(byte[] data, SecureRandom random) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM, signingProvider);
      signature.initSign(privateKey, random);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SM2 signing failed: " + e.getMessage(), e);
    }
  }

  /** The base64 of the DER signature of {@code data}. */
  public String signBase64(byte[] data) {
    return Base64.getEncoder().encodeToString(sign(data));
  }

  /** Whether {@code der} is a signature of {@code data} by the platform's key. */
  public boolean verify(byte[] data, byte[] der) {
    return verify(publicKey, data, der);
  }

  /** Whether {@code der} is an SM3withSM2 signature (default identity) of {@code data} by {@code key}. */
  public static boolean verify(PublicKey key, byte[] data, byte[] der) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM, BC);
      signature.initVerify(key);
      signature.update(data);
      return signature.verify(der);
    } catch (java.security.SignatureException e) {
      return false; // not a DER signature at all
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SM2 verification failed: " + e.getMessage(), e);
    }
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** The public key as PEM ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo, curve sm2p256v1). */
  public String publicKeyPem() {
    StringWriter out = new StringWriter();
    try (PemWriter pem = new PemWriter(out)) {
      pem.writeObject(new PemObject("PUBLIC KEY", publicKey.getEncoded()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  /** The SM2 public key of a PEM {@code PUBLIC KEY}. */
  public static PublicKey parsePublicKeyPem(String pem) {
    try (PemReader reader = new PemReader(new StringReader(pem))) {
      PemObject object = reader.readPemObject();
      if (object == null || !"PUBLIC KEY".equals(object.getType())) {
        throw new IllegalArgumentException("not a PEM public key");
      }
      return KeyFactory.getInstance("EC", BC).generatePublic(new X509EncodedKeySpec(object.getContent()));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("not a PEM public key: " + e.getMessage(), e);
    }
  }
}
