package cn.beijing.carboninclusion.registry;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.crypto.Sm2Signer;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import cn.beijing.carboninclusion.support.RawHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The registry journal's head is signed with SM2 and published: anyone, without login, checks the signature of the
 * newest signed head with the published public key, and a head that does not match the signed text fails.
 */
class JournalHeadSignaturesTest extends PlatformIntegrationTest {
  @LocalServerPort int port;
  @Autowired JournalHeadSignatures signatures;
  @Autowired Registry registry;
  @Autowired PlatformTransactionManager transactions;
  @Autowired cn.beijing.carboninclusion.developer.DeveloperOrganisations organisations;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theDailyHeadIsSignedOnceAndAnyoneVerifiesItWithThePublishedKey() {
    new RegistryFixture(registry, transactions, organisations).issueNew(RegistryFixture.GREENTRAVEL, 5);
    JournalHeadSignatures.SignedHead signed = signatures.signHead();
    assertThat(signed.lastEntryId()).isEqualTo(jdbc.queryForObject(
        "select last_entry_id from registry_journal_head where id = 1", Long.class));
    assertThat(signatures.signHead().id()).as("a head is signed once").isEqualTo(signed.id());

    JsonNode newest = RawHttp.send(port, "GET", "/api/public/registry/journal/signed-heads?size=1", null, Map.of(),
        null).json().get(0);
    assertThat(newest.get("id").asLong()).isEqualTo(signed.id());
    assertThat(newest.get("algorithm").asText()).isEqualTo("SM3withSM2");
    String pem = RawHttp.send(port, "GET", "/api/public/crypto/public-key", null, Map.of(), null).body();
    PublicKey key = Sm2Signer.parsePublicKeyPem(pem);
    byte[] signature = Base64.getDecoder().decode(newest.get("signature").asText());
    String text = "registry-journal\n" + newest.get("lastEntryId").asLong() + "\n" + newest.get("lastHash").asText()
        + "\n" + newest.get("signedAt").asText();
    assertThat(text).isEqualTo(newest.get("signedText").asText());
    assertThat(Sm2Signer.verify(key, text.getBytes(StandardCharsets.UTF_8), signature)).isTrue();
    String rewritten = text.replace(newest.get("lastHash").asText(), "0".repeat(64));
    assertThat(Sm2Signer.verify(key, rewritten.getBytes(StandardCharsets.UTF_8), signature)).isFalse();
  }
}
