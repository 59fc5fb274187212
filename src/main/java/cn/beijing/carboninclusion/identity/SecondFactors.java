package cn.beijing.carboninclusion.identity;

import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.crypto.PersonalText;
import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The second factor (双因素鉴别, GB/T 22239-2019 8.1.4.1 d): an RFC 6238 one-time code (HMAC-SHA1, 6 digits, 30 s)
 * from an authenticator app, enrolled per account and confirmed with a first code. Once confirmed, every login of the
 * account — the webapps' login, HTTP Basic on {@code /api} and {@code /engine-rest} — gives the password followed by
 * the current code ({@code password123456}); a code is accepted one step early or late, never one older than the last
 * accepted (a code may serve the requests of its own 30 seconds: HTTP Basic sends it with each). A wrong or missing
 * code is a failed login and counts toward the lockout. With {@code carbon-inclusion.security.second-factor=required}
 * (production) a staff account without a confirmed factor may do nothing but enrol it. The secret is stored
 * SM4-GCM encrypted under the platform's field key (crypto.PersonalText), never in clear.
 */
@Component
public class SecondFactors {
  static final Set<String> STAFF = Set.of(Groups.BUREAU, Groups.TECHCENTER, Groups.EXCHANGE, Groups.ADMIN,
      Groups.SECURITY_ADMIN, Groups.AUDIT_ADMIN);
  static final String ISSUER = "北京碳普惠";
  static final int DIGITS = 6;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final PersonalText cipher;
  private final TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator();
  private volatile boolean required;

