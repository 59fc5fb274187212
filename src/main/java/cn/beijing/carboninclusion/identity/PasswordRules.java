package cn.beijing.carboninclusion.identity;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyLengthRuleImpl;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyUserDataRuleImpl;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The platform's password rules (GB/T 22239-2019 8.1.4.1 身份鉴别, "口令具有复杂度要求"): at least 10 characters, of at
 * least three of the four classes (lower case, upper case, digits, other), not containing the account's id, names or
 * e-mail, and none of the account's last five passwords. Camunda's policy check applies them to every password set
 * through the engine after start (Admin, {@code /engine-rest}, the platform's code).
 */
class PasswordRules implements PasswordPolicy {
  static final int MIN_LENGTH = 10;
  static final int MIN_CLASSES = 3;
  static final int HISTORY = 5;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final List<PasswordPolicyRule> rules;

  PasswordRules(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.rules = List.of(new PasswordPolicyLengthRuleImpl(MIN_LENGTH), new ClassesRule(),
        new PasswordPolicyUserDataRuleImpl(), new HistoryRule());
  }

  @Override
  public List<PasswordPolicyRule> getRules() {
    return rules;
  }

  /** A rule in the words of the refusal. */
  static String describe(PasswordPolicyRule rule) {
    return switch (rule.getPlaceholder()) {
      case "PASSWORD_POLICY_LENGTH" -> "至少 " + MIN_LENGTH + " 个字符 (at least " + MIN_LENGTH + " characters)";
      case "PASSWORD_POLICY_CHARACTER_CLASSES" -> "包含大写字母、小写字母、数字、其他字符中的至少 " + MIN_CLASSES
          + " 类 (three of: upper case, lower case, digits, other)";
      case "PASSWORD_POLICY_USER_DATA" -> "不得包含账号、姓名或电子邮箱 (no account id, name or e-mail)";
      case "PASSWORD_POLICY_HISTORY" -> "不得与最近 " + HISTORY + " 次使用的密码相同 (none of the last " + HISTORY + ")";
      default -> rule.getPlaceholder();
    };
  }

  /** Remembers a password just set (its salted hash), keeping the last {@value #HISTORY}. */
  void remember(String userId, String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    String saltHex = HexFormat.of().formatHex(salt);
    jdbc.update("insert into password_history (user_id, salt, hash, changed_at) values (?, ?, ?, ?)", userId, saltHex,
        hash(password, saltHex), Timestamp.from(Instant.now(clock)));
    jdbc.update("""
        delete from password_history where user_id = ? and id not in (
          select id from password_history where user_id = ? order by changed_at desc, id desc
          fetch first %d rows only)""".formatted(HISTORY), userId, userId);
  }

  void forget(String userId) {
    jdbc.update("delete from password_history where user_id = ?", userId);
  }

  static String hash(String password, String saltHex) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), HexFormat.of().parseHex(saltHex), 50_000, 256);
      return HexFormat.of().formatHex(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
          .generateSecret(spec).getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** At least three of: lower case, upper case, digit, other. */
  static final class ClassesRule implements PasswordPolicyRule {
    @Override
    public String getPlaceholder() {
      return "PASSWORD_POLICY_CHARACTER_CLASSES";
    }

    @Override
    public Map<String, String> getParameters() {
      return Map.of("minClasses", Integer.toString(MIN_CLASSES));
    }

    @Override
    public boolean execute(String password) {
      if (password == null) {
        return false;
      }
      boolean lower = password.codePoints().anyMatch(Character::isLowerCase);
      boolean upper = password.codePoints().anyMatch(Character::isUpperCase);
      boolean digit = password.codePoints().anyMatch(Character::isDigit);
      boolean other = password.codePoints().anyMatch(c -> !Character.isLetterOrDigit(c));
      return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0) >= MIN_CLASSES;
    }
  }

  /** None of the account's last five passwords. */
  final class HistoryRule implements PasswordPolicyRule {
    @Override
    public String getPlaceholder() {
      return "PASSWORD_POLICY_HISTORY";
    }

    @Override
    public Map<String, String> getParameters() {
      return Map.of("history", Integer.toString(HISTORY));
    }

    @Override
    public boolean execute(String password) {
      return true; // without an account there is no history
    }

    @Override
    public boolean execute(String password, User user) {
      if (password == null || user == null || user.getId() == null) {
        return true;
      }
      record Entry(String salt, String hash) {}
      List<Entry> last = jdbc.query("""
          select salt, hash from password_history where user_id = ? order by changed_at desc, id desc
          fetch first %d rows only""".formatted(HISTORY), (rs, i) -> new Entry(rs.getString(1), rs.getString(2)),
          user.getId());
      return last.stream().noneMatch(e -> hash(password, e.salt()).equals(e.hash()));
    }
  }
}
