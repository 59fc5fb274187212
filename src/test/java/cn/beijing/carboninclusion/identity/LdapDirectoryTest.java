package cn.beijing.carboninclusion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import cn.beijing.carboninclusion.support.WebappLogin;
import cn.beijing.carboninclusion.support.RawHttp;
import cn.beijing.carboninclusion.support.RawHttp.Answer;
import cn.beijing.carboninclusion.support.Slapd;
import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Directory identity (profile {@code ldap}) against a real OpenLDAP server ({@link Slapd}, Debian's slapd): the
 * directory's accounts log into Tasklist and call the platform's APIs; the directory's groups are the platform's
 * groups through their {@code businessCategory}; the platform's lockout, second factor and 三员分立 stay in force for
 * directory accounts; a developer account of the directory acts for the organisation the bureau links it to; a name
 * the directory does not know cannot log in.
 *
 * <p>Its context (another identity provider) is closed after it, which unregisters its engine from Camunda's
 * process-wide registry: the build runs it in a JVM of its own (surefire execution {@code own-context}, pom.xml).
 */
@ActiveProfiles("ldap")
@TestPropertySource(properties = "carbon-inclusion.demo.enabled=false")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LdapDirectoryTest extends PlatformIntegrationTest {
  static final String SUFFIX = "dc=carbon,dc=example";
  static final String ADMIN_PASSWORD = "Dir-Admin-2026!";
  static final String PASSWORD = "Dir-Staff-2026!";
  static Slapd slapd;

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired JdbcTemplate jdbc;

  @DynamicPropertySource
  static void directory(DynamicPropertyRegistry registry) throws Exception {
    slapd = Slapd.start(SUFFIX);
    slapd.add(directoryEntries());
    registry.add("carbon-inclusion.ldap.server-url", slapd::url);
    registry.add("carbon-inclusion.ldap.manager-dn", slapd::rootDn);
    registry.add("carbon-inclusion.ldap.manager-password", slapd::rootPassword);
    registry.add("carbon-inclusion.ldap.base-dn", () -> SUFFIX);
    registry.add("camunda.bpm.admin-user.id", () -> "admin");
  }

  @AfterAll
  static void stopDirectory() {
    if (slapd != null) {
      slapd.close();
    }
  }

  /** The organisation's directory: its own group names; the platform's ids in businessCategory. */
  static String directoryEntries() {
    StringBuilder ldif = new StringBuilder();
    entry(ldif, "dc=carbon," + "dc=example", "objectClass: dcObject", "objectClass: organization", "dc: carbon",
        "o: 北京市碳普惠测试目录");
    entry(ldif, "ou=people," + SUFFIX, "objectClass: organizationalUnit", "ou: people");
    entry(ldif, "ou=groups," + SUFFIX, "objectClass: organizationalUnit", "ou: groups");
    person(ldif, "admin", "平台", "管理员", ADMIN_PASSWORD);
    person(ldif, "lijing", "静", "李", PASSWORD);
    person(ldif, "sunli", "丽", "孙", PASSWORD);
    person(ldif, "wangqiang", "强", "王", PASSWORD);
    person(ldif, "zhaolei", "磊", "赵", PASSWORD);
    person(ldif, "chenming", "明", "陈", PASSWORD);
    person(ldif, "liuyang", "洋", "刘", PASSWORD);
    person(ldif, "zhougang", "刚", "周", PASSWORD);
    person(ldif, "wuhua", "华", "吴", PASSWORD);
    person(ldif, "zhengyu", "宇", "郑", PASSWORD);
    person(ldif, "fenghao", "浩", "冯", PASSWORD);
    person(ldif, "chenjie", "杰", "陈", PASSWORD);
    person(ldif, "hanmei", "梅", "韩", PASSWORD);
    group(ldif, "生态环境局审批处", "bureau", "lijing", "sunli", "wangqiang");
    group(ldif, "项目开发方账号", "developer", "zhaolei");
    group(ldif, "平台系统管理员", "camunda-admin", "admin", "liuyang");
    group(ldif, "平台安全管理员", "secadmin", "liuyang");
    group(ldif, "气候中心技术组", "techcenter", "zhougang");
    group(ldif, "绿色交易所结算部", "exchange", "wuhua");
    group(ldif, "方法学评审专家库", "expert", "zhengyu");
    group(ldif, "核查机构账号", "verifier", "fenghao");
    group(ldif, "审计机构账号", "auditor", "chenjie");
    group(ldif, "平台审计管理员", "auditadmin", "hanmei");
    group(ldif, "职工食堂", null, "chenming", "lijing");
    return ldif.toString();
  }

  static void person(StringBuilder ldif, String uid, String givenName, String sn, String password) {
    entry(ldif, "uid=" + uid + ",ou=people," + SUFFIX, "objectClass: inetOrgPerson", "uid: " + uid,
        "cn: " + sn + givenName, "sn: " + sn, "givenName: " + givenName, "mail: " + uid + "@sthjj.example",
        "userPassword: " + password);
  }

  static void group(StringBuilder ldif, String cn, String platformId, String... members) {
    List<String> lines = new java.util.ArrayList<>(List.of("objectClass: groupOfNames", "cn: " + cn));
    if (platformId != null) {
      lines.add("businessCategory: " + platformId);
    }
    for (String member : members) {
      lines.add("member: uid=" + member + ",ou=people," + SUFFIX);
    }
    entry(ldif, "cn=" + cn + ",ou=groups," + SUFFIX, lines.toArray(String[]::new));
  }

  /** One LDIF entry; values that are not ASCII are written base64 ({@code attr:: …}), as LDIF wants them. */
  static void entry(StringBuilder ldif, String dn, String... lines) {
    ldif.append(line("dn: " + dn));
    for (String line : lines) {
      ldif.append(line(line));
    }
    ldif.append('\n');
  }

  static String line(String line) {
    int colon = line.indexOf(": ");
    String value = line.substring(colon + 2);
    if (value.chars().allMatch(c -> c < 128)) {
      return line + "\n";
    }
    return line.substring(0, colon) + ":: "
        + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "\n";
  }

  @Test
  void theDirectorysAccountsAndGroupsAreThePlatformsByTheirBusinessCategory() {
    assertThat(identityService.isReadOnly()).as("the directory is read-only").isTrue();
    User lijing = identityService.createUserQuery().userId("lijing").singleResult();
    assertThat(lijing.getLastName() + lijing.getFirstName()).isEqualTo("李静");
    assertThat(lijing.getEmail()).isEqualTo("lijing@sthjj.example");
    Map<String, String> groups = identityService.createGroupQuery().groupMember("lijing").list().stream()
        .collect(Collectors.toMap(Group::getId, Group::getName));
    assertThat(groups).as("职工食堂 carries no platform id: not the platform's")
        .containsExactly(Map.entry(Groups.BUREAU, "生态环境局审批处"));
    assertThat(identityService.createUserQuery().memberOfGroup(Groups.BUREAU).list()).extracting(User::getId)
        .containsExactlyInAnyOrder("lijing", "sunli", "wangqiang");
    assertThat(identityService.createGroupQuery().groupMember("chenming").list()).isEmpty();
  }

  @Test
  void aBureauMemberOfTheDirectoryLogsIntoTasklistAndSeesTheBureausTasks() throws Exception {
    String deployment = repositoryService.createDeployment().addModelInstance("DirectoryReview.bpmn",
        Bpmn.createExecutableProcess("DirectoryReview").name("目录测试审查").camundaHistoryTimeToLive(1).startEvent()
            .userTask("Task_Review").name("审查").camundaCandidateGroups(Groups.BUREAU).endEvent().done())
        .deploy().getId();
    try {
      String instance = runtimeService.startProcessInstanceByKey("DirectoryReview").getId();
      assertThat(webappLogin("lijing", PASSWORD)).as("Tasklist login").isEqualTo(200);
      assertThat(webappLogin("lijing", "Wrong-2026-pw")).isEqualTo(401);

      Answer tasks = basic("GET", "/engine-rest/task?candidateGroup=bureau&processInstanceId=" + instance, "lijing",
          PASSWORD, null);
      assertThat(tasks.status()).as(tasks.body()).isEqualTo(200);
      assertThat(tasks.json()).hasSize(1);
      assertThat(tasks.json().get(0).get("name").asText()).isEqualTo("审查");
      // the platform's API: the bureau's own operation
      Answer registered = basic("POST", "/api/developers", "lijing", PASSWORD, registration("目录测试开发方甲"));
      assertThat(registered.status()).as(registered.body()).isEqualTo(201);
      assertThat(basic("POST", "/api/developers", "chenming", PASSWORD, registration("无权登记")).status())
          .as("an account of the directory in no platform group").isEqualTo(403);
      assertThat(jdbc.queryForObject("""
          select count(*) from security_audit where user_id = 'lijing' and event = 'LOGIN_SUCCEEDED'""", Long.class))
          .isPositive();
      assertThat(jdbc.queryForObject("select count(*) from directory_login_failure where user_id = 'lijing'",
          Long.class)).as("a successful login clears the failed one").isZero();
    } finally {
      repositoryService.deleteDeployment(deployment, true);
    }
  }

  @Test
  void fiveWrongPasswordsLockTheDirectoryAccountUntilItsLockoutRunsOut() {
    for (int i = 1; i <= 5; i++) {
      assertThat(basic("GET", "/engine-rest/task", "sunli", "Wrong-2026-pw" + i, null).status()).isEqualTo(401);
    }
    assertThat(jdbc.queryForObject("select failures from directory_login_failure where user_id = 'sunli'",
        Integer.class)).isEqualTo(5);
    assertThat(basic("GET", "/engine-rest/task", "sunli", PASSWORD, null).status())
        .as("locked: the right password is refused").isEqualTo(401);
    assertThat(webappLogin("sunli", PASSWORD)).isEqualTo(401);
    assertThat(jdbc.queryForObject("""
        select count(*) from security_audit where user_id = 'sunli' and event = 'ACCOUNT_LOCKED'""", Long.class))
        .isEqualTo(1);
    assertThat(jdbc.queryForObject("""
        select count(*) from security_audit where user_id = 'sunli' and event = 'LOGIN_FAILED'
        and detail like '%账号已锁定%'""", Long.class)).isEqualTo(2);
    // 30 minutes after the last failure the account opens again
    jdbc.update("update directory_login_failure set last_failure = last_failure - interval '31 minutes' "
        + "where user_id = 'sunli'");
    assertThat(basic("GET", "/engine-rest/task", "sunli", PASSWORD, null).status()).isEqualTo(200);
    assertThat(jdbc.queryForObject("select count(*) from directory_login_failure where user_id = 'sunli'",
        Long.class)).isZero();
  }

  @Test
  void aDirectoryStaffAccountWithASecondFactorLogsInWithPasswordAndCodeOnly() throws Exception {
    Answer started = basic("POST", "/api/me/second-factor", "wangqiang", PASSWORD, null);
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String secret = started.json().get("secret").asText();
    long step = Instant.now().getEpochSecond() / 30;
    Answer confirmed = basic("POST", "/api/me/second-factor/confirmation", "wangqiang", PASSWORD,
        "{\"code\":\"" + code(secret, step) + "\"}");
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);

    assertThat(basic("GET", "/engine-rest/task", "wangqiang", PASSWORD, null).status())
        .as("the password alone").isEqualTo(401);
    assertThat(basic("GET", "/engine-rest/task", "wangqiang", PASSWORD + code(secret, step + 1), null).status())
        .isEqualTo(200);
    assertThat(basic("GET", "/engine-rest/task", "wangqiang", PASSWORD + code(secret, step), null).status())
        .as("a code older than the one used").isEqualTo(401);
    assertThat(jdbc.queryForObject("""
        select count(*) from security_audit where user_id = 'wangqiang' and event = 'LOGIN_FAILED'
        and detail like '%动态口令%'""", Long.class)).isEqualTo(2);
    // the password is the directory's to change
    assertThat(basic("PUT", "/api/me/password", "wangqiang", PASSWORD + code(secret, step + 1),
        "{\"newPassword\":\"Changed-2026-pw\"}").status()).isEqualTo(409);
  }

  @Test
  void aDeveloperOfTheDirectoryActsForTheOrganisationTheBureauLinksItTo() {
    long own = basic("POST", "/api/developers", "lijing", PASSWORD, registration("目录测试开发方乙")).json()
        .get("id").asLong();
    long other = basic("POST", "/api/developers", "lijing", PASSWORD, registration("目录测试开发方丙")).json()
        .get("id").asLong();
    assertThat(basic("GET", "/api/developers/me", "zhaolei", PASSWORD, null).status())
        .as("not linked yet").isEqualTo(403);
    assertThat(basic("POST", "/api/developers/" + own + "/members", "zhaolei", PASSWORD,
        "{\"userId\":\"zhaolei\"}").status()).as("the bureau's link, not the developer's").isEqualTo(403);
    Answer notDeveloper = basic("POST", "/api/developers/" + own + "/members", "lijing", PASSWORD,
        "{\"userId\":\"chenming\"}");
    assertThat(notDeveloper.status()).as(notDeveloper.body()).isEqualTo(400);
    Answer linked = basic("POST", "/api/developers/" + own + "/members", "lijing", PASSWORD,
        "{\"userId\":\"zhaolei\"}");
    assertThat(linked.status()).as(linked.body()).isEqualTo(200);

    Answer me = basic("GET", "/api/developers/me", "zhaolei", PASSWORD, null);
    assertThat(me.status()).as(me.body()).isEqualTo(200);
    assertThat(me.json().get("id").asLong()).isEqualTo(own);
    assertThat(me.json().get("name").asText()).isEqualTo("目录测试开发方乙");
    assertThat(basic("GET", "/api/developers/" + own, "zhaolei", PASSWORD, null).status()).isEqualTo(200);
    assertThat(basic("GET", "/api/developers/" + other, "zhaolei", PASSWORD, null).status())
        .as("another organisation's record").isEqualTo(404);
    assertThat(basic("POST", "/api/developers/" + other + "/members", "lijing", PASSWORD,
        "{\"userId\":\"zhaolei\"}").status()).as("one organisation per account").isEqualTo(409);
  }

  @Test
  void anAccountTheDirectoryDoesNotKnowCannotLogIn() throws Exception {
    assertThat(webappLogin("nobody", PASSWORD)).isEqualTo(401);
    assertThat(basic("GET", "/engine-rest/task", "nobody", PASSWORD, null).status()).isEqualTo(401);
    assertThat(basic("GET", "/api/developers/me", "nobody", PASSWORD, null).status()).isEqualTo(401);
    assertThat(jdbc.queryForObject("select count(*) from directory_login_failure where user_id = 'nobody'",
        Long.class)).as("names that are no accounts are not stored").isZero();
  }

  @Test
  void anAccountTheDirectoryMakesTwoAdministratorsIsRefused() {
    assertThat(basic("GET", "/engine-rest/task", "liuyang", PASSWORD, null).status()).isEqualTo(401);
    assertThat(jdbc.queryForObject("""
        select count(*) from security_audit where user_id = 'liuyang' and event = 'LOGIN_FAILED'
        and detail like '%三员分立%'""", Long.class)).isEqualTo(1);
    assertThat(basic("GET", "/engine-rest/task", "admin", ADMIN_PASSWORD, null).status())
        .as("the directory's system administrator").isEqualTo(200);
  }

  private static String registration(String name) {
    return "{\"creditCode\":\"" + ProjectCases.aCreditCode() + "\",\"name\":\"" + name
        + "\",\"kind\":\"ENTERPRISE\",\"contactEmail\":\"contact@developer.example\"}";
  }

  private Answer basic(String method, String path, String user, String password, String json) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Authorization", "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    if (json != null) {
      headers.put("Content-Type", "application/json");
    }
    return RawHttp.send(port, method, path, null, headers, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
  }

  /** Logs in to Tasklist as its front end does ({@link WebappLogin}); the answer's status. */
  private int webappLogin(String user, String password) {
    return WebappLogin.tasklist(port, user, password);
  }

  private static String code(String secret, long step) throws Exception {
    TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator();
    int code = totp.generateOneTimePassword(new SecretKeySpec(new Base32().decode(secret), totp.getAlgorithm()),
        Instant.ofEpochSecond(step * 30));
    return String.format("%06d", code);
  }
}