  SecondFactors(JdbcTemplate jdbc, Clock clock, PersonalText cipher,
      @Value("${carbon-inclusion.security.second-factor:enrolled}") String mode) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.cipher = cipher;
    if (!mode.equals("required") && !mode.equals("enrolled")) {
      throw new IllegalStateException("carbon-inclusion.security.second-factor must be 'required' or 'enrolled': " + mode);
    }
    this.required = mode.equals("required");
  }

  /** Whether staff accounts must have a confirmed second factor before they do anything else. */
  public boolean requiredForStaff() {
    return required;
  }

  void required(boolean required) {
    this.required = required;
  }

  /** A new secret for the account, to be confirmed with a first code. */
  public record Enrollment(String secret, String otpauthUri, int digits, int periodSeconds) {}

  /** Where an account stands. */
  public record Status(String userId, boolean enrolled, boolean confirmed, Instant confirmedAt, boolean required) {}

  public Status status(String userId) {
    Optional<Instant> confirmed = confirmedAt(userId);
    boolean enrolled = jdbc.queryForObject("select count(*) from second_factor where user_id = ?", Long.class,
        userId) > 0;
    return new Status(userId, enrolled, confirmed.isPresent(), confirmed.orElse(null), required);
  }

  public boolean confirmed(String userId) {
    return confirmedAt(userId).isPresent();
  }

  private Optional<Instant> confirmedAt(String userId) {
    return jdbc.query("select confirmed_at from second_factor where user_id = ? and confirmed_at is not null",
        (rs, i) -> rs.getTimestamp(1).toInstant(), userId).stream().findFirst();
  }

  /** Starts (or restarts, while unconfirmed) the enrolment: a new secret. */
  @Transactional
  public Enrollment start(String userId) {
    if (confirmed(userId)) {
      throw new ConflictException("动态口令已启用；更换须由安全管理员重置 (already confirmed: the security administrator "
          + "resets it)");
    }
    byte[] key = new byte[20];
    RANDOM.nextBytes(key);
    String secret = new Base32().encodeAsString(key).replace("=", "");
    jdbc.update("delete from second_factor where user_id = ?", userId);
    jdbc.update("insert into second_factor (user_id, secret, created_at, last_step) values (?, ?, ?, 0)", userId,
        cipher.convertToDatabaseColumn(secret), Timestamp.from(Instant.now(clock)));
    String label = URLEncoder.encode(ISSUER + ":" + userId, StandardCharsets.UTF_8).replace("+", "%20");
    String uri = "otpauth://totp/" + label + "?secret=" + secret + "&issuer="
        + URLEncoder.encode(ISSUER, StandardCharsets.UTF_8) + "&algorithm=SHA1&digits=" + DIGITS + "&period=30";
    return new Enrollment(secret, uri, DIGITS, 30);
  }

  /** Confirms the enrolment with a first code (400 naming {@code code} when it is wrong). */
  @Transactional
  public Status confirm(String userId, String code) {
    String secret = jdbc.query("select secret from second_factor where user_id = ? and confirmed_at is null",
        (rs, i) -> cipher.convertToEntityAttribute(rs.getString(1)), userId).stream().findFirst()
        .orElseThrow(() -> new NotFoundException("second factor enrolment", userId));
    Long step = matchingStep(secret, code, 0);
    if (step == null) {
      throw new InvalidInputException("code", "动态口令不正确或已过期 (the code is wrong or expired)");
    }
    jdbc.update("update second_factor set confirmed_at = ?, last_step = ? where user_id = ?",
        Timestamp.from(Instant.now(clock)), step, userId);
    return status(userId);
  }

  /** The security administrator's reset: the account enrols again. Returns whether there was one. */
  @Transactional
  public boolean reset(String userId) {
    return jdbc.update("delete from second_factor where user_id = ?", userId) > 0;
  }

  /** A confirmed factor given by configuration (the first administrator of a production start). */
  @Transactional
  public void preEnrol(String userId, String secret) {
    jdbc.update("delete from second_factor where user_id = ?", userId);
    jdbc.update("""
        insert into second_factor (user_id, secret, created_at, confirmed_at, last_step) values (?, ?, ?, ?, 0)""",
        userId, cipher.convertToDatabaseColumn(secret.replace(" ", "").toUpperCase()),
        Timestamp.from(Instant.now(clock)), Timestamp.from(Instant.now(clock)));
  }

  /** What the login is to do with a password that may carry a code. */
  sealed interface Verdict permits NoFactor, Accepted, Refused {}

  /** The account has no confirmed factor: the password is checked as given. */
  record NoFactor() implements Verdict {}

  /** The code was right: the engine checks the password without it. */
  record Accepted(String password) implements Verdict {}

  /** The login fails (counted as a failure when {@code counted}); {@code why} goes to the security audit. */
  record Refused(String why, boolean counted) implements Verdict {}

  /**
   * The login's check: with a confirmed factor, the last six characters of {@code given} must be a code of this
   * step (±1) not older than the last accepted one; the step is then remembered.
   */
  Verdict check(String userId, String given, List<String> groups, boolean enrolling) {
    record Factor(String secret, long lastStep) {}
    Optional<Factor> factor = jdbc.query("""
        select secret, last_step from second_factor where user_id = ? and confirmed_at is not null""",
        (rs, i) -> new Factor(cipher.convertToEntityAttribute(rs.getString(1)), rs.getLong(2)), userId).stream()
        .findFirst();
    if (factor.isEmpty()) {
      if (required && !enrolling && groups.stream().anyMatch(STAFF::contains)) {
        return new Refused("工作人员须先启用动态口令 (staff must enrol a second factor first)", false);
      }
      return new NoFactor();
    }
    if (given == null || given.length() <= DIGITS || !given.substring(given.length() - DIGITS).chars()
        .allMatch(Character::isDigit)) {
      return new Refused("缺少动态口令 (no one-time code after the password)", true);
    }
    String code = given.substring(given.length() - DIGITS);
    Long step = matchingStep(factor.get().secret(), code, factor.get().lastStep());
    if (step == null || jdbc.update("""
        update second_factor set last_step = ? where user_id = ? and last_step <= ?""", step, userId, step) != 1) {
      return new Refused("动态口令不正确、已过期或已用过 (the code is wrong, expired or older than one used)", true);
    }
    return new Accepted(given.substring(0, given.length() - DIGITS));
  }

  /** The step (current ±1, not before {@code notBefore}) whose code this is, or null. */
  private Long matchingStep(String secret, String code, long notBefore) {
    if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
      return null;
    }
    Key key = new SecretKeySpec(new Base32().decode(secret), totp.getAlgorithm());
    Instant now = Instant.now(clock);
    long current = now.getEpochSecond() / 30;
    for (long step = current - 1; step <= current + 1; step++) {
      if (step < notBefore) {
        continue;
      }
      try {
        String expected = String.format("%0" + DIGITS + "d",
            totp.generateOneTimePassword(key, Instant.ofEpochSecond(step * 30)));
        if (java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
            code.getBytes(StandardCharsets.US_ASCII))) {
          return step;
        }
      } catch (InvalidKeyException e) {
        throw new IllegalStateException(e);
      }
    }
    return null;
  }

  static Duration step() {
    return Duration.ofSeconds(30);
  }
}
