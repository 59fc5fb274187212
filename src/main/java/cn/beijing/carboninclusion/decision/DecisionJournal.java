package cn.beijing.carboninclusion.decision;

import cn.beijing.carboninclusion.common.PublishedJournal;
import cn.beijing.carboninclusion.crypto.Sm3;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 决定日志: the one global, append-only SM3 hash chain over every recorded case decision (Flyway V87;
 * docs/security.md, "Recorded decisions"), in the order they were recorded, written in the transaction that records
 * the decision. Entry {@code n} (1, 2, 3, … without gaps) has the content
 *
 * <pre>
 * decision-journal\n{id}\n{decidedAt}\n{processKey}\n{businessKey}\n{taskKey}\n{route}\n{outcome}\n{privateDigest}
 * </pre>
 *
 * with {@code decidedAt} in UTC as {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}, an empty business key if none, and
 * {@code outcome} the decision's values of its form's choice fields (radio, select, checkbox; not the experts'
 * opinions, {@link #NOT_PUBLIC}), {@code key=value}
 * sorted by key and joined by {@code ;} (in keys and values {@code %}, {@code ;}, {@code =}, CR, LF are written
 * {@code %25}, {@code %3B}, {@code %3D}, {@code %0D}, {@code %0A}). Its hash is {@code SM3(previousHash + "\n" +
 * content)}, lowercase hex; the first entry's previous hash is 64 zeros. Who decided and the reasons are not public:
 * {@code privateDigest = SM3(salt + "\n" + caseDecisionId + "\n" + taskId + "\n" + processInstanceId + "\n" +
 * decidedBy + "\n" + decisionValues + "\n" + the decision's own hash in its case's chain)}, the salt random (16 bytes,
 * hex) and kept beside the entry, not published: anyone recomputes the chain from the public fields and the digest,
 * the authorities recompute the digest from the decision itself.
 */
@Service
public class DecisionJournal implements PublishedJournal {
  public static final String NAME = "decisions";
  public static final String GENESIS_HASH = "0".repeat(64);
  static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC);
  static final int MAX_FINDINGS = 100;
  private static final Logger log = LoggerFactory.getLogger(DecisionJournal.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcTemplate jdbc;
  private final FormContracts forms;
  private final ObjectProvider<RepositoryService> repository;
  private final TransactionTemplate transactions;
  private final Clock clock;

  DecisionJournal(JdbcTemplate jdbc, FormContracts forms, ObjectProvider<RepositoryService> repository,
      PlatformTransactionManager transactionManager, Clock clock) {
    this.jdbc = jdbc;
    this.forms = forms;
    this.repository = repository;
    this.transactions = new TransactionTemplate(transactionManager);
    this.clock = clock;
  }

  /** One entry as the public reads it: every field its hash covers, the content and the hashes. */
  public record Entry(long id, long caseDecisionId, String decidedAt, String processKey, String businessKey,
      String taskKey, String route, String outcome, String privateDigest, String content, String previousHash,
      String hash) {}

  /** The head row, locked. */
  private record Head(long lastEntryId, String lastHash, boolean backfilled) {}

  /** A recorded decision as the journal reads it. */
  private record Decision(long id, String taskId, String processInstanceId, String processKey, String businessKey,
      String taskKey, String route, String decidedBy, Instant decidedAt, String values, String hash) {
    static Decision of(CaseDecision d) {
      return new Decision(d.getId(), d.getTaskId(), d.getProcessInstanceId(), d.getProcessKey(), d.getBusinessKey(),
          d.getTaskKey(), d.getRoute(), d.getDecidedBy(), d.getDecidedAt(), d.getValues(), d.getHash());
    }
  }

  // ---------------------------------------------------------------------------------------------------- the rule

  /** The content an entry's hash covers. */
  public static String content(long id, Instant decidedAt, String processKey, String businessKey, String taskKey,
      String route, String outcome, String privateDigest) {
    return String.join("\n", "decision-journal", Long.toString(id), TIMESTAMP.format(decidedAt), processKey,
        businessKey == null ? "" : businessKey, taskKey, route, outcome, privateDigest);
  }

  public static String hash(String previousHash, String content) {
    return Sm3.hex(previousHash + "\n" + content);
  }

  static String privateDigest(String salt, Decision d) {
    return Sm3.hex(salt + "\n" + String.join("\n", Long.toString(d.id()), d.taskId(), d.processInstanceId(),
        d.decidedBy(), d.values(), d.hash() == null ? "" : d.hash()));
  }

  /**
   * Choice fields that are not published even though they are codes: the experts' individual opinions on a
   * methodology (专家意见, not published: docs/portal.md "What is published").
   */
  static final Set<String> NOT_PUBLIC = Set.of("expertOpinion");

  /** The public outcome of a decision: its values of choice fields, as the class comment describes. */
  static String outcome(Map<String, Object> values, Map<String, Set<String>> choices) {
    StringJoiner outcome = new StringJoiner(";");
    new TreeMap<>(values).forEach((key, value) -> {
      Set<String> allowed = choices.get(key);
      if (allowed != null && !NOT_PUBLIC.contains(key) && (value instanceof String || value instanceof Boolean)
          && allowed.contains(value.toString())) {
        outcome.add(escape(key) + "=" + escape(value.toString()));
      }
    });
    return outcome.toString();
  }

  private static String escape(String text) {
    return text.replace("%", "%25").replace(";", "%3B").replace("=", "%3D").replace("\r", "%0D")
        .replace("\n", "%0A");
  }

  private static String unescape(String text) {
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%3D", "=").replace("%3B", ";")
        .replace("%25", "%");
  }

  // ---------------------------------------------------------------------------------------------------- appending

  /**
   * Journals a decision its case's chain has just recorded, in the caller's transaction, with the choice fields of
   * its task's form. The decisions recorded before the journal existed are journalled first, once.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  void append(CaseDecision decision, Map<String, Set<String>> choices) {
    Head head = lockHead();
    if (!head.backfilled()) {
      head = backfill(head);
    }
    if (journalled(decision.getId())) {
      return; // journalled by the backfill just run in this transaction
    }
    Decision d = Decision.of(decision);
    String hash = write(head.lastEntryId() + 1, head.lastHash(), d, outcome(parse(d.values()), choices));
    advance(head.lastEntryId() + 1, hash, true);
  }

  /** At start-up: journals the decisions recorded before the journal existed, once (a second node finds it done). */
  @EventListener(ApplicationReadyEvent.class)
  void backfillOnStart() {
    transactions.executeWithoutResult(status -> {
      Head head = lockHead();
      if (!head.backfilled()) {
        backfill(head);
      }
    });
  }

  /**
   * Journals every recorded decision not yet in the journal, in the order of their ids (the order they were
   * recorded in), with the choice fields of every deployed form, and marks the journal as complete. Deterministic:
   * the same rows give the same entries, but for the random salts of the private digests.
   */
  private Head backfill(Head head) {
    Map<String, Set<String>> choices = allChoices();
    long[] last = {head.lastEntryId()};
    String[] lastHash = {head.lastHash()};
    jdbc.query("""
        select d.id, d.task_id, d.process_instance_id, d.process_key, d.business_key, d.task_key, d.route,
               d.decided_by, d.decided_at, d.decision_values, d.hash
        from case_decision d
        where not exists (select 1 from decision_journal j where j.case_decision_id = d.id)
        order by d.id""", (RowCallbackHandler) rs -> {
      Decision d = decision(rs);
      lastHash[0] = write(last[0] + 1, lastHash[0], d, outcome(parse(d.values()), choices));
      last[0]++;
    });
    if (last[0] > head.lastEntryId()) {
      log.info("decisions journal: {} recorded decisions journalled", last[0] - head.lastEntryId());
    }
    advance(last[0], lastHash[0], true);
    return new Head(last[0], lastHash[0], true);
  }

  private Map<String, Set<String>> allChoices() {
    RepositoryService repositoryService = repository.getObject();
    CommandContext context = Context.getCommandContext();
    if (context != null) { // inside a reviewer's command: the deployments are read whoever decides
      return context.runWithoutAuthorization(() -> forms.allChoices(repositoryService));
    }
    return forms.allChoices(repositoryService);
  }

  private Head lockHead() {
    return jdbc.queryForObject(
        "select last_entry_id, last_hash, backfilled from decision_journal_head where id = 1 for update",
        (rs, n) -> new Head(rs.getLong(1), rs.getString(2), rs.getBoolean(3)));
  }

  private boolean journalled(long caseDecisionId) {
    return Boolean.TRUE.equals(jdbc.queryForObject(
        "select count(*) > 0 from decision_journal where case_decision_id = ?", Boolean.class, caseDecisionId));
  }

  private String write(long id, String previousHash, Decision d, String outcome) {
    byte[] saltBytes = new byte[16];
    RANDOM.nextBytes(saltBytes);
    String salt = HexFormat.of().formatHex(saltBytes);
    String digest = privateDigest(salt, d);
    String hash = hash(previousHash, content(id, d.decidedAt(), d.processKey(), d.businessKey(), d.taskKey(),
        d.route(), outcome, digest));
    jdbc.update("""
        insert into decision_journal (id, case_decision_id, decided_at, process_key, business_key, task_key, route,
            outcome, private_digest, private_salt, previous_hash, hash)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", id, d.id(), Timestamp.from(d.decidedAt()), d.processKey(),
        d.businessKey(), d.taskKey(), d.route(), outcome, digest, salt, previousHash, hash);
    return hash;
  }

  private void advance(long lastEntryId, String lastHash, boolean backfilled) {
    jdbc.update("update decision_journal_head set last_entry_id = ?, last_hash = ?, backfilled = ? where id = 1",
        lastEntryId, lastHash, backfilled);
  }

  private static Decision decision(ResultSet rs) throws SQLException {
    return new Decision(rs.getLong("id"), rs.getString("task_id"), rs.getString("process_instance_id"),
        rs.getString("process_key"), rs.getString("business_key"), rs.getString("task_key"), rs.getString("route"),
        rs.getString("decided_by"), rs.getObject("decided_at", OffsetDateTime.class).toInstant(),
        rs.getString("decision_values"), rs.getString("hash"));
  }

  private static Map<String, Object> parse(String values) {
    try {
      return JSON.readValue(values, new TypeReference<Map<String, Object>>() {});
    } catch (Exception e) {
      return Map.of(); // an unreadable record publishes no outcome; its digest still covers it
    }
  }

  // ---------------------------------------------------------------------------------------------------- reading

  /** Entries after {@code afterId}, in order, at most {@code limit}. */
  @Transactional(readOnly = true)
  public List<Entry> entries(long afterId, int limit) {
    return jdbc.query("""
        select id, case_decision_id, decided_at, process_key, business_key, task_key, route, outcome, private_digest,
               previous_hash, hash
        from decision_journal where id > ? order by id fetch first ? rows only""", (rs, n) -> {
      long id = rs.getLong("id");
      Instant at = rs.getObject("decided_at", OffsetDateTime.class).toInstant();
      String content = content(id, at, rs.getString("process_key"), rs.getString("business_key"),
          rs.getString("task_key"), rs.getString("route"), rs.getString("outcome"), rs.getString("private_digest"));
      return new Entry(id, rs.getLong("case_decision_id"), TIMESTAMP.format(at), rs.getString("process_key"),
          rs.getString("business_key"), rs.getString("task_key"), rs.getString("route"), rs.getString("outcome"),
          rs.getString("private_digest"), content, rs.getString("previous_hash"), rs.getString("hash"));
    }, afterId, limit);
  }

  /** How many entries the journal holds (its head's id). */
  @Transactional(readOnly = true)
  public long size() {
    return head().entryCount();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String label() {
    return "决定日志";
  }

  @Override
  @Transactional(readOnly = true)
  public PublishedJournal.Head head() {
    return jdbc.queryForObject("select last_entry_id, last_hash from decision_journal_head where id = 1",
        (rs, n) -> new PublishedJournal.Head(rs.getLong(1), rs.getString(2)));
  }

  // ---------------------------------------------------------------------------------------------------- verifying

  /**
   * Recomputes the chain up to the entry the head names (entries appended meanwhile are left for the next run):
   * entry ids without gaps, each previous hash the hash before it, each hash from its public fields, the last one
   * the head's. With {@code includePrivate} (the authorities) each entry is also held against its recorded decision
   * — the decision exists, its public fields are the entry's, the private digest recomputes from it, the outcome is
   * its values — and every recorded decision must be in the journal; each of those found wrong is listed (at most
   * {@value #MAX_FINDINGS}), the chain's first break is named.
   */
  @Transactional(readOnly = true)
  public DecisionJournalVerification verify(boolean includePrivate) {
    return walk(includePrivate, Set.of()).verification();
  }

  @Override
  @Transactional(readOnly = true)
  public Recomputed recompute(Collection<Long> entryCounts) {
    Walk walk = walk(true, new HashSet<>(entryCounts));
    DecisionJournalVerification v = walk.verification();
    Long broken = v.firstBrokenEntryId();
    String problem = v.problem();
    if (broken == null && !v.findings().isEmpty()) {
      broken = v.findings().get(0).entryId();
      problem = v.findings().get(0).problem();
    }
    return new Recomputed(v.ok(), v.entriesChecked(), broken, problem, walk.hashesAt());
  }

  private record Walk(DecisionJournalVerification verification, Map<Long, String> hashesAt) {}

  private Walk walk(boolean includePrivate, Set<Long> wanted) {
    Instant now = Instant.now(clock);
    PublishedJournal.Head head = head();
    Map<Long, String> hashesAt = new HashMap<>();
    if (wanted.contains(0L)) {
      hashesAt.put(0L, GENESIS_HASH);
    }
    List<DecisionJournalVerification.Finding> findings = new ArrayList<>();
    long[] checked = {0};
    String[] previous = {GENESIS_HASH};
    Long[] broken = {null};
    String[] problem = {null};
    String sql = includePrivate ? """
        select j.*, d.id as d_id, d.task_id as d_task_id, d.process_instance_id as d_process_instance_id,
               d.process_key as d_process_key, d.business_key as d_business_key, d.task_key as d_task_key,
               d.route as d_route, d.decided_by as d_decided_by, d.decided_at as d_decided_at,
               d.decision_values as d_decision_values, d.hash as d_hash
        from decision_journal j left join case_decision d on d.id = j.case_decision_id
        where j.id <= ? order by j.id""" : "select j.* from decision_journal j where j.id <= ? order by j.id";
    jdbc.query(con -> {
      var statement = con.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      statement.setFetchSize(1000);
      statement.setLong(1, head.entryCount());
      return statement;
    }, (RowCallbackHandler) rs -> {
      long id = rs.getLong("id");
      Instant at = rs.getObject("decided_at", OffsetDateTime.class).toInstant();
      String outcome = rs.getString("outcome");
      String digest = rs.getString("private_digest");
      if (broken[0] == null) {
        String computed = hash(rs.getString("previous_hash"), content(id, at, rs.getString("process_key"),
            rs.getString("business_key"), rs.getString("task_key"), rs.getString("route"), outcome, digest));
        if (id != checked[0] + 1) {
          broken[0] = checked[0] + 1;
          problem[0] = "日志条目缺失 (entry missing)";
        } else if (!previous[0].equals(rs.getString("previous_hash"))) {
          broken[0] = id;
          problem[0] = "前序哈希不符，有条目被删除或插入 (previous hash does not match the entry before)";
        } else if (!computed.equals(rs.getString("hash"))) {
          broken[0] = id;
          problem[0] = "条目内容与其哈希不符 (content does not match its hash)";
        } else {
          previous[0] = computed;
          checked[0]++;
          if (wanted.contains(checked[0])) {
            hashesAt.put(checked[0], computed);
          }
        }
      }
      if (includePrivate && findings.size() < MAX_FINDINGS) {
        String wrong = againstDecision(rs, at, outcome, digest);
        if (wrong != null) {
          findings.add(new DecisionJournalVerification.Finding(id, rs.getLong("case_decision_id"), wrong));
        }
      }
    });
    if (broken[0] == null) {
      if (checked[0] < head.entryCount()) {
        broken[0] = checked[0] + 1;
        problem[0] = "日志条目缺失 (entry missing before the head)";
      } else if (!previous[0].equals(head.hash())) {
        broken[0] = head.entryCount();
        problem[0] = "末条目的哈希与日志头记录不符 (last hash differs from the head)";
      }
    }
    if (includePrivate && findings.size() < MAX_FINDINGS && backfilled()) {
      jdbc.query("""
          select d.id from case_decision d
          where not exists (select 1 from decision_journal j where j.case_decision_id = d.id)
          order by d.id fetch first ? rows only""", (RowCallbackHandler) rs -> findings.add(
          new DecisionJournalVerification.Finding(null, rs.getLong(1),
              "决定记录不在决定日志中，是绕过平台插入的 (a recorded decision is not in the journal)")),
          MAX_FINDINGS - findings.size());
    }
    boolean ok = broken[0] == null && findings.isEmpty();
    return new Walk(new DecisionJournalVerification(ok, checked[0], broken[0], problem[0], head.entryCount(),
        head.hash(), includePrivate, List.copyOf(findings), now), hashesAt);
  }

  /** What is wrong between an entry and its recorded decision (null when nothing). */
  private static String againstDecision(ResultSet rs, Instant at, String outcome, String digest)
      throws SQLException {
    if (rs.getObject("d_id") == null) {
      return "对应的决定记录缺失 (the recorded decision is missing)";
    }
    Decision d = new Decision(rs.getLong("d_id"), rs.getString("d_task_id"), rs.getString("d_process_instance_id"),
        rs.getString("d_process_key"), rs.getString("d_business_key"), rs.getString("d_task_key"),
        rs.getString("d_route"), rs.getString("d_decided_by"),
        rs.getObject("d_decided_at", OffsetDateTime.class).toInstant(), rs.getString("d_decision_values"),
        rs.getString("d_hash"));
    if (!d.decidedAt().equals(at) || !d.processKey().equals(rs.getString("process_key"))
        || !Objects.equals(d.businessKey(), rs.getString("business_key"))
        || !d.taskKey().equals(rs.getString("task_key")) || !d.route().equals(rs.getString("route"))) {
      return "决定记录的公开字段与日志条目不符 (the decision's case, step or time differs from the entry)";
    }
    if (!privateDigest(rs.getString("private_salt"), d).equals(digest)) {
      return "决定记录（决定人、理由或取值）与日志条目的摘要不符 (the decision differs from the entry's private digest)";
    }
    Map<String, Object> values = parse(d.values());
    if (!outcome.isEmpty()) {
      for (String pair : outcome.split(";")) {
        int eq = pair.indexOf('=');
        if (eq < 0 || values.get(unescape(pair.substring(0, eq))) == null
            || !values.get(unescape(pair.substring(0, eq))).toString().equals(unescape(pair.substring(eq + 1)))) {
          return "日志条目的决定结果与决定记录不符 (the entry's outcome differs from the decision)";
        }
      }
    }
    return null;
  }

  private boolean backfilled() {
    return Boolean.TRUE.equals(jdbc.queryForObject("select backfilled from decision_journal_head where id = 1",
        Boolean.class));
  }
}
