package cn.beijing.carboninclusion.registry;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.developer.DeveloperOrganisations;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Tamper evidence and the public registry: the chain verifies, an edited row is found (and put back, the chain being
 * global), anyone can recompute the hashes from the public journal, and serials tell their history.
 */
class RegistryJournalTest extends PlatformIntegrationTest {
  @Autowired TestRestTemplate http;
  @Autowired Registry registry;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired DeveloperOrganisations organisations;
  @Autowired JdbcTemplate jdbc;
  RegistryFixture fixture;

  @BeforeEach
  void fixture() {
    fixture = new RegistryFixture(registry, transactionManager, organisations);
  }

  @Test
  void theChainVerifiesAndAnEditedEntryIsDetected() {
    RegistryFixture.Issued issued = fixture.issueNew(RegistryFixture.GREENTRAVEL, 20);
    JsonNode ok = verify();
    assertThat(ok.get("ok").asBoolean()).as(ok.toString()).isTrue();
    assertThat(ok.get("firstBrokenEntryId").isNull()).isTrue();
    assertThat(ok.get("entriesChecked").asLong()).isEqualTo(ok.get("headEntryId").asLong()).isPositive();

    long entryId = jdbc.queryForObject("select journal_entry_id from registry_issuance where project_registration_no = ?",
        Long.class, issued.registrationNo());
    String original = jdbc.queryForObject("select payload from registry_journal where id = ?", String.class, entryId);
    try {
      jdbc.update("update registry_journal set payload = ? where id = ?",
          original.replace("quantity=20", "quantity=2000"), entryId);
      JsonNode broken = verify();
      assertThat(broken.get("ok").asBoolean()).isFalse();
      assertThat(broken.get("firstBrokenEntryId").asLong()).isEqualTo(entryId);
      assertThat(broken.get("problem").asText()).contains("hash");
    } finally {
      jdbc.update("update registry_journal set payload = ? where id = ?", original, entryId);
    }
    assertThat(verify().get("ok").asBoolean()).isTrue();
  }

  @Test
  void aRewrittenHashBreaksTheLinkOfTheNextEntry() {
    fixture.issueNew(RegistryFixture.SUNROOF, 1);
    RegistryFixture.Issued last = fixture.issueNew(RegistryFixture.SUNROOF, 1);
    long entryId = jdbc.queryForObject("select journal_entry_id from registry_issuance where project_registration_no = ?",
        Long.class, last.registrationNo()) - 1;
    Map<String, Object> original = jdbc.queryForMap("select payload, hash from registry_journal where id = ?", entryId);
    String payload = (String) original.get("payload");
    String forged = payload.replace(";by=", ";by=x");
    // a forger who also recomputes the entry's own hash is caught by the next entry's link
    String previous = jdbc.queryForObject("select previous_hash from registry_journal where id = ?", String.class,
        entryId);
    java.time.Instant at = jdbc.queryForObject("select occurred_at from registry_journal where id = ?",
        java.time.OffsetDateTime.class, entryId).toInstant();
    String operation = jdbc.queryForObject("select operation from registry_journal where id = ?", String.class, entryId);
    String forgedHash = RegistryJournal.hash(previous, RegistryJournal.canonicalContent(entryId, at, operation, forged));
    try {
      jdbc.update("update registry_journal set payload = ?, hash = ? where id = ?", forged, forgedHash, entryId);
      JsonNode broken = verify();
      assertThat(broken.get("ok").asBoolean()).isFalse();
      assertThat(broken.get("firstBrokenEntryId").asLong()).isEqualTo(entryId + 1);
    } finally {
      jdbc.update("update registry_journal set payload = ?, hash = ? where id = ?", payload, original.get("hash"),
          entryId);
    }
    assertThat(verify().get("ok").asBoolean()).isTrue();
  }

