package cn.beijing.carboninclusion.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Staff passwords expire ({@code carbon-inclusion.security.password-max-age}, 90 days; GB/T 22239-2019 8.1.4.1 a
 * "定期更换"): a staff account whose password is older can log in only to change it
 * ({@code PUT /api/me/password}); every other request is a failed login naming the reason in the security audit.
 * Developers and experts are not staff. An account's age counts from when its password was last set through the
 * engine, or, for an account older than this rule, from the first start that has it.
 */
@Component
public class PasswordExpiry {
  static final String CHANGE_PATH = "/api/me/password";

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final Duration maxAge;

  PasswordExpiry(JdbcTemplate jdbc, Clock clock,
      @Value("${carbon-inclusion.security.password-max-age:P90D}") Duration maxAge) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.maxAge = maxAge;
  }

  void changed(String userId) {
    Timestamp now = Timestamp.from(Instant.now(clock));
    if (jdbc.update("update password_age set changed_at = ? where user_id = ?", now, userId) == 0) {
      jdbc.update("insert into password_age (user_id, changed_at) values (?, ?)", userId, now);
    }
  }

  void forget(String userId) {
    jdbc.update("delete from password_age where user_id = ?", userId);
  }

  /** Accounts without an age start counting now. */
  int baseline(List<String> userIds) {
    Timestamp now = Timestamp.from(Instant.now(clock));
    int added = 0;
    for (String userId : userIds) {
      if (jdbc.queryForObject("select count(*) from password_age where user_id = ?", Long.class, userId) == 0) {
        added += jdbc.update("insert into password_age (user_id, changed_at) values (?, ?)", userId, now);
      }
    }
    return added;
  }

  /** Whether a staff account's password is past its age (a non-staff account's never is). */
  boolean expired(String userId, List<String> groups) {
    if (groups.stream().noneMatch(SecondFactors.STAFF::contains)) {
      return false;
    }
    Instant changed = jdbc.query("select changed_at from password_age where user_id = ?",
        rs -> rs.next() ? rs.getTimestamp(1).toInstant() : null, userId);
    return changed != null && changed.plus(maxAge).isBefore(Instant.now(clock));
  }

  public Duration maxAge() {
    return maxAge;
  }
}
