package cn.beijing.carboninclusion.registry;

import cn.beijing.carboninclusion.crypto.Sm2Signer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signs the registry journal's head once a day (and on call) with the platform's SM2 key (GB/T 32918, SM3withSM2):
 * the signed text is {@code registry-journal\n<lastEntryId>\n<lastHash>\n<signedAt ISO-8601>} in UTF-8. The signed
 * heads are public ({@code GET /api/public/registry/journal/signed-heads}); with the public key
 * ({@code GET /api/public/crypto/public-key}) anyone checks that the journal as published later still passes through
 * each signed head — a rewrite of older entries would need the platform's private key. A head already signed is not
 * signed again.
 */
@Component
public class JournalHeadSignatures {
  static final String ALGORITHM = "SM3withSM2";
  private static final Logger log = LoggerFactory.getLogger(JournalHeadSignatures.class);

  private final JdbcTemplate jdbc;
  private final Sm2Signer signer;
  private final Clock clock;

  JournalHeadSignatures(JdbcTemplate jdbc, Sm2Signer signer, Clock clock) {
    this.jdbc = jdbc;
    this.signer = signer;
    this.clock = clock;
  }

  /** One signed head as the public reads it. */
  public record SignedHead(long id, Instant signedAt, long lastEntryId, String lastHash, String algorithm,
      String signature, String signedText) {}

  /** The text a head's signature covers. */
  static String signedText(long lastEntryId, String lastHash, Instant signedAt) {
    return "registry-journal\n" + lastEntryId + "\n" + lastHash + "\n" + signedAt;
  }

  /** Signs the current head unless it is signed already; returns the signed head, or null for an empty journal. */
  @Scheduled(cron = "${carbon-inclusion.registry.head-signature-cron:0 10 0 * * *}", zone = "Asia/Shanghai")
  @Transactional
  public SignedHead signHead() {
    record Head(long id, String hash) {}
    Head head = jdbc.queryForObject("select last_entry_id, last_hash from registry_journal_head where id = 1",
        (rs, i) -> new Head(rs.getLong(1), rs.getString(2)));
    if (head.id() == 0) {
      return null;
    }
    List<SignedHead> existing = jdbc.query("""
        select id, signed_at, last_entry_id, last_hash, algorithm, signature from signed_journal_head
        where last_entry_id = ? and last_hash = ?""", (rs, i) -> row(rs), head.id(), head.hash());
    if (!existing.isEmpty()) {
      return existing.get(0);
    }
    Instant at = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    String signature = signer.signBase64(signedText(head.id(), head.hash(), at).getBytes(StandardCharsets.UTF_8));
    jdbc.update("""
        insert into signed_journal_head (signed_at, last_entry_id, last_hash, algorithm, signature)
        values (?, ?, ?, ?, ?)""", Timestamp.from(at), head.id(), head.hash(), ALGORITHM, signature);
    log.info("registry journal head {} signed ({})", head.id(), ALGORITHM);
    return jdbc.queryForObject("""
        select id, signed_at, last_entry_id, last_hash, algorithm, signature from signed_journal_head
        where last_entry_id = ? and last_hash = ?""", (rs, i) -> row(rs), head.id(), head.hash());
  }

  /** How many heads were signed. */
  public long count() {
    return jdbc.queryForObject("select count(*) from signed_journal_head", Long.class);
  }

  /** The signed heads, newest first, one page. */
  public List<SignedHead> page(int offset, int limit) {
    return jdbc.query("""
        select id, signed_at, last_entry_id, last_hash, algorithm, signature from signed_journal_head
        order by id desc offset ? rows fetch next ? rows only""", (rs, i) -> row(rs), offset, limit);
  }

  private static SignedHead row(java.sql.ResultSet rs) throws java.sql.SQLException {
    Instant at = rs.getTimestamp("signed_at").toInstant();
    long lastId = rs.getLong("last_entry_id");
    String lastHash = rs.getString("last_hash");
    return new SignedHead(rs.getLong("id"), at, lastId, lastHash, rs.getString("algorithm"),
        rs.getString("signature"), signedText(lastId, lastHash, at));
  }
}