  @Test
  void theNonPublicDetailsAreCoveredByTheirDigestWhichTheAuthoritiesVerify() {
    RegistryFixture.Issued issued = fixture.issueNew(RegistryFixture.GREENTRAVEL, 3);
    long entryId = jdbc.queryForObject("select journal_entry_id from registry_issuance where project_registration_no = ?",
        Long.class, issued.registrationNo());
    String details = jdbc.queryForObject("select private_details from registry_journal where id = ?", String.class,
        entryId);
    assertThat(details).isEqualTo("actor=system");
    try {
      jdbc.update("update registry_journal set private_details = 'actor=someone-else' where id = ?", entryId);
      assertThat(verify().get("ok").asBoolean()).isTrue(); // the public cannot see them …
      JsonNode full = http.withBasicAuth("zhangwei", "demo").getForObject("/api/registry/journal/verify",
          JsonNode.class);
      assertThat(full.get("ok").asBoolean()).isFalse(); // … the bureau checks them
      assertThat(full.get("firstBrokenEntryId").asLong()).isEqualTo(entryId);
      assertThat(full.get("privateDetailsChecked").asBoolean()).isTrue();
    } finally {
      jdbc.update("update registry_journal set private_details = ? where id = ?", details, entryId);
    }
    assertThat(http.withBasicAuth("wangfang", "demo").getForObject("/api/registry/journal/verify", JsonNode.class)
        .get("ok").asBoolean()).isTrue();
    assertThat(http.withBasicAuth("greentravel", "demo").getForEntity("/api/registry/journal/verify",
        JsonNode.class).getStatusCode().value()).isEqualTo(403);
  }

  @Test
  void anyoneCanRecomputeTheChainFromThePublicJournal() throws Exception {
    fixture.issueNew(RegistryFixture.GREENTRAVEL, 2);
    String previous = "0".repeat(64);
    long afterId = 0;
    long seen = 0;
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    while (true) {
      JsonNode page = http.getForObject("/api/public/registry/journal?afterId=" + afterId + "&limit=200",
          JsonNode.class);
      if (page.isEmpty()) {
        break;
      }
      for (JsonNode entry : page) {
        String content = entry.get("id").asLong() + "|" + entry.get("occurredAt").asText() + "|"
            + entry.get("operation").asText() + "|" + entry.get("payload").asText();
        assertThat(entry.get("content").asText()).isEqualTo(content);
        assertThat(entry.get("previousHash").asText()).isEqualTo(previous);
        byte[] input = (previous + "\n" + content).getBytes(StandardCharsets.UTF_8);
        // SM3 since the anchor of V16, which this database had from its start; SHA-256 before
        assertThat(entry.get("hashAlgorithm").asText()).isEqualTo("SM3");
        org.bouncycastle.crypto.digests.SM3Digest sm3 = new org.bouncycastle.crypto.digests.SM3Digest();
        sm3.update(input, 0, input.length);
        byte[] digest = new byte[32];
        sm3.doFinal(digest, 0);
        String hash = HexFormat.of().formatHex(digest);
        assertThat(hash).isNotEqualTo(HexFormat.of().formatHex(sha256.digest(input)));
        assertThat(entry.get("hash").asText()).as("entry %s", entry.get("id")).isEqualTo(hash);
        assertThat(entry.toString()).doesNotContain("actor=", "greentravel", "private_details");
        previous = hash;
        afterId = entry.get("id").asLong();
        seen++;
      }
    }
    assertThat(seen).isPositive();
  }

