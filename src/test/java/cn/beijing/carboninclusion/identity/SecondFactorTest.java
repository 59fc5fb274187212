package cn.beijing.carboninclusion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import cn.beijing.carboninclusion.support.RawHttp;
import cn.beijing.carboninclusion.support.RawHttp.Answer;
import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The staff's second factor: enrolled and confirmed through the API, then asked at every login after the password
 * (RFC 6238 codes computed here with the same library an authenticator follows), a used step never accepted again,
 * reset by the security administrator, and — where required — the only thing a staff account without one may do.
 */
class SecondFactorTest extends PlatformIntegrationTest {
  static final String PASSWORD = "Factor-2026-ok";

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired SecondFactors factors;
  @Autowired JdbcTemplate jdbc;

  private String user;

  @AfterEach
  void cleanUp() {
    factors.required(false);
    if (user != null) {
      factors.reset(user);
      identityService.deleteUser(user);
    }
  }

  private String aBureauOfficer() {
    user = "officer" + UUID.randomUUID().toString().substring(0, 8);
    User account = identityService.newUser(user);
    account.setFirstName("测试");
    account.setLastName("处长");
    account.setPassword(PASSWORD);
    identityService.saveUser(account);
    identityService.createMembership(user, Groups.BUREAU);
    return user;
  }

  @Test
  void anEnrolledOfficerLogsInWithPasswordAndCodeOnlyAndAResetEndsIt() throws Exception {
    String officer = aBureauOfficer();
    Answer started = send("POST", "/api/me/second-factor", officer, PASSWORD, null);
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String secret = started.json().get("secret").asText();
    assertThat(started.json().get("otpauthUri").asText()).startsWith("otpauth://totp/").contains("secret=" + secret);
    String stored = jdbc.queryForObject("select secret from second_factor where user_id = ?", String.class, officer);
    assertThat(stored).as("the secret is stored SM4-encrypted").doesNotContain(secret);

    // a wrong first code is refused naming it; the right one confirms
    Answer wrong = send("POST", "/api/me/second-factor/confirmation", officer, PASSWORD, "{\"code\":\"000000\"}");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.json().get("errors").has("code")).isTrue();
    long step = Instant.now().getEpochSecond() / 30;
    Answer confirmed = send("POST", "/api/me/second-factor/confirmation", officer, PASSWORD,
        "{\"code\":\"" + code(secret, step) + "\"}");
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    assertThat(confirmed.json().get("confirmed").asBoolean()).isTrue();

    // from now on the password alone fails, the password followed by a current code opens
    assertThat(send("GET", "/api/projects", officer, PASSWORD, null).status()).isEqualTo(401);
    identityService.unlockUser(officer); // (the engine's delay after a failure is not what is tested here)
    assertThat(send("GET", "/api/projects", officer, PASSWORD + code(secret, step + 1), null).status())
        .isEqualTo(200);
    assertThat(send("GET", "/engine-rest/task?maxResults=1", officer, PASSWORD + code(secret, step + 1), null)
        .status()).isEqualTo(200);
    // a code older than the one used is never accepted again
    assertThat(send("GET", "/api/projects", officer, PASSWORD + code(secret, step), null).status()).isEqualTo(401);
    identityService.unlockUser(officer);
    assertThat(send("GET", "/api/projects", officer, "Wrong-2026-pw" + code(secret, step + 1), null).status())
        .isEqualTo(401);
    identityService.unlockUser(officer);
    assertThat(jdbc.queryForObject("""
        select count(*) from security_audit where user_id = ? and event = 'LOGIN_FAILED' and detail like ?""",
        Long.class, officer, "%动态口令%")).isGreaterThanOrEqualTo(2);

    // enrolling again needs the security administrator's reset
    assertThat(send("POST", "/api/me/second-factor", officer, PASSWORD + code(secret, step + 1), null).status())
        .isEqualTo(409);
    assertThat(send("DELETE", "/api/users/" + officer + "/second-factor", "admin", "demo", null).status())
        .isEqualTo(403);
    assertThat(send("DELETE", "/api/users/" + officer + "/second-factor", "anquan", "demo", null).status())
        .isEqualTo(204);
    assertThat(send("GET", "/api/projects", officer, PASSWORD, null).status()).isEqualTo(200);
    assertThat(jdbc.queryForObject("""
        select count(*) from security_audit where event = 'SECOND_FACTOR_CHANGED' and object = ?""", Long.class,
        "user:" + officer)).isEqualTo(3);
  }

  @Test
  void whereRequiredAStaffAccountWithoutOneMayOnlyEnrol() {
    String officer = aBureauOfficer();
    factors.required(true);
    assertThat(send("GET", "/api/projects", officer, PASSWORD, null).status()).isEqualTo(401);
    Answer status = send("GET", "/api/me/second-factor", officer, PASSWORD, null);
    assertThat(status.status()).isEqualTo(200);
    assertThat(status.json().get("required").asBoolean()).isTrue();
    assertThat(status.json().get("confirmed").asBoolean()).isFalse();
    // developers are not staff: they go on as before
    assertThat(send("GET", "/api/projects", "greentravel", "demo", null).status()).isEqualTo(200);
  }

  @Test
  void anExpiredStaffPasswordOpensOnlyItsChange() {
    String officer = aBureauOfficer();
    try {
      org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(Instant.now()
          .plus(java.time.Duration.ofDays(91))));
      assertThat(send("GET", "/api/projects", officer, PASSWORD, null).status()).isEqualTo(401);
      assertThat(jdbc.queryForObject("""
          select count(*) from security_audit where user_id = ? and event = 'LOGIN_FAILED' and detail like ?""",
          Long.class, officer, "%密码已过期%")).isOne();
      // a developer's password does not expire
      assertThat(send("GET", "/api/projects", "greentravel", "demo", null).status()).isEqualTo(200);

      Answer weak = send("PUT", "/api/me/password", officer, PASSWORD, "{\"newPassword\":\"" + PASSWORD + "\"}");
      assertThat(weak.status()).as(weak.body()).isEqualTo(400);
      assertThat(weak.json().get("errors").get("newPassword").asText()).contains("最近 5 次");
      Answer changed = send("PUT", "/api/me/password", officer, PASSWORD, "{\"newPassword\":\"Renewed-2026-pw\"}");
      assertThat(changed.status()).as(changed.body()).isEqualTo(204);
      assertThat(send("GET", "/api/projects", officer, "Renewed-2026-pw", null).status()).isEqualTo(200);
    } finally {
      org.camunda.bpm.engine.impl.util.ClockUtil.reset();
    }
  }

  private static String code(String secret, long step) throws Exception {
    TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator();
    int code = totp.generateOneTimePassword(new SecretKeySpec(new Base32().decode(secret), totp.getAlgorithm()),
        Instant.ofEpochSecond(step * 30));
    return String.format("%06d", code);
  }

  private Answer send(String method, String path, String who, String password, String json) {
    Map<String, String> headers = new java.util.HashMap<>();
    headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString((who + ":" + password)
        .getBytes(StandardCharsets.UTF_8)));
    if (json != null) {
      headers.put("Content-Type", "application/json");
    }
    return RawHttp.send(port, method, path, null, headers, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
  }

}
