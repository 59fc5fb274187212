package cn.beijing.carboninclusion.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.beijing.carboninclusion.crypto.Sm3;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import cn.beijing.carboninclusion.support.RawHttp;
import cn.beijing.carboninclusion.support.RawHttp.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 客户端令牌 over real HTTP on PostgreSQL: one login buys a bearer token that works on {@code /api} and
 * {@code /engine-rest}; only its SM3 is stored; it cannot mint another; it ends when revoked by its holder or by the
 * security administrator, when unused for the idle timeout, past its lifetime, and when the password changes; every
 * refused token is a 401 recorded as a failed login.
 */
class ApiTokenTest extends PlatformIntegrationTest {
  static final String PASSWORD = "Token-Test-2026";

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired JdbcTemplate jdbc;
  @Autowired IdentityService identityService;

  ProjectCases cases;
  String account;

  @BeforeEach
  void anAccount() {
    cases = new ProjectCases(context);
    account = cases.aDeveloperAccount("tok", PASSWORD);
  }

  @AfterEach
  void cleanUp() {
    cases.cleanUp();
  }

  @Test
  void oneLoginBuysATokenForTheApiAndTheEngineRestApi() {
    Answer issued = basic("POST", "/api/tokens", "{\"client\":\"开发方业务系统\"}");
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    String token = issued.json().get("token").asText();
    assertThat(token).startsWith("cit_").hasSizeGreaterThan(40);
    assertThat(issued.json().get("tokenType").asText()).isEqualTo("Bearer");
    assertThat(issued.json().get("idleTimeoutSeconds").asLong()).isEqualTo(900);

    assertThat(bearer(token, "GET", "/api/projects", null).status()).isEqualTo(200);
    assertThat(bearer(token, "GET", "/engine-rest/task", null).status()).isEqualTo(200);
    // the engine acts as the token's account: its own profile, nobody else's list of users
    Answer me = bearer(token, "GET", "/engine-rest/user/" + account + "/profile", null);
    assertThat(me.status()).isEqualTo(200);

    // only the SM3 of the token is kept
    assertThat(jdbc.queryForObject("select count(*) from api_token where token_hash = ? and user_id = ?",
        Integer.class, Sm3.hex(token), account)).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from api_token where token_hash = ?", Integer.class, token))
        .isZero();
    await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("""
        select count(*) from security_audit where event = 'TOKEN_ISSUED' and user_id = ?""", Integer.class,
        account) == 1);

