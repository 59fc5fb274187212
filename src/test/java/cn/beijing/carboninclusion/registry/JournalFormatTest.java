package cn.beijing.carboninclusion.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.junit.jupiter.api.Test;

/** The journal's canonical form and hash, as docs/registry.md tells anyone to recompute them. */
class JournalFormatTest {

  @Test
  void payloadFieldsAreOrderedEscapedAndNullsLeftOut() {
    String payload = new JournalPayload().put("purpose", RetirementPurpose.EVENT_NEUTRALITY)
        .put("beneficiary", "2025 北京马拉松; 组委会=主办|100%\n").put("complianceYear", null).put("quantity", 3)
        .toString();
    assertThat(payload).isEqualTo(
        "purpose=EVENT_NEUTRALITY;beneficiary=2025 北京马拉松%3B 组委会%3D主办%7C100%25%0A;quantity=3");
    assertThat(JournalPayload.valueOf(payload, "beneficiary")).contains("2025 北京马拉松; 组委会=主办|100%\n");
    assertThat(JournalPayload.valueOf(payload, "complianceYear")).isEmpty();
  }

  @Test
  void theHashIsSm3OfThePreviousHashALineFeedAndTheCanonicalContent() throws Exception {
    Instant at = Instant.parse("2025-03-01T08:00:00Z");
    String content = RegistryJournal.canonicalContent(1, at, "ISSUE", "issuance=1;quantity=100");
    assertThat(content).isEqualTo("1|2025-03-01T08:00:00.000Z|ISSUE|issuance=1;quantity=100");
    byte[] input = (RegistryJournal.GENESIS_HASH + "\n" + content).getBytes(StandardCharsets.UTF_8);
    SM3Digest sm3 = new SM3Digest();
    sm3.update(input, 0, input.length);
    byte[] out = new byte[32];
    sm3.doFinal(out, 0);
    String expected = HexFormat.of().formatHex(out);
    assertThat(RegistryJournal.hash(RegistryJournal.GENESIS_HASH, content)).isEqualTo(expected).hasSize(64);
    assertThat(RegistryJournal.hash(RegistryJournal.SM3, RegistryJournal.GENESIS_HASH, content)).isEqualTo(expected);
    assertThat(RegistryJournal.hash(expected, content)).isNotEqualTo(expected);
  }

  @Test
  void entriesBeforeTheAnchorAreSha256() throws Exception {
    String content = RegistryJournal.canonicalContent(1, Instant.parse("2025-03-01T08:00:00Z"), "ISSUE", "x=1");
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest((RegistryJournal.GENESIS_HASH + "\n" + content).getBytes(StandardCharsets.UTF_8)));
    assertThat(RegistryJournal.hash(RegistryJournal.SHA256, RegistryJournal.GENESIS_HASH, content))
        .isEqualTo(expected).isNotEqualTo(RegistryJournal.hash(RegistryJournal.GENESIS_HASH, content));
  }
}