  @Test
  void aSerialTellsItsHistoryLinkedToTheJournal() {
    RegistryFixture.Issued issued = fixture.issueNew(RegistryFixture.GREENTRAVEL, 10);
    http.withBasicAuth("greentravel", "demo").postForEntity("/api/registry/transfers",
        Map.of("quantity", 4, "blockId", issued.blockId()), JsonNode.class);
    http.withBasicAuth("greentravel", "demo").postForEntity("/api/registry/retirements", Map.of("purpose",
        "EVENT_NEUTRALITY", "beneficiary", "2025 中关村论坛", "quantity", 3, "blockId", issued.blockId()),
        JsonNode.class);

    String c = issued.code();
    JsonNode unit = http.getForObject("/api/public/registry/serials/BJCI-" + c + "-2024-00000005", JsonNode.class);
    assertThat(unit.get("quantity").asLong()).isOne();
    assertThat(unit.get("history").findValuesAsText("step")).containsExactly("ISSUED", "RETIRED");
    JsonNode retired = unit.get("history").get(1);
    assertThat(retired.get("serialRange").asText()).isEqualTo("BJCI-" + c + "-2024-00000004-00000006");
    assertThat(retired.get("purpose").asText()).isEqualTo("EVENT_NEUTRALITY");
    assertThat(retired.get("purposeLabel").asText()).isEqualTo("大型活动碳中和");
    assertThat(retired.get("beneficiary").asText()).isEqualTo("2025 中关村论坛");
    assertThat(retired.get("from").asText()).isEqualTo("DEVELOPER");
    assertThat(retired.get("to").asText()).isEqualTo("RETIREMENT");
    JsonNode entry = http.getForObject("/api/public/registry/journal?afterId="
        + (retired.get("journalEntryId").asLong() - 1) + "&limit=1", JsonNode.class).get(0);
    assertThat(entry.get("hash").asText()).isEqualTo(retired.get("journalHash").asText());
    assertThat(entry.get("operation").asText()).isEqualTo("RETIRE");
    assertThat(entry.get("payload").asText()).contains("beneficiary=2025 中关村论坛",
        "move=RETIRED:", "BJCI-" + c + "-2024-00000004-00000006");

    JsonNode range = http.getForObject("/api/public/registry/serials/BJCI-" + c + "-2024-00000001-00000010",
        JsonNode.class);
    assertThat(range.get("history").findValuesAsText("step")).containsExactly("ISSUED", "TRANSFERRED", "RETIRED");
    assertThat(range.get("current")).hasSize(3);
    assertThat(range.get("current").findValuesAsText("status")).containsExactly("ACTIVE", "RETIRED", "PENDING");
    assertThat(range.get("current").findValuesAsText("holder")).containsExactly("DEVELOPER", "RETIREMENT",
        "EXCHANGE");
    assertThat(range.toString()).doesNotContain("greentravel", "BJCI-A-", "北京绿色出行");
  }

  @Test
  void thePublicStatisticsCountWhatHappened() {
    JsonNode before = http.getForObject("/api/public/registry/statistics", JsonNode.class);
    RegistryFixture.Issued issued = fixture.issueNew(RegistryFixture.SUNROOF, 30);
    http.withBasicAuth("sunroof", "demo").postForEntity("/api/registry/retirements", Map.of("purpose",
        "ECOLOGICAL_COMPENSATION", "beneficiary", "某生态损害赔偿案", "quantity", 8, "blockId", issued.blockId()),
        JsonNode.class);
    http.withBasicAuth("zhangwei", "demo").postForEntity("/api/registry/cancellations", Map.of("blockId",
        issued.blockId(), "quantity", 2, "reason", "重复计算"), JsonNode.class);
    JsonNode after = http.getForObject("/api/public/registry/statistics", JsonNode.class);
    assertThat(after.get("unit").asText()).isEqualTo("tCO2e");
    assertThat(delta(before, after, "issued")).isEqualTo(30);
    assertThat(delta(before, after, "retired")).isEqualTo(8);
    assertThat(after.get("retiredByPurpose").get("ECOLOGICAL_COMPENSATION").asLong()
        - before.get("retiredByPurpose").get("ECOLOGICAL_COMPENSATION").asLong()).isEqualTo(8);
    assertThat(delta(before, after, "cancelled")).isEqualTo(2);
    assertThat(delta(before, after, "outstanding")).isEqualTo(20);
    assertThat(delta(before, after, "journalEntries")).isEqualTo(3);
  }

  private static long delta(JsonNode before, JsonNode after, String field) {
    return after.get(field).asLong() - before.get(field).asLong();
  }

  private JsonNode verify() {
    return http.getForObject("/api/public/registry/journal/verify", JsonNode.class);
  }
}
