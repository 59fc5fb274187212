package cn.beijing.carboninclusion.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import cn.beijing.carboninclusion.support.WebappLogin;
import cn.beijing.carboninclusion.support.RawHttp;
import cn.beijing.carboninclusion.support.RawHttp.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The security audit and the rules of accounts on PostgreSQL: logins and their failures on every path, the lockout
 * after five and its end after thirty minutes, refusals, changes of accounts and memberships, 三员分立, the password
 * rules, the audit administrator as its only reader, and an append-only, hash-chained table the database itself
 * defends.
 */
class SecurityAuditTest extends PlatformIntegrationTest {
  static final String GOOD_PASSWORD = "Carbon-2026-ok";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired IdentityService identityService;
  @Autowired IdentityRules identityRules;
  @Autowired SecurityAuditLog audit;

  private final List<String> users = new java.util.ArrayList<>();

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    users.forEach(identityService::deleteUser);
  }

  private String anExpert(String prefix) {
    String id = prefix + UUID.randomUUID().toString().substring(0, 8);
    User user = identityService.newUser(id);
    user.setFirstName("测试");
    user.setLastName("账号");
    user.setPassword(GOOD_PASSWORD);
    identityService.saveUser(user);
    identityService.createMembership(id, Groups.EXPERT);
    users.add(id);
    return id;
  }

  @Test
  void fiveFailedLoginsOnAnyPathLockTheAccountForThirtyMinutesAndEveryStepIsAudited() throws Exception {
    String user = anExpert("lock");
    // two failures on the platform API, two on the engine REST API, one at the webapps' login
    // (the engine delays the next check after a failure — 3 s, 6 s, 12 s …; the clock moves past each delay)
    long now = System.currentTimeMillis();
    for (int i = 0; i < 2; i++) {
      ClockUtil.setCurrentTime(new Date(now += 120_000));
      assertThat(basic("GET", "/api/methodologies", user, "wrong-" + i).status()).isEqualTo(401);
      ClockUtil.setCurrentTime(new Date(now += 120_000));
      assertThat(basic("GET", "/engine-rest/task", user, "wrong-" + i).status()).isEqualTo(401);
    }
    ClockUtil.setCurrentTime(new Date(now += 120_000));
    assertThat(webappLogin(user, "wrong-webapp")).isEqualTo(401);
    ClockUtil.setCurrentTime(new Date(now += 120_000));

    // locked: the right password no longer opens any door
    assertThat(basic("GET", "/api/methodologies", user, GOOD_PASSWORD).status()).isEqualTo(401);
    assertThat(webappLogin(user, GOOD_PASSWORD)).isEqualTo(401);
    // one row per attempt: five failures, then the two attempts while locked (an API failure was once counted twice)
    assertThat(events(user, "LOGIN_FAILED")).isEqualTo(7);
    assertThat(events(user, "ACCOUNT_LOCKED")).isOne();
    assertThat(jdbc.queryForObject("""
        select source_address from security_audit where user_id = ? and event = 'ACCOUNT_LOCKED'""", String.class,
        user)).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");

    // not before thirty minutes after the last failure
    ClockUtil.setCurrentTime(new Date(now + 25 * 60_000L));
    assertThat(identityRules.unlockExpired()).isZero();
    assertThat(basic("GET", "/api/methodologies", user, GOOD_PASSWORD).status()).isEqualTo(401);
    ClockUtil.setCurrentTime(new Date(now + 32 * 60_000L));
    assertThat(identityRules.unlockExpired()).isGreaterThanOrEqualTo(1);
    assertThat(basic("GET", "/api/methodologies", user, GOOD_PASSWORD).status()).isEqualTo(200);
    assertThat(events(user, "LOGIN_SUCCEEDED")).isOne();
    assertThat(jdbc.queryForObject("""
        select user_id from security_audit where object = ? and event = 'ACCOUNT_UNLOCKED'""", String.class,
        "user:" + user)).isEqualTo("system");
  }

  @Test
  void refusalsChangesOfAccountsAndMembershipsAndExportsAreAudited() {
    assertThat(basic("GET", "/api/access-log", "greentravel", "demo").status()).isEqualTo(403);
    // (rows of what only the answer tells are written right after it: wait for them)
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject("""
        select count(*) from security_audit where user_id = 'greentravel' and event = 'ACCESS_REFUSED'
        and object = 'GET /api/access-log' and outcome = 'REFUSED'""", Long.class)).isPositive());

    // the security administrator creates an account through the engine REST API: audited under its name
    String id = "made" + UUID.randomUUID().toString().substring(0, 8);
    users.add(id);
    Answer created = RawHttp.send(port, "POST", "/engine-rest/user/create", "anquan",
        Map.of("Content-Type", "application/json"), ("""
            {"profile":{"id":"%s","firstName":"新","lastName":"账号"},"credentials":{"password":"%s"}}"""
            .formatted(id, GOOD_PASSWORD)).getBytes(StandardCharsets.UTF_8));
    assertThat(created.status()).as(created.body()).isEqualTo(204);
    assertThat(jdbc.queryForObject("""
        select count(*) from security_audit where user_id = 'anquan' and event = 'USER_CHANGED' and object = ?""",
        Long.class, "user:" + id)).isOne();
    // a weak password is refused with the rules it breaks, and nothing is created
    String weak = "weak" + UUID.randomUUID().toString().substring(0, 8);
    Answer refused = RawHttp.send(port, "POST", "/engine-rest/user/create", "anquan",
        Map.of("Content-Type", "application/json"), ("""
            {"profile":{"id":"%s","firstName":"弱","lastName":"口令"},"credentials":{"password":"demo"}}"""
            .formatted(weak)).getBytes(StandardCharsets.UTF_8));
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(identityService.createUserQuery().userId(weak).count()).isZero();
    assertThat(refused.json().get("message").asText()).contains("至少 10 个字符", "至少 3 类");
    assertThat(jdbc.queryForObject("""
        select count(*) from security_audit where event = 'USER_CHANGED' and object = ? and outcome = 'REFUSED'""",
        Long.class, "user:" + weak)).isOne();

    // 三员分立: one administrator role per account
    identityService.createMembership(id, Groups.SECURITY_ADMIN);
    assertThatThrownBy(() -> identityService.createMembership(id, Groups.AUDIT_ADMIN))
        .hasMessageContaining("三员分立");
    assertThat(identityService.createGroupQuery().groupMember(id).groupId(Groups.AUDIT_ADMIN).count()).isZero();
    assertThat(jdbc.queryForObject("""
        select count(*) from security_audit where event = 'MEMBERSHIP_CHANGED' and object = 'group:auditadmin'
        and outcome = 'REFUSED' and detail like ?""", Long.class, "加入 " + id + "%三员分立%")).isOne();
  }

  @Test
  void aGrantWrittenIntoTheDatabaseBehindTheEngineBreaksTheAccessControlSeal() {
    String id = anExpert("seal");
    JsonNode sealed = basic("GET", "/api/security-audit/access-control", "shenji", "demo").json();
    assertThat(sealed.get("intact").asBoolean()).as(sealed.toString()).isTrue();
    assertThat(sealed.get("current").asText()).hasSize(64);
    assertThat(basic("GET", "/api/security-audit/access-control", "admin", "demo").status()).isEqualTo(403);
    assertThat(basic("GET", "/api/security-audit/access-control", "anquan", "demo").status()).isEqualTo(403);

    // a change through the engine is sealed anew after it commits
    identityService.createMembership(id, Groups.EXCHANGE);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
        basic("GET", "/api/security-audit/access-control", "shenji", "demo").json().get("intact").asBoolean())
        .isTrue());
    identityService.deleteMembership(id, Groups.EXCHANGE);

    // a membership slipped in by SQL is found, and so is a grant
    jdbc.update("insert into act_id_membership (user_id_, group_id_) values (?, 'bureau')", id);
    try {
      JsonNode found = basic("GET", "/api/security-audit/access-control", "shenji", "demo").json();
      assertThat(found.get("intact").asBoolean()).isFalse();
      assertThat(found.get("problem").asText()).contains("未经平台变更");
      // the next change through the engine records the difference it found before sealing the new state
      identityService.createMembership(id, Groups.TECHCENTER);
      identityService.deleteMembership(id, Groups.TECHCENTER);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject("""
          select count(*) from security_audit where event = 'ACCESS_CONTROL_SEALED' and outcome = 'FAILURE'
          and occurred_at > current_timestamp - interval '1 minute'""", Long.class)).isPositive());
    } finally {
      jdbc.update("delete from act_id_membership where user_id_ = ? and group_id_ = 'bureau'", id);
      // (and that removal, behind the engine too, is recorded by the next change, which seals the state again)
      identityService.createMembership(id, Groups.TECHCENTER);
      identityService.deleteMembership(id, Groups.TECHCENTER);
    }
  }

  private static String quoted(String text) {
    return text == null ? "null" : "\"" + text + "\"";
  }

  @Test
  void onlyTheSecurityAdministratorChangesAccountsGroupsAndAuthorizations() {
    String id = "sys" + UUID.randomUUID().toString().substring(0, 8);
    users.add(id);
    byte[] account = ("""
        {"profile":{"id":"%s","firstName":"新","lastName":"账号"},"credentials":{"password":"%s"}}"""
        .formatted(id, GOOD_PASSWORD)).getBytes(StandardCharsets.UTF_8);
    Map<String, String> json = Map.of("Content-Type", "application/json");
    // the system administrator (Camunda's admin group) manages models and rules, not accounts: refused, audited
    Answer bySystemAdmin = RawHttp.send(port, "POST", "/engine-rest/user/create", "admin", json, account);
    assertThat(bySystemAdmin.status()).as(bySystemAdmin.body()).isEqualTo(403);
    assertThat(bySystemAdmin.json().get("message").asText()).contains("三员分立");
    assertThat(identityService.createUserQuery().userId(id).count()).isZero();
    assertThat(RawHttp.send(port, "POST", "/engine-rest/group/create", "admin", json,
        "{\"id\":\"sysgroup\",\"name\":\"x\",\"type\":\"WORKFLOW\"}".getBytes(StandardCharsets.UTF_8))
        .status()).isEqualTo(403);
    assertThat(RawHttp.send(port, "PUT", "/engine-rest/group/bureau/members/admin", "admin", json, null).status())
        .as("the system administrator cannot make itself a bureau officer").isEqualTo(403);
    assertThat(identityService.createGroupQuery().groupMember("admin").groupId("bureau").count()).isZero();
    assertThat(RawHttp.send(port, "POST", "/engine-rest/authorization/create", "admin", json, """
        {"type":1,"permissions":["ALL"],"userId":"admin","groupId":null,"resourceType":0,"resourceId":"*"}"""
        .getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(403);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject("""
        select count(*) from security_audit where user_id = 'admin' and event = 'ACCESS_REFUSED'
        and object in ('SaveUser', 'SaveGroup', 'CreateMembership', 'SaveAuthorization') and detail like ?""",
        Long.class, "%三员分立%")).isGreaterThanOrEqualTo(4));
    // the security administrator may; every account still changes its own profile
    assertThat(RawHttp.send(port, "POST", "/engine-rest/user/create", "anquan", json, account).status())
        .isEqualTo(204);
    User admin = identityService.createUserQuery().userId("admin").singleResult();
    Answer ownProfile = RawHttp.send(port, "PUT", "/engine-rest/user/admin/profile", "admin", json, ("""
        {"id":"admin","firstName":%s,"lastName":%s,"email":%s}""".formatted(quoted(admin.getFirstName()),
        quoted(admin.getLastName()), quoted(admin.getEmail()))).getBytes(StandardCharsets.UTF_8));
    assertThat(ownProfile.status()).as(ownProfile.body()).isEqualTo(204);
    assertThat(RawHttp.send(port, "PUT", "/engine-rest/user/" + id + "/profile", "admin", json, ("""
        {"id":"%s","firstName":"改","lastName":"名"}""".formatted(id)).getBytes(StandardCharsets.UTF_8)).status())
        .as("but not another's").isEqualTo(403);
  }

  @Test
  void onlyTheAuditAdministratorReadsExportsAndVerifiesTheAudit() {
    for (String other : List.of("admin", "anquan", "zhangwei", "wangfang", "greentravel")) {
      assertThat(basic("GET", "/api/security-audit", other, "demo").status()).as(other).isEqualTo(403);
    }
    assertThat(RawHttp.send(port, "GET", "/api/security-audit", null, Map.of(), null).status()).isEqualTo(401);

    Answer page = basic("GET", "/api/security-audit?event=ACCESS_REFUSED&size=5", "shenji", "demo");
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    JsonNode items = page.json().get("items");
    assertThat(items.size()).isBetween(1, 5);
    items.forEach(item -> assertThat(item.get("event").asText()).isEqualTo("ACCESS_REFUSED"));
    assertThat(basic("GET", "/api/security-audit?event=NOPE", "shenji", "demo").json().get("errors").has("event"))
        .isTrue();

    long exports = jdbc.queryForObject("select count(*) from security_audit where event = 'EXPORT'", Long.class);
    Answer csv = basic("GET", "/api/security-audit/export?event=ACCESS_REFUSED", "shenji", "demo");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.body()).startsWith("id,occurredAt,userId,sourceAddress,event,object,outcome,detail,hash\n");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
        "select count(*) from security_audit where event = 'EXPORT'", Long.class)).isEqualTo(exports + 1));

    // any CSV export of non-public data is recorded with who took it
    assertThat(basic("GET", "/api/registry/holdings.csv", "greentravel", "demo").status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject("""
        select count(*) from security_audit where event = 'EXPORT' and user_id = 'greentravel'
        and object = 'GET /api/registry/holdings.csv'""", Long.class)).isPositive());

    JsonNode verification = basic("GET", "/api/security-audit/verify", "shenji", "demo").json();
    assertThat(verification.get("intact").asBoolean()).as(verification.toString()).isTrue();
    assertThat(verification.get("entries").asLong()).isPositive();
  }

  @Test
  void theAuditIsAppendOnlyInTheDatabaseAndAChangedRowBreaksTheChain() {
    basic("GET", "/api/access-log", "greentravel", "demo"); // at least one row
    long last = jdbc.queryForObject("select max(id) from security_audit", Long.class);
    assertThatThrownBy(() -> jdbc.update("update security_audit set detail = 'x' where id = ?", last))
        .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.update("delete from security_audit where id = ?", last))
        .isInstanceOf(DataAccessException.class).hasMessageContaining("six months");
    assertThatThrownBy(() -> jdbc.execute("truncate security_audit"))
        .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.update("update security_audit_head set last_id = 0"))
        .isInstanceOf(DataAccessException.class).hasMessageContaining("forward");

    // the owner of the table can switch the defence off; the chain still shows what was changed
    String detail = jdbc.queryForObject("select detail from security_audit where id = ?", String.class, last);
    jdbc.execute("alter table security_audit disable trigger security_audit_append_only");
    try {
      jdbc.update("update security_audit set detail = '篡改' where id = ?", last);
      SecurityAuditLog.Verification broken = audit.verify();
      assertThat(broken.intact()).isFalse();
      assertThat(broken.brokenAt()).isEqualTo(last);
      jdbc.update("update security_audit set detail = ? where id = ?", detail, last);
    } finally {
      jdbc.execute("alter table security_audit enable trigger security_audit_append_only");
    }
    assertThat(audit.verify().intact()).isTrue();
  }

  @Test
  void passwordsFollowThePlatformRulesAndNoneOfTheLastFiveReturns() {
    String user = anExpert("pwd");
    User account = identityService.createUserQuery().userId(user).singleResult();
    for (String weak : List.of("Short-1", "alllowercase-but-long", "NoDigitsOrSigns", user + "-Xy-99", "demo")) {
      account.setPassword(weak);
      assertThatThrownBy(() -> identityService.saveUser(account)).as(weak)
          .isInstanceOf(ProcessEngineException.class);
    }
    assertThat(identityService.checkPassword(user, GOOD_PASSWORD)).isTrue();
    for (int i = 1; i <= 5; i++) {
      account.setPassword("Second-pass-" + i);
      identityService.saveUser(account);
    }
    account.setPassword("Second-pass-3");
    assertThatThrownBy(() -> identityService.saveUser(account)).isInstanceOf(ProcessEngineException.class);
    // six changes ago: allowed again
    account.setPassword(GOOD_PASSWORD);
    identityService.saveUser(account);
    assertThat(identityService.checkPassword(user, GOOD_PASSWORD)).isTrue();
    assertThat(jdbc.queryForObject("select count(*) from password_history where user_id = ?", Long.class, user))
        .isEqualTo(5);
    assertThat(jdbc.queryForObject("select count(*) from password_history where hash like '%Second%'", Long.class))
        .isZero();
  }

  private Answer basic(String method, String path, String user, String password) {
    return RawHttp.send(port, method, path, null, Map.of("Authorization", "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))), null);
  }

  /** Logs in to Tasklist as its front end does ({@link WebappLogin}); the answer's status. */
  private int webappLogin(String user, String password) {
    return WebappLogin.tasklist(port, user, password);
  }

  private long events(String user, String event) {
    return jdbc.queryForObject("select count(*) from security_audit where user_id = ? and event = ?", Long.class,
        user, event);
  }
}