    // the holder's list shows it, never its value
    Answer mine = bearer(token, "GET", "/api/me/tokens", null);
    assertThat(mine.status()).isEqualTo(200);
    assertThat(mine.json().get("total").asLong()).isEqualTo(1);
    assertThat(mine.json().get("items").get(0).get("client").asText()).isEqualTo("开发方业务系统");
    assertThat(mine.json().get("items").get(0).get("active").asBoolean()).isTrue();
    assertThat(mine.body()).doesNotContain(token);
  }

  @Test
  void aTokenCannotMintAnotherAndAClientMustBeNamed() {
    String token = issue();
    Answer minted = bearer(token, "POST", "/api/tokens", "{\"client\":\"再来一个\"}");
    assertThat(minted.status()).isEqualTo(403);
    Answer unnamed = basic("POST", "/api/tokens", "{\"client\":\"　\"}");
    assertThat(unnamed.status()).isEqualTo(400);
    assertThat(unnamed.body()).contains("client");
    assertThat(jdbc.queryForObject("select count(*) from api_token where user_id = ?", Integer.class, account))
        .isEqualTo(1);
  }

  @Test
  void aTokenEndsWhenItsHolderRevokesIt() {
    String token = issue();
    long id = jdbc.queryForObject("select id from api_token where token_hash = ?", Long.class, Sm3.hex(token));
    Answer revoked = bearer(token, "DELETE", "/api/me/tokens/" + id, null);
    assertThat(revoked.status()).isEqualTo(204);
    assertRefused(token);
    // another account's token is not found, and so not revoked
    String other = issue();
    long otherId = jdbc.queryForObject("select id from api_token where token_hash = ?", Long.class, Sm3.hex(other));
    assertThat(RawHttp.send(port, "DELETE", "/api/me/tokens/" + otherId, "sunroof", Map.of(), null).status())
        .isEqualTo(404);
    assertThat(bearer(other, "GET", "/api/projects", null).status()).isEqualTo(200);
  }

  @Test
  void theSecurityAdministratorRevokesAnAccountsTokensAndNobodyElseMay() {
    String token = issue();
    assertThat(RawHttp.send(port, "DELETE", "/api/users/" + account + "/tokens", "admin", Map.of(), null).status())
        .as("the system administrator is not the security administrator").isEqualTo(403);
    assertThat(bearer(token, "GET", "/api/projects", null).status()).isEqualTo(200);
    assertThat(RawHttp.send(port, "DELETE", "/api/users/" + account + "/tokens", "anquan", Map.of(), null).status())
        .isEqualTo(204);
    assertRefused(token);
    await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("""
        select count(*) from security_audit where event = 'TOKEN_REVOKED' and object = ? and user_id = 'anquan'""",
        Integer.class, "user:" + account) == 1);
  }

  @Test
  void aTokenEndsWhenUnusedForTheIdleTimeoutOrPastItsLifetime() {
    String idle = issue();
    jdbc.update("update api_token set last_used_at = last_used_at - interval '16 minutes' where token_hash = ?",
        Sm3.hex(idle));
    assertRefused(idle);

    String old = issue();
    jdbc.update("update api_token set expires_at = current_timestamp - interval '1 second' where token_hash = ?",
        Sm3.hex(old));
    assertRefused(old);

    // used within the idle timeout, it stays in force
    String used = issue();
    jdbc.update("update api_token set last_used_at = last_used_at - interval '14 minutes' where token_hash = ?",
        Sm3.hex(used));
    assertThat(bearer(used, "GET", "/api/projects", null).status()).isEqualTo(200);
    assertThat(jdbc.queryForObject("""
        select last_used_at > current_timestamp - interval '1 minute' from api_token where token_hash = ?""",
        Boolean.class, Sm3.hex(used))).as("the use moved its last use forward").isTrue();
  }

  @Test
  void aNewPasswordRevokesTheAccountsTokens() {
    String token = issue();
    org.camunda.bpm.engine.identity.User user = identityService.createUserQuery().userId(account).singleResult();
    user.setPassword("Token-Test-2027-new");
    identityService.saveUser(user);
    assertRefused(token);
  }

  @Test
  void anUnknownTokenIsA401RecordedAsAFailedLogin() {
    long before = failures();
    Answer refused = bearer("cit_" + "A".repeat(43), "GET", "/api/projects", null);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.problem()).isTrue();
    assertThat(bearer("not-a-token", "GET", "/engine-rest/task", null).status()).isEqualTo(401);
    await().atMost(Duration.ofSeconds(10)).until(() -> failures() >= before + 2);
  }

  private long failures() {
    return jdbc.queryForObject("""
        select count(*) from security_audit where event = 'LOGIN_FAILED' and object = 'token'""", Long.class);
  }

  private void assertRefused(String token) {
    assertThat(bearer(token, "GET", "/api/projects", null).status()).isEqualTo(401);
    assertThat(bearer(token, "GET", "/engine-rest/task", null).status()).isEqualTo(401);
  }

  private String issue() {
    Answer issued = basic("POST", "/api/tokens", "{\"client\":\"测试客户端\"}");
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    return issued.json().get("token").asText();
  }

  private Answer basic(String method, String path, String json) {
    return RawHttp.send(port, method, path, null, Map.of("Content-Type", "application/json", "Authorization",
        "Basic " + Base64.getEncoder().encodeToString((account + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))),
        json == null ? null : json.getBytes(StandardCharsets.UTF_8));
  }

  private Answer bearer(String token, String method, String path, String json) {
    return RawHttp.send(port, method, path, null, Map.of("Content-Type", "application/json", "Authorization",
        "Bearer " + token), json == null ? null : json.getBytes(StandardCharsets.UTF_8));
  }
}
