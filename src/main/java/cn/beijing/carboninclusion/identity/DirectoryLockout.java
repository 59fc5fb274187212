package cn.beijing.carboninclusion.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The lockout of directory accounts (profile {@code ldap}, {@link DirectoryIdentity}). Camunda counts failed logins in
 * its own user table, which a read-only identity provider does not have, so under the directory the platform counts
 * them here (table {@code directory_login_failure}): after {@code login-max-attempts} (5) failures an account's logins
 * are refused without asking the directory, until {@code carbon-inclusion.security.lockout} (30 minutes) after its
 * last failure; a successful login clears the count. Every path checks passwords through the engine's
 * {@code CheckPassword} command, where {@link IdentityRules} consults this class.
 */
@Component
class DirectoryLockout {
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final Duration lockout;
  private final int maxAttempts;

  DirectoryLockout(JdbcTemplate jdbc, Clock clock,
      @Value("${carbon-inclusion.security.lockout:PT30M}") Duration lockout,
      @Value("${camunda.bpm.generic-properties.properties.login-max-attempts:5}") int maxAttempts) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.lockout = lockout;
    this.maxAttempts = maxAttempts;
  }

  /** Whether the account is locked now. */
  boolean locked(String userId) {
    Timestamp since = Timestamp.from(Instant.now(clock).minus(lockout));
    return jdbc.queryForObject("""
        select count(*) from directory_login_failure where user_id = ? and failures >= ? and last_failure > ?""",
        Long.class, userId, maxAttempts, since) > 0;
  }

  /** One more failed login (a count whose lockout has run out starts again at one). */
  void failed(String userId) {
    Timestamp now = Timestamp.from(Instant.now(clock));
    Timestamp since = Timestamp.from(Instant.now(clock).minus(lockout));
    if (jdbc.update("""
        update directory_login_failure set failures = case when last_failure > ? then failures + 1 else 1 end,
        last_failure = ? where user_id = ?""", since, now, userId) == 0) {
      jdbc.update("insert into directory_login_failure (user_id, failures, last_failure) values (?, 1, ?)", userId,
          now);
    }
  }

  void succeeded(String userId) {
    jdbc.update("delete from directory_login_failure where user_id = ?", userId);
  }

  int failures(String userId) {
    return jdbc.query("select failures from directory_login_failure where user_id = ?", (rs, i) -> rs.getInt(1),
        userId).stream().findFirst().orElse(0);
  }
}
