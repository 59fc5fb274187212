package cn.beijing.carboninclusion.identity;

import cn.beijing.carboninclusion.common.SecurityAudit;
import cn.beijing.carboninclusion.common.SecurityAudit.Event;
import cn.beijing.carboninclusion.common.SecurityAudit.Outcome;
import cn.beijing.carboninclusion.crypto.Sm3;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * 客户端令牌: short-lived bearer tokens for API clients (Flyway V42). A client logs in once with HTTP Basic — the
 * password and, for staff, the one-time code, through every rule of a login (lockout, expiry, second factor) — and
 * gets a token it presents as {@code Authorization: Bearer …} on {@code /api} and {@code /engine-rest}. The token
 * is 32 bytes of {@link SecureRandom}; the database keeps only its SM3. It ends after {@code idle} unused (15
 * minutes, like the webapps' sessions), after {@code lifetime} (8 hours), when its holder revokes it, and when the
 * security administrator revokes the account's tokens; a new password and a deleted account revoke them too.
 * A token cannot mint another (a new one needs the password and code again).
 */
@Component
public class ApiTokens {
  static final String PREFIX = "cit_";
  /** Writes of the last use are spared when the token was used less than this long ago. */
  private static final Duration TOUCH = Duration.ofMinutes(1);
  /** For Camunda's REST authentication provider, which the engine's filter instantiates by class name. */
  private static volatile ApiTokens current;

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final ObjectProvider<SecurityAudit> audit;
  private final Duration idle;
  private final Duration lifetime;
  private final SecureRandom random = new SecureRandom();

  ApiTokens(JdbcTemplate jdbc, Clock clock, ObjectProvider<SecurityAudit> audit,
      @Value("${carbon-inclusion.security.api-token.idle-timeout:PT15M}") Duration idle,
      @Value("${carbon-inclusion.security.api-token.lifetime:PT8H}") Duration lifetime) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.audit = audit;
    this.idle = idle;
    this.lifetime = lifetime;
    current = this;
  }

  static Optional<ApiTokens> current() {
    return Optional.ofNullable(current);
  }

  /** A token just issued: the only time its value is shown. */
  public record Issued(long id, String token, String tokenType, Instant expiresAt, long idleTimeoutSeconds) {}

  /** A token as its holder or the security administrator sees it (never its value). */
  public record View(long id, String client, Instant createdAt, Instant lastUsedAt, Instant expiresAt,
      Instant revokedAt, boolean active) {}

  Issued issue(String userId, String client) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant now = now();
    Instant expires = now.plus(lifetime);
    jdbc.update("""
        insert into api_token (token_hash, user_id, client, created_at, last_used_at, expires_at)
        values (?, ?, ?, ?, ?, ?)""", Sm3.hex(token), userId, client, Timestamp.from(now), Timestamp.from(now),
        Timestamp.from(expires));
    long id = jdbc.queryForObject("select id from api_token where token_hash = ?", Long.class, Sm3.hex(token));
    audit.getObject().record(Event.TOKEN_ISSUED, userId, "token:" + id, Outcome.SUCCESS,
        "客户端令牌「" + client + "」，有效至 " + expires);
    return new Issued(id, token, "Bearer", expires, idle.toSeconds());
  }

  /**
   * The account a presented token acts for, if the token is known, not revoked, not past its lifetime and used within
   * the idle timeout; its last use moves forward (at most one write a minute per token). Any other token is recorded
   * as a failed login, whichever door it was presented at.
   */
  Optional<String> authenticate(String token) {
    Optional<String> user = inForce(token);
    if (user.isEmpty()) {
      audit.getObject().record(Event.LOGIN_FAILED, null, "token", Outcome.FAILURE,
          "客户端令牌无效、已过期或已撤销 (invalid, expired or revoked token)");
    }
    return user;
  }

  private Optional<String> inForce(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
      return Optional.empty();
    }
    record Found(long id, String userId, Instant lastUsed, Instant expires, Instant revoked) {}
    List<Found> found = jdbc.query("""
        select id, user_id, last_used_at, expires_at, revoked_at from api_token where token_hash = ?""",
        (rs, i) -> new Found(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
            rs.getTimestamp(4).toInstant(), rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()),
        Sm3.hex(token));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Found row = found.get(0);
    Instant now = now();
    if (row.revoked() != null || !now.isBefore(row.expires()) || !now.isBefore(row.lastUsed().plus(idle))) {
      return Optional.empty();
    }
    if (!now.isBefore(row.lastUsed().plus(TOUCH))) {
      jdbc.update("update api_token set last_used_at = ? where id = ? and last_used_at < ?", Timestamp.from(now),
          row.id(), Timestamp.from(now));
    }
    return Optional.of(row.userId());
  }

  /** The tokens of an account, newest first, one page. */
  List<View> of(String userId, int offset, int limit) {
    Instant now = now();
    return jdbc.query("""
        select id, client, created_at, last_used_at, expires_at, revoked_at from api_token where user_id = ?
        order by id desc offset ? rows fetch next ? rows only""", (rs, i) -> {
          Instant lastUsed = rs.getTimestamp(4).toInstant();
          Instant expires = rs.getTimestamp(5).toInstant();
          Instant revoked = rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant();
          return new View(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), lastUsed, expires, revoked,
              revoked == null && now.isBefore(expires) && now.isBefore(lastUsed.plus(idle)));
        }, userId, offset, limit);
  }

  long countOf(String userId) {
    Long count = jdbc.queryForObject("select count(*) from api_token where user_id = ?", Long.class, userId);
    return count == null ? 0 : count;
  }

  /** Revokes one token of the account; false when the account has no such token. Revoking twice changes nothing. */
  boolean revoke(String userId, long tokenId, String by) {
    Integer mine = jdbc.queryForObject("select count(*) from api_token where id = ? and user_id = ?", Integer.class,
        tokenId, userId);
    if (mine == null || mine == 0) {
      return false;
    }
    int revoked = jdbc.update("update api_token set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null",
        Timestamp.from(now()), by, tokenId);
    if (revoked > 0) {
      audit.getObject().record(Event.TOKEN_REVOKED, by, "token:" + tokenId, Outcome.SUCCESS,
          "撤销 " + userId + " 的客户端令牌");
    }
    return true;
  }

  /** Revokes every token of the account still in force; the number revoked. */
  int revokeAll(String userId, String by, String why) {
    int revoked = jdbc.update("""
        update api_token set revoked_at = ?, revoked_by = ? where user_id = ? and revoked_at is null""",
        Timestamp.from(now()), by == null ? "system" : by, userId);
    if (revoked > 0) {
      audit.getObject().record(Event.TOKEN_REVOKED, by, "user:" + userId, Outcome.SUCCESS,
          "撤销全部客户端令牌 " + revoked + " 个：" + why);
    }
    return revoked;
  }

  private Instant now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
  }
}
