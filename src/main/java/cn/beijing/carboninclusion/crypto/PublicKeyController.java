package cn.beijing.carboninclusion.crypto;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform's SM2 public key, open to everyone: with it anyone verifies the {@code X-Signature-SM2} of a
 * certificate (docs/crypto.md, "Verifying a certificate").
 */
@RestController
@Tag(name = "商用密码 crypto")
class PublicKeyController {
  static final String PEM = "application/x-pem-file";

  private final Sm2Signer signer;

  PublicKeyController(Sm2Signer signer) {
    this.signer = signer;
  }

  @Operation(summary = "平台 SM2 公钥 (PEM, X.509 SubjectPublicKeyInfo, curve sm2p256v1): verifies the SM3withSM2 "
      + "signatures (X-Signature-SM2) of the certificates; signer identity 1234567812345678")
  @GetMapping(value = "/api/public/crypto/public-key", produces = {PEM, MediaType.TEXT_PLAIN_VALUE})
  ResponseEntity<String> publicKey() {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noCache())
        .header("X-Key-SM3", Sm3.hex(signer.publicKey().getEncoded()))
        .body(signer.publicKeyPem());
  }
}
