// 证书验签: java -cp bcprov-jdk18on-1.87.jar tools/VerifyCertificate.java certificate.pdf certificate.sig public-key.pem
import java.nio.file.*; import java.security.*; import java.security.spec.X509EncodedKeySpec; import java.util.Base64;
public class VerifyCertificate { public static void main(String[] a) throws Exception {
  Provider bc = new org.bouncycastle.jce.provider.BouncyCastleProvider();
  byte[] der = Base64.getDecoder().decode(Files.readString(Path.of(a[2])).replaceAll("-----[A-Z ]+-----|\\s", ""));
  Signature sm2 = Signature.getInstance("SM3withSM2", bc);   // SM2 with SM3, signer id 1234567812345678
  sm2.initVerify(KeyFactory.getInstance("EC", bc).generatePublic(new X509EncodedKeySpec(der)));
  sm2.update(Files.readAllBytes(Path.of(a[0])));
  boolean valid = sm2.verify(Base64.getDecoder().decode(Files.readString(Path.of(a[1])).strip()));
  System.out.println(valid ? "签名有效 (signature valid)" : "签名无效 (signature INVALID)"); System.exit(valid ? 0 : 1);
} }
