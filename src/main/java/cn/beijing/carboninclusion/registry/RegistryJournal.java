package cn.beijing.carboninclusion.registry;

import cn.beijing.carboninclusion.crypto.Sm3;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
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
 * H of the UTF-8 bytes of {@code previousHash + "\n" + content}; the first entry's previous hash is 64 zeros.
 * Details that are not public (who acted, prices, amounts, verified emissions, buyer names) are kept beside the entry
 * and enter the chain as {@code private=H(salt + "\n" + details)}, the last field of the payload.
 *
 * <p>H is the entry's hash algorithm: SM3 (GB/T 32905, 商用密码) for every entry from the anchor of Flyway V16 on,
 * SHA-256 for the entries written before it. The anchor ({@code registry_journal_anchor}) records the first SM3
 * entry's id and the SHA-256 head it chains from; verification requires SHA-256 before it, SM3 from it, and the
 * first SM3 entry to chain from the recorded head, so the old entries stay verifiable and none can be re-labelled.
 */
@Service
public class RegistryJournal {
  public static final String GENESIS_HASH = "0".repeat(64);
  public static final String SHA256 = "SHA-256";
  public static final String SM3 = "SM3";
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
    String payload = publicFields.put("private", privateDigest(SM3, salt, privateDetails)).toString();
    if (payload.length() > 100_000) {
      throw new cn.beijing.carboninclusion.common.ConflictException(
          "一次操作涉及的区块过多，请分批办理 (too many blocks in one operation)");
    }
    String hash = hash(SM3, head.getLastHash(), canonicalContent(id, at, operation.name(), payload));
    JournalEntry entry = new JournalEntry(id, at, operation, payload, head.getLastHash(), hash, privateDetails, salt,
        SM3);
    entityManager.persist(entry);
    head.advance(id, hash);
    entityManager.flush();
    return entry;
  }

  /** The content an entry's hash covers. */
  public static String canonicalContent(long id, Instant occurredAt, String operation, String payload) {
    return id + "|" + TIMESTAMP.format(occurredAt) + "|" + operation + "|" + payload;
  }

  /** The hash of a new entry (SM3). */
  public static String hash(String previousHash, String content) {
    return hash(SM3, previousHash, content);
  }

  /** The hash of an entry with {@code algorithm} ({@value #SM3} or {@value #SHA256}). */
  public static String hash(String algorithm, String previousHash, String content) {
    return digest(algorithm, previousHash + "\n" + content);
  }

  static String privateDigest(String algorithm, String salt, String privateDetails) {
    return digest(algorithm, salt + "\n" + privateDetails);
  }

  static String digest(String algorithm, String text) {
    return switch (algorithm) {
      case SM3 -> Sm3.hex(text);
      case SHA256 -> sha256(text);
      default -> throw new IllegalArgumentException("unknown journal hash algorithm " + algorithm);
    };
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

  /** How many entries the journal holds (its head's id: entries are numbered from 1 without gaps). */
  @Transactional(readOnly = true)
  public long size() {
    return heads.findById(JournalHead.ID).map(JournalHead::getLastEntryId).orElse(0L);
  }

  @Transactional(readOnly = true)
  public JournalEntry entry(long id) {
    return entries.findById(id).orElseThrow(() -> new cn.beijing.carboninclusion.common.NotFoundException(
        "journal entry", id));
  }

  /**
   * Recomputes the chain from the stored rows, up to the entry the head names (entries appended meanwhile are left
   * for the next run). With {@code includePrivate}, the digests of the non-public details are recomputed too.
   *
   * <p>Streamed in constant memory: the rows are read in order ({@value #VERIFY_FETCH} per round trip), in batches
   * of {@value #VERIFY_BATCH}; each batch's hashes are recomputed on the verification threads (one per core) while
   * the next rows are read, with at most {@link #VERIFY_IN_FLIGHT} batches held. The links — ids without gaps, each
   * entry's previous hash equal to the hash before it, the anchor, the head — are then checked in order, and the
   * first broken entry is the one reported, as if the chain were walked one entry at a time.
   */
  @Transactional(readOnly = true)
  public JournalVerification verify(boolean includePrivate) {
    Instant now = Instant.now(clock);
    record Head(long id, String hash) {}
    Head head = jdbc.queryForObject("select last_entry_id, last_hash from registry_journal_head where id = 1",
        (rs, n) -> new Head(rs.getLong(1), rs.getString(2)));
    Anchor anchor = jdbc.queryForObject("""
        select first_entry_id, previous_hash from registry_journal_anchor where algorithm = 'SM3'""",
        (rs, n) -> new Anchor(rs.getLong(1), rs.getString(2)));
    String columns = "id, occurred_at, operation, payload, previous_hash, hash, hash_algorithm"
        + (includePrivate ? ", private_details, private_salt" : "");
    Chain chain = jdbc.query(con -> {
      var statement = con.prepareStatement("select " + columns + " from registry_journal where id <= ? order by id",
          java.sql.ResultSet.TYPE_FORWARD_ONLY, java.sql.ResultSet.CONCUR_READ_ONLY);
      statement.setFetchSize(VERIFY_FETCH);
      statement.setLong(1, head.id());
      return statement;
    }, (ResultSetExtractor<Chain>) rs -> {
      Chain walked = new Chain(anchor, includePrivate);
      java.util.ArrayDeque<java.util.concurrent.Future<List<Checked>>> inFlight = new java.util.ArrayDeque<>();
      try {
        boolean intact = true;
        List<Row> batch = new java.util.ArrayList<>(VERIFY_BATCH);
        while (intact && rs.next()) {
          batch.add(new Row(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
              rs.getString("operation"), rs.getString("payload"), rs.getString("previous_hash"),
              rs.getString("hash"), includePrivate ? rs.getString("private_details") : null,
              includePrivate ? rs.getString("private_salt") : null, rs.getString("hash_algorithm")));
          if (batch.size() == VERIFY_BATCH) {
            inFlight.add(check(batch, includePrivate));
            batch = new java.util.ArrayList<>(VERIFY_BATCH);
            while (intact && inFlight.size() > VERIFY_IN_FLIGHT) {
              intact = walked.acceptAll(done(inFlight.poll()));
            }
          }
        }
        if (intact && !batch.isEmpty()) {
          inFlight.add(check(batch, includePrivate));
        }
        while (intact && !inFlight.isEmpty()) {
          intact = walked.acceptAll(done(inFlight.poll()));
        }
        return walked;
      } finally {
        inFlight.forEach(pending -> pending.cancel(true));
      }
    });
    chain.end(head.id(), head.hash());
    return new JournalVerification(chain.broken == null, chain.checked, chain.broken, chain.problem, head.id(),
        head.hash(), includePrivate, now, anchor.firstEntryId(), anchor.previousHash());
  }

  /** Rows fetched per round trip while verifying. */
  static final int VERIFY_FETCH = 2000;
  /** Rows whose hashes one verification thread recomputes at a time. */
  static final int VERIFY_BATCH = 1000;
  /** Batches read ahead of the ordered check: bounds the memory a verification holds, whatever the journal's size. */
  static final int VERIFY_IN_FLIGHT = Runtime.getRuntime().availableProcessors() + 2;

  /** The verification threads: one per core, shared by concurrent verifications. */
  private static final java.util.concurrent.ExecutorService VERIFIERS = java.util.concurrent.Executors
      .newFixedThreadPool(Runtime.getRuntime().availableProcessors(), task -> {
        Thread thread = new Thread(task, "journal-verify");
        thread.setDaemon(true);
        return thread;
      });

  private static java.util.concurrent.Future<List<Checked>> check(List<Row> batch, boolean includePrivate) {
    return VERIFIERS.submit(() -> batch.stream().map(row -> Checked.of(row, includePrivate)).toList());
  }

  private static List<Checked> done(java.util.concurrent.Future<List<Checked>> pending) {
    try {
      return pending.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("journal verification interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    }
  }

  /**
   * A stored entry with the outcome of recomputing its own hash (from its own previous hash, content and algorithm)
   * and, if asked, its private digest: what does not depend on the entries around it, so it is computed in parallel.
   */
  record Checked(Row row, boolean contentMatches, boolean privateMatches) {
    static Checked of(Row row, boolean includePrivate) {
      boolean known = SM3.equals(row.algorithm()) || SHA256.equals(row.algorithm());
      boolean content = known && hash(row.algorithm(), row.previousHash(),
          canonicalContent(row.id(), row.occurredAt(), row.operation(), row.payload())).equals(row.hash());
      boolean details = !includePrivate || known && row.privateSalt() != null && row.privateDetails() != null
          && JournalPayload.valueOf(row.payload(), "private")
              .map(privateDigest(row.algorithm(), row.privateSalt(), row.privateDetails())::equals).orElse(false);
      return new Checked(row, content, details);
    }
  }

  /** Where SM3 begins: the first SM3 entry and the SHA-256 head it chains from (Flyway V16). */
  record Anchor(long firstEntryId, String previousHash) {}

  /** A stored entry as verification reads it. */
  record Row(long id, Instant occurredAt, String operation, String payload, String previousHash, String hash,
      String privateDetails, String privateSalt, String algorithm) {}

  /** The chain as verification walks it, entry by entry, up to the first broken one. */
  static final class Chain {
    private final Anchor anchor;
    private final boolean includePrivate;
    long checked;
    String previousHash = GENESIS_HASH;
    Long broken;
    String problem;

    Chain(Anchor anchor, boolean includePrivate) {
      this.anchor = anchor;
      this.includePrivate = includePrivate;
    }

    void fail(long id, String problem) {
      this.broken = id;
      this.problem = problem;
    }

    /** Checks stored entries in order; false when the chain is broken at one of them. */
    boolean acceptAll(List<Checked> rows) {
      for (Checked row : rows) {
        if (!accept(row)) {
          return false;
        }
      }
      return true;
    }

    /** Checks the next stored entry, recomputing its hashes here. */
    boolean accept(Row row) {
      return accept(Checked.of(row, includePrivate));
    }

    /** Checks the next stored entry; false when the chain is broken at it. */
    boolean accept(Checked entry) {
      Row row = entry.row();
      long id = row.id();
      if (id != checked + 1) {
        fail(checked + 1, "日志条目缺失 (entry missing)");
        return false;
      }
      if (!previousHash.equals(row.previousHash())) {
        fail(id, "前序哈希不符 (previous hash does not match the entry before)");
        return false;
      }
      String expected = id < anchor.firstEntryId() ? SHA256 : SM3;
      if (!expected.equals(row.algorithm())) {
        fail(id, "哈希算法与锚点不符 (entries before " + anchor.firstEntryId() + " are SHA-256, from it SM3; this "
            + "entry says " + row.algorithm() + ")");
        return false;
      }
      if (id == anchor.firstEntryId() && !anchor.previousHash().equals(row.previousHash())) {
        fail(id, "首个 SM3 条目未接续锚定时的日志头 (the first SM3 entry does not chain from the anchored head)");
        return false;
      }
      if (!entry.contentMatches()) {
        fail(id, "内容与哈希不符 (content does not match its hash)");
        return false;
      }
      if (includePrivate && !entry.privateMatches()) {
        fail(id, "非公开明细与摘要不符 (private details do not match their digest)");
        return false;
      }
      previousHash = row.hash();
      checked++;
      return true;
    }

    /** After the last stored entry up to the head: the head, and the anchor, must agree with what was walked. */
    void end(long headId, String headHash) {
      if (broken != null) {
        return;
      }
      if (checked < headId) {
        fail(checked + 1, "日志条目缺失 (entry missing before the head)");
      } else if (!previousHash.equals(headHash)) {
        fail(headId, "末条目的哈希与日志头记录不符 (last hash differs from the head)");
      } else if (headId < anchor.firstEntryId() - 1) {
        fail(headId + 1, "日志短于重新锚定时的长度 (entries missing before the SM3 anchor)");
      } else if (headId == anchor.firstEntryId() - 1 && !headHash.equals(anchor.previousHash())) {
        fail(headId, "日志头与锚定时的哈希不符 (the head differs from the anchored SHA-256 head)");
      }
    }
  }
}
