package cn.beijing.carboninclusion.registry;

import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The registry's tamper-evident journal: an append-only hash chain (docs/registry.md, "Journal").
 *
 * <p>Canonical content of an entry: {@code {id}|{occurredAt}|{operation}|{payload}}, with occurredAt in UTC as
 * {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'} and payload in {@link JournalPayload}'s form. Its hash is the lowercase hex
 * SHA-256 of the UTF-8 bytes of {@code previousHash + "\n" + content}; the first entry's previous hash is 64 zeros.
 * Details that are not public (who acted, prices, amounts, verified emissions, buyer names) are kept beside the entry
 * and enter the chain as {@code private=SHA-256(salt + "\n" + details)}, the last field of the payload.
 */
@Service
public class RegistryJournal {
  public static final String GENESIS_HASH = "0".repeat(64);
  static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JournalHeads heads;
  private final JournalEntries entries;
  private final EntityManager entityManager;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  RegistryJournal(JournalHeads heads, JournalEntries entries, EntityManager entityManager, DataSource dataSource,
      Clock clock) {
    this.heads = heads;
    this.entries = entries;
    this.entityManager = entityManager;
    this.jdbc = new JdbcTemplate(dataSource);
    this.jdbc.setFetchSize(500);
    this.clock = clock;
  }

  /**
   * Locks the head of the chain for the rest of the transaction. Every registry operation calls this first, so
   * registry operations take their locks in one order and the chain never forks.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  JournalHead lockHead() {
    return heads.lock().orElseThrow(() -> new IllegalStateException("registry_journal_head row is missing"));
  }

  /** Appends the entry of an operation in the caller's transaction. */
  @Transactional(propagation = Propagation.MANDATORY)
  JournalEntry append(JournalEntry.Operation operation, JournalPayload publicFields, JournalPayload privateFields) {
    JournalHead head = lockHead();
    long id = head.getLastEntryId() + 1;
    Instant at = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    byte[] saltBytes = new byte[16];
    RANDOM.nextBytes(saltBytes);
    String salt = HexFormat.of().formatHex(saltBytes);
    String privateDetails = privateFields.toString();
    String payload = publicFields.put("private", privateDigest(salt, privateDetails)).toString();
    if (payload.length() > 100_000) {
      throw new cn.beijing.carboninclusion.common.ConflictException(
          "一次操作涉及的区块过多，请分批办理 (too many blocks in one operation)");
    }
    String hash = hash(head.getLastHash(), canonicalContent(id, at, operation.name(), payload));
    JournalEntry entry = new JournalEntry(id, at, operation, payload, head.getLastHash(), hash, privateDetails, salt);
    entityManager.persist(entry);
    head.advance(id, hash);
    entityManager.flush();
    return entry;
  }

  /** The content an entry's hash covers. */
  public static String canonicalContent(long id, Instant occurredAt, String operation, String payload) {
    return id + "|" + TIMESTAMP.format(occurredAt) + "|" + operation + "|" + payload;
  }

  public static String hash(String previousHash, String content) {
    return sha256(previousHash + "\n" + content);
  }

  static String privateDigest(String salt, String privateDetails) {
    return sha256(salt + "\n" + privateDetails);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  @Transactional(readOnly = true)
  public List<JournalEntry> entries(long afterId, int limit) {
    return entries.findByIdGreaterThanOrderByIdAsc(afterId, PageRequest.of(0, limit));
  }

  @Transactional(readOnly = true)
  public JournalEntry entry(long id) {
    return entries.findById(id).orElseThrow(() -> new cn.beijing.carboninclusion.common.NotFoundException(
        "journal entry", id));
  }

  /**
   * Recomputes the chain from the stored rows, up to the entry the head names (entries appended meanwhile are left
   * for the next run). With {@code includePrivate}, the digests of the non-public details are recomputed too.
   */
  @Transactional(readOnly = true)
  public JournalVerification verify(boolean includePrivate) {
    Instant now = Instant.now(clock);
    record Head(long id, String hash) {}
    Head head = jdbc.queryForObject("select last_entry_id, last_hash from registry_journal_head where id = 1",
        (rs, n) -> new Head(rs.getLong(1), rs.getString(2)));
    Chain chain = jdbc.query("""
        select id, occurred_at, operation, payload, previous_hash, hash, private_details, private_salt
        from registry_journal where id <= ? order by id""", (ResultSetExtractor<Chain>) rs -> walk(rs, includePrivate),
        head.id());
    if (chain.broken == null) {
      if (chain.checked < head.id()) {
        chain.fail(chain.checked + 1, "日志条目缺失 (entry missing before the head)");
      } else if (!chain.previousHash.equals(head.hash())) {
        chain.fail(head.id(), "末条目的哈希与日志头记录不符 (last hash differs from the head)");
      }
    }
    return new JournalVerification(chain.broken == null, chain.checked, chain.broken, chain.problem, head.id(),
        head.hash(), includePrivate, now);
  }

  private static final class Chain {
    long checked;
    String previousHash = GENESIS_HASH;
    Long broken;
    String problem;

    void fail(long id, String problem) {
      this.broken = id;
      this.problem = problem;
    }
  }

  private static Chain walk(ResultSet rs, boolean includePrivate) throws SQLException {
    Chain chain = new Chain();
    long expectedId = 1;
    while (rs.next()) {
      long id = rs.getLong("id");
      if (id != expectedId) {
        chain.fail(expectedId, "日志条目缺失 (entry missing)");
        return chain;
      }
      String previous = rs.getString("previous_hash");
      if (!chain.previousHash.equals(previous)) {
        chain.fail(id, "前序哈希不符 (previous hash does not match the entry before)");
        return chain;
      }
      Instant at = rs.getObject("occurred_at", OffsetDateTime.class).toInstant();
      String payload = rs.getString("payload");
      String content = canonicalContent(id, at, rs.getString("operation"), payload);
      String stored = rs.getString("hash");
      if (!hash(previous, content).equals(stored)) {
        chain.fail(id, "内容与哈希不符 (content does not match its hash)");
        return chain;
      }
      if (includePrivate) {
        String digest = privateDigest(rs.getString("private_salt"), rs.getString("private_details"));
        if (!JournalPayload.valueOf(payload, "private").map(digest::equals).orElse(false)) {
          chain.fail(id, "非公开明细与摘要不符 (private details do not match their digest)");
          return chain;
        }
      }
      chain.previousHash = stored;
      chain.checked++;
      expectedId++;
    }
    return chain;
  }
}
