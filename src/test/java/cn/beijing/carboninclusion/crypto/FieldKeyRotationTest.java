package cn.beijing.carboninclusion.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link FieldKeyRotation} on PostgreSQL: it finds every personal column in the JPA mapping, encrypts clear rows
 * (written before V15), re-encrypts every row under a new current key after a rotation (and back), and leaves a row
 * no key of the ring opens as it is.
 */
class FieldKeyRotationTest extends PlatformIntegrationTest {
  @Autowired FieldKeyRotation rotation;
  @Autowired Sm4Gcm sm4;
  @Autowired JdbcTemplate jdbc;

  private final List<Long> inserted = new java.util.ArrayList<>();

  @AfterEach
  void removeRows() {
    inserted.forEach(id -> jdbc.update("delete from developer_organisation where id = ?", id));
  }

  @Test
  void findsEveryPersonalColumn() {
    assertThat(rotation.columns()).extracting(c -> c.table() + "." + c.column()).containsExactlyInAnyOrder(
        "developer_organisation.contact_email", "methodology_comment.commenter_name", "methodology_comment.contact",
        "objection.contact", "objection.objector_name", "participant_secret.secret", "project_change.new_values", "project_version.contact_email",
        "project_version.contact_name", "project_version.contact_phone");
    assertThat(rotation.columns()).allMatch(c -> c.idColumn().equals("id"));
  }

  @Test
  void clearRowsAreEncryptedAndARotationReencryptsEveryRowUnderTheNewKey() {
    String original = sm4.keys().currentId();
    long clear = organisation("clear-" + UUID.randomUUID() + "@example.com");
    String clearEmail = email(clear);
    assertThat(Sm4Gcm.isEncryptedText(clearEmail)).isFalse();

    FieldKeyRotation.Result first = rotation.rotate();
    assertThat(first.encrypted()).isGreaterThanOrEqualTo(1);
    assertThat(first.unreadable()).isZero();
    assertThat(Sm4Gcm.keyIdOfText(email(clear))).contains(original);
    assertThat(sm4.decryptText(email(clear))).isEqualTo(clearEmail);
    assertThat(rotation.rotate()).as("a second run has nothing to do").isEqualTo(new FieldKeyRotation.Result(0, 0, 0));

    // rotate: a new current key, the old one kept on the ring until the job has run
    byte[] fresh = new byte[16];
    new SecureRandom().nextBytes(fresh);
    Map<String, byte[]> keys = new LinkedHashMap<>();
    keys.put(original, sm4.keys().key(original));
    keys.put("rot2", fresh);
    Sm4Gcm rotated = new Sm4Gcm(new FieldKeys("rot2", keys));
    long encryptedRows = encryptedRowsUnder(original);
    assertThat(encryptedRows).isGreaterThanOrEqualTo(1);
    try {
      FieldKeyRotation.Result second = rotation.rotate(rotated);
      assertThat(second.reencrypted()).isEqualTo(encryptedRows);
      assertThat(second.encrypted()).isZero();
      assertThat(encryptedRowsUnder(original)).isZero();
      assertThat(Sm4Gcm.keyIdOfText(email(clear))).contains("rot2");
      assertThat(rotated.decryptText(email(clear))).isEqualTo(clearEmail);
      Sm4Gcm withoutOldKey = new Sm4Gcm(new FieldKeys("rot2", Map.of("rot2", fresh)));
      assertThat(withoutOldKey.decryptText(email(clear))).as("the old key is no longer needed").isEqualTo(clearEmail);

      // a row under a key the ring does not hold is counted and left as it is
      Sm4Gcm ghost = new Sm4Gcm(new FieldKeys("ghost", Map.of("ghost", fresh.clone())));
      long lost = organisation(ghost.encryptText("lost@example.com"));
      String lostValue = email(lost);
      assertThat(rotation.rotate(rotated)).isEqualTo(new FieldKeyRotation.Result(0, 0, 1));
      assertThat(email(lost)).isEqualTo(lostValue);
      jdbc.update("delete from developer_organisation where id = ?", lost);
    } finally {
      // back under the platform's key, for the other tests of this context
      Map<String, byte[]> back = new LinkedHashMap<>(keys);
      FieldKeyRotation.Result restored = rotation.rotate(new Sm4Gcm(new FieldKeys(original, back)));
      assertThat(restored.reencrypted()).isEqualTo(encryptedRows);
    }
    assertThat(sm4.decryptText(email(clear))).isEqualTo(clearEmail);
  }

  private long encryptedRowsUnder(String keyId) {
    long n = 0;
    for (FieldKeyRotation.PersonalColumn c : rotation.columns()) {
      for (String value : jdbc.queryForList("select " + c.column() + " from " + c.table() + " where " + c.column()
          + " is not null", String.class)) {
        if (Sm4Gcm.keyIdOfText(value).map(keyId::equals).orElse(false)) {
          n++;
        }
      }
    }
    return n;
  }

  private long organisation(String contactEmail) {
    String creditCode = ("9111" + UUID.randomUUID().toString().replace("-", "")).substring(0, 18).toUpperCase();
    jdbc.update("""
        insert into developer_organisation (credit_code, name, kind, contact_email, status, created_at)
        values (?, ?, 'ENTERPRISE', ?, 'ACTIVE', ?)""", creditCode, "轮换测试" + creditCode, contactEmail,
        OffsetDateTime.now());
    long id = jdbc.queryForObject("select id from developer_organisation where credit_code = ?", Long.class,
        creditCode);
    inserted.add(id);
    return id;
  }

  private String email(long id) {
    return jdbc.queryForObject("select contact_email from developer_organisation where id = ?", String.class, id);
  }
}
