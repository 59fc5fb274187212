package cn.beijing.carboninclusion.identity;

import cn.beijing.carboninclusion.common.SecurityAudit;
import cn.beijing.carboninclusion.common.Texts;
import cn.beijing.carboninclusion.crypto.Sm3;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The security audit: one row per event with time, user, source address, event, object, outcome and detail, each
 * row's hash the SM3 of {@code previousHash + "\n" + content} (the registry journal's rule), appended under the
 * head row's lock so the chain never forks, in a transaction of its own — a refused or failed request is recorded even
 * though its own work rolls back. PostgreSQL refuses any update and any delete younger than six months (Flyway
 * {@code V30_1}). docs/security.md, "Security audit".
 */
@Component
public class SecurityAuditLog implements SecurityAudit {
  static final String GENESIS = "0".repeat(64);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;

  public SecurityAuditLog(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  @Override
  public void record(Event event, String userId, String object, Outcome outcome, String detail) {
    String user = userId != null ? userId : currentUser();
    String address = sourceAddress();
    ownTransaction.executeWithoutResult(status -> append(event, user, address, object, outcome, detail));
  }

  private void append(Event event, String user, String address, String object, Outcome outcome, String detail) {
    record Head(long id, String hash) {}
    Head head = jdbc.queryForObject("select last_id, last_hash from security_audit_head where id = 1 for update",
        (rs, i) -> new Head(rs.getLong(1), rs.getString(2)));
    long id = head.id() + 1;
    Instant at = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    String cutObject = Texts.abridged(object, 300);
    String cutDetail = Texts.abridged(detail, 1000);
    String cutUser = Texts.abridged(user, 100);
    String hash = hash(head.hash(), content(id, at, cutUser, address, event.name(), cutObject, outcome.name(),
        cutDetail));
    jdbc.update("""
        insert into security_audit (id, occurred_at, user_id, source_address, event, object, outcome, detail,
          previous_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        id, Timestamp.from(at), cutUser, address, event.name(), cutObject, outcome.name(), cutDetail, head.hash(),
        hash);
    jdbc.update("update security_audit_head set last_id = ?, last_hash = ? where id = 1", id, hash);
  }

  /** What a row's hash covers: its fields in a fixed order, one per line, absent ones empty. */
  static String content(long id, Instant at, String user, String address, String event, String object,
      String outcome, String detail) {
    return String.join("\n", Long.toString(id), at.toString(), nz(user), nz(address), event, nz(object), outcome,
        nz(detail));
  }

  /** SM3 (GB/T 32905, 商用密码) of {@code previousHash + "\n" + content}, lowercase hex. */
  static String hash(String previousHash, String content) {
    return Sm3.hex(previousHash + "\n" + content);
  }

  private static String nz(String value) {
    return value == null ? "" : value;
  }

  private static String currentUser() {
    Authentication user = SecurityContextHolder.getContext().getAuthentication();
    return user == null || user instanceof AnonymousAuthenticationToken ? null : user.getName();
  }

  /** The client's address as the container sees it (behind a proxy: server.forward-headers-strategy, docs). */
  static String sourceAddress() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
      HttpServletRequest request = attributes.getRequest();
      return Texts.abridged(request.getRemoteAddr(), 64);
    }
    return null;
  }

  /** One row as the audit administrator reads it. */
  public record Row(long id, Instant occurredAt, String userId, String sourceAddress, String event, String object,
      String outcome, String detail, String hash) {}

  /** Filters of a query; any may be null. */
  public record Query(Instant from, Instant to, String userId, String event) {}

  /** Rows matching the query, newest first, one page. */
  public List<Row> page(Query query, int offset, int limit) {
    StringBuilder sql = new StringBuilder("""
        select id, occurred_at, user_id, source_address, event, object, outcome, detail, hash
        from security_audit where 1 = 1""");
    List<Object> args = new ArrayList<>();
    if (query.from() != null) {
      sql.append(" and occurred_at >= ?");
      args.add(Timestamp.from(query.from()));
    }
    if (query.to() != null) {
      sql.append(" and occurred_at < ?");
      args.add(Timestamp.from(query.to()));
    }
    if (query.userId() != null) {
      sql.append(" and user_id = ?");
      args.add(query.userId());
    }
    if (query.event() != null) {
      sql.append(" and event = ?");
      args.add(query.event());
    }
    sql.append(" order by id desc offset ? rows fetch next ? rows only");
    args.add(offset);
    args.add(limit);
    return jdbc.query(sql.toString(), (rs, i) -> new Row(rs.getLong("id"),
        rs.getTimestamp("occurred_at").toInstant(), rs.getString("user_id"), rs.getString("source_address"),
        rs.getString("event"), rs.getString("object"), rs.getString("outcome"), rs.getString("detail"),
        rs.getString("hash")), args.toArray());
  }

  /** What a check of the chain found. */
  public record Verification(boolean intact, long entries, long firstId, long lastId, Long brokenAt, String problem) {}

  /**
   * Recomputes the chain from its first kept row to the head, streaming. The first row chains from the genesis
   * hash, or, once older rows are purged, from the anchor the last purge recorded.
   */
  public Verification verify() {
    String anchor = jdbc.query("""
        select detail from security_audit where event = 'AUDIT_PURGED' order by id desc fetch first 1 rows only""",
        rs -> rs.next() ? anchorOf(rs.getString(1)) : null);
    record Head(long id, String hash) {}
    Head head = jdbc.queryForObject("select last_id, last_hash from security_audit_head where id = 1",
        (rs, i) -> new Head(rs.getLong(1), rs.getString(2)));
    long[] count = {0};
    long[] first = {0};
    long[] last = {0};
    String[] previous = {null};
    Long[] broken = {null};
    String[] problem = {null};
    jdbc.query(con -> {
      var statement = con.prepareStatement("""
          select id, occurred_at, user_id, source_address, event, object, outcome, detail, previous_hash, hash
          from security_audit order by id""");
      statement.setFetchSize(1000);
      return statement;
    }, rs -> {
      if (broken[0] != null) {
        return;
      }
      long id = rs.getLong("id");
      String previousHash = rs.getString("previous_hash");
      if (count[0] == 0) {
        first[0] = id;
        String expected = id == 1 ? GENESIS : anchor;
        if (expected == null || !expected.equals(previousHash)) {
          broken[0] = id;
          problem[0] = "首条记录不接续创世或最近一次清理所记的锚点 (the first row does not chain from the genesis or the purge anchor)";
          return;
        }
      } else if (!previousHash.equals(previous[0]) || id != last[0] + 1) {
        broken[0] = id;
        problem[0] = "前序哈希不符或记录缺失 (previous hash differs or a row is missing)";
        return;
      }
      String hash = hash(previousHash, content(id, rs.getTimestamp("occurred_at").toInstant(),
          rs.getString("user_id"), rs.getString("source_address"), rs.getString("event"), rs.getString("object"),
          rs.getString("outcome"), rs.getString("detail")));
      if (!hash.equals(rs.getString("hash"))) {
        broken[0] = id;
        problem[0] = "记录内容与其哈希不符 (the row's content does not match its hash)";
        return;
      }
      previous[0] = hash;
      last[0] = id;
      count[0]++;
    });
    if (broken[0] == null && count[0] > 0 && (head.id() != last[0] || !head.hash().equals(previous[0]))) {
      broken[0] = last[0];
      problem[0] = "末条记录与链头不符 (the last row differs from the head)";
    }
    return new Verification(broken[0] == null, count[0], first[0], last[0], broken[0], problem[0]);
  }

  /** The anchor a purge record names: {@code … anchor <hash>}. */
  static String anchorOf(String detail) {
    int at = detail == null ? -1 : detail.lastIndexOf("anchor ");
    return at < 0 ? null : detail.substring(at + "anchor ".length()).trim();
  }
}
