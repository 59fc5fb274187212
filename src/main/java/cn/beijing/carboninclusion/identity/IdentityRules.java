package cn.beijing.carboninclusion.identity;

import cn.beijing.carboninclusion.common.SecurityAudit;
import cn.beijing.carboninclusion.common.SecurityAudit.Event;
import cn.beijing.carboninclusion.common.SecurityAudit.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CheckPassword;
import org.camunda.bpm.engine.impl.cmd.CreateMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The rules of accounts (GB/T 22239-2019 8.1.4.1 身份鉴别 and 8.1.4.2 访问控制), enforced in the engine so that every
 * way of changing an account meets them — Admin, {@code /engine-rest}, the platform's own code:
 * <ul>
 *   <li>passwords follow {@link PasswordRules} (Camunda's password policy, switched on once the start-up accounts are
 *       in place) and the last five are remembered;</li>
 *   <li>an account is locked after {@code login-max-attempts} (5) failed logins on any path — the webapps, HTTP Basic
 *       on {@code /api} and {@code /engine-rest} all check passwords in the engine — and unlocked
 *       {@code carbon-inclusion.security.lockout} (30 minutes) after its last failure — for accounts of a read-only
 *       directory (profile ldap) counted by {@link DirectoryLockout};</li>
 *   <li>三员分立: no account is a member of two of the administrators' groups (system, security, audit).</li>
 * </ul>
 */
@Component
class IdentityRules extends AbstractProcessEnginePlugin {
  private static final Logger log = LoggerFactory.getLogger(IdentityRules.class);

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final ObjectProvider<IdentityService> identity;
  private final ObjectProvider<SecurityAudit> audit;
  private final ObjectProvider<SecondFactors> secondFactors;
  private final ObjectProvider<PasswordExpiry> passwordExpiry;
  private final boolean policyOn;
  private final Duration lockout;
  private PasswordRules rules;
  @Value("${carbon-inclusion.security.admin-totp-secret:}")
  private String adminTotpSecret;
  @Value("${camunda.bpm.admin-user.id:admin}")
  private String adminId;
  private ProcessEngineConfigurationImpl configuration;
  private final ObjectProvider<ApiTokens> apiTokens;
  private final ObjectProvider<DirectoryLockout> directoryLockout;
  /** Accounts come from a read-only directory (profile ldap, {@link DirectoryIdentity}). */
  private volatile boolean directory;

  IdentityRules(JdbcTemplate jdbc, Clock clock, ObjectProvider<IdentityService> identity,
      ObjectProvider<SecurityAudit> audit, ObjectProvider<SecondFactors> secondFactors,
      ObjectProvider<PasswordExpiry> passwordExpiry, ObjectProvider<ApiTokens> apiTokens,
      ObjectProvider<DirectoryLockout> directoryLockout,
      @Value("${carbon-inclusion.security.password-policy:true}") boolean policyOn,
      @Value("${carbon-inclusion.security.lockout:PT30M}") Duration lockout) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.identity = identity;
    this.audit = audit;
    this.secondFactors = secondFactors;
    this.passwordExpiry = passwordExpiry;
    this.apiTokens = apiTokens;
    this.directoryLockout = directoryLockout;
    this.policyOn = policyOn;
    this.lockout = lockout;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
    if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPostCommandInterceptorsTxRequired().add(new CommandInterceptor() {
      @Override
      public <T> T execute(Command<T> command) {
        String newPassword = null;
        String userId = null;
        if (command instanceof CheckPassword check) {
          return checkWithSecondFactor(check, () -> next.execute(command));
        }
        requireSecurityAdministrator(command);
        if (command instanceof CreateMembershipCmd membership) {
          requireSeparateAdministrators(SecurityAuditPlugin.field(membership, "userId"),
              SecurityAuditPlugin.field(membership, "groupId"));
        } else if (command instanceof SaveUserCmd save
            && SecurityAuditPlugin.field(save, "user") instanceof UserEntity user) {
          newPassword = SecurityAuditPlugin.field(user, "newPassword");
          userId = user.getId();
          if (newPassword != null && !Boolean.TRUE.equals(SecurityAuditPlugin.field(save, "skipPasswordPolicy"))) {
            requireCompliant(newPassword, user);
          }
        }
        T result = next.execute(command);
        if (newPassword != null && rules != null) {
          rules.remember(userId, newPassword);
          passwordExpiry.getObject().changed(userId);
          apiTokens.getObject().revokeAll(userId, null, "密码已修改 (the password changed)");
        } else if (command instanceof DeleteUserCmd delete && rules != null) {
          rules.forget(SecurityAuditPlugin.field(delete, "userId"));
          passwordExpiry.getObject().forget(SecurityAuditPlugin.field(delete, "userId"));
          apiTokens.getObject().revokeAll(SecurityAuditPlugin.field(delete, "userId"), null,
              "账号已删除 (the account was deleted)");
        }
        return result;
      }
    });
  }

  @Override
  public void postProcessEngineBuild(org.camunda.bpm.engine.ProcessEngine engine) {
    directory = engine.getIdentityService().isReadOnly();
    if (directory) {
      log.info("accounts from a read-only directory: lockout counted by the platform (directory_login_failure), "
          + "password age and changes left to the directory");
    }
  }

  /**
   * A login of an account with a confirmed second factor: the code is taken off the end of the password and checked
   * ({@link SecondFactors}); the engine then checks the password alone. A wrong or missing code makes the engine see
   * a password that cannot match, so the failure counts toward the lockout like any other.
   */
  private <T> T checkWithSecondFactor(CheckPassword check, java.util.function.Supplier<T> proceed) {
    String userId = SecurityAuditPlugin.field(check, "userId");
    String given = SecurityAuditPlugin.field(check, "password");
    SecondFactors factors = secondFactors.getIfAvailable();
    if (factors == null || userId == null || given == null) {
      return proceed.get();
    }
    List<String> groups = groupsOf(userId);
    DirectoryLockout lockout = directory ? directoryLockout.getIfAvailable() : null;
    if (lockout != null) {
      return checkInDirectory(check, userId, given, groups, factors, lockout, proceed);
    }
    SecondFactors.Verdict verdict = factors.check(userId, given, groups, enrolling());
    PasswordExpiry expiry = passwordExpiry.getIfAvailable();
    if (expiry != null && expiry.expired(userId, groups) && !changingPassword()
        && !(verdict instanceof SecondFactors.Refused)) {
      verdict = new SecondFactors.Refused("密码已过期，须先修改 (the password expired: change it with PUT "
          + PasswordExpiry.CHANGE_PATH + ")", false);
    }
    try {
      if (verdict instanceof SecondFactors.Accepted accepted) {
        SecurityAuditPlugin.setField(check, "password", accepted.password());
        SecurityAuditPlugin.LOGIN_NOTE.set("含动态口令 (with second factor)");
      } else if (verdict instanceof SecondFactors.Refused refused) {
        // counted: a password that never matches; not counted (an unenrolled staff account): no password at all
        SecurityAuditPlugin.setField(check, "password", refused.counted() ? "\u0000" + java.util.UUID.randomUUID()
            : null);
        SecurityAuditPlugin.LOGIN_NOTE.set(refused.why());
      }
      return proceed.get();
    } finally {
      SecurityAuditPlugin.LOGIN_NOTE.remove();
    }
  }

  /**
   * A login of a directory account: the platform's lockout ({@link DirectoryLockout}) is asked first — a locked
   * account's password never reaches the directory —, 三员分立 is checked on the directory's memberships (an account in
   * two administrators' groups is refused, since the platform cannot refuse the membership itself), then the second
   * factor as for the platform's own accounts; the directory checks the password (an LDAP bind). A failure counts
   * toward the lockout, except the refusals that are not the caller's guess (an unenrolled staff account, 三员分立).
   * Password age is the directory's, not the platform's.
   */
  private <T> T checkInDirectory(CheckPassword check, String userId, String given, List<String> groups,
      SecondFactors factors, DirectoryLockout lockout, java.util.function.Supplier<T> proceed) {
    SecondFactors.Verdict verdict;
    // asked before the bind: after a failed bind Camunda's LDAP session answers no further search in this command
    boolean known = inDirectory(userId);
    List<String> administrators = groups.stream().filter(Groups.ADMINISTRATORS::contains).toList();
    if (lockout.locked(userId)) {
      verdict = new SecondFactors.Refused("账号已锁定 (the account is locked)", false);
    } else if (administrators.size() > 1) {
      verdict = new SecondFactors.Refused("三员分立：目录中同时属于 " + administrators + " (the directory makes the account "
          + "more than one administrator)", false);
    } else {
      verdict = factors.check(userId, given, groups, enrolling());
    }
    try {
      if (verdict instanceof SecondFactors.Accepted accepted) {
        SecurityAuditPlugin.setField(check, "password", accepted.password());
        SecurityAuditPlugin.LOGIN_NOTE.set("目录账号，含动态口令 (directory account, with second factor)");
      } else if (verdict instanceof SecondFactors.Refused refused) {
        // the directory is not asked: no password (Camunda's LDAP provider answers false without a bind)
        SecurityAuditPlugin.setField(check, "password", null);
        SecurityAuditPlugin.LOGIN_NOTE.set("目录账号；" + refused.why());
      } else {
        SecurityAuditPlugin.LOGIN_NOTE.set("目录账号 (directory account)");
      }
      T result = proceed.get();
      boolean counted = !(verdict instanceof SecondFactors.Refused refused) || refused.counted();
      if (Boolean.TRUE.equals(result)) {
        lockout.succeeded(userId);
      } else if (counted && known) {
        lockout.failed(userId);
        if (lockout.locked(userId)) {
          audit.getObject().record(Event.ACCOUNT_LOCKED, userId, "user:" + userId, Outcome.SUCCESS,
              "目录账号连续 " + configuration.getLoginMaxAttempts() + " 次登录失败，账号锁定 (directory account locked)");
        }
      }
      return result;
    } finally {
      SecurityAuditPlugin.LOGIN_NOTE.remove();
    }
  }

  /** Whether the directory has the account (names that are not accounts are not counted, so not stored). */
  private static boolean inDirectory(String userId) {
    ProcessEngineConfigurationImpl engine = Context.getProcessEngineConfiguration();
    return Context.getCommandContext().runWithoutAuthorization(() -> engine.getIdentityService()
        .createUserQuery().userId(userId).count() > 0);
  }

  /** The groups of an account, inside a command, whoever asks. */
  private static List<String> groupsOf(String userId) {
    ProcessEngineConfigurationImpl engine = Context.getProcessEngineConfiguration();
    return Context.getCommandContext().runWithoutAuthorization(() -> engine.getIdentityService()
        .createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList());
  }

  private static boolean changingPassword() {
    return requestPath().equals(PasswordExpiry.CHANGE_PATH);
  }

  private static boolean enrolling() {
    return requestPath().startsWith("/api/me/second-factor");
  }

  /** The path of the request being served ("" outside one). */
  private static String requestPath() {
    return org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
        instanceof org.springframework.web.context.request.ServletRequestAttributes attributes
        ? attributes.getRequest().getRequestURI() : "";
  }

  /** Once the start-up accounts exist (admin user, demo users): the password policy applies from here on. */
  @EventListener(ApplicationReadyEvent.class)
  @Order(20)
  public void switchOnPasswordPolicy() {
    if (adminTotpSecret != null && !adminTotpSecret.isBlank() && !secondFactors.getObject().confirmed(adminId)) {
      secondFactors.getObject().preEnrol(adminId, adminTotpSecret);
      log.info("second factor of {} enrolled from configuration (CARBON_ADMIN_TOTP_SECRET)", adminId);
    }
    rules = new PasswordRules(jdbc, clock);
    IdentityService identities = identity.getObject();
    int baselined = passwordExpiry.getObject().baseline(SecondFactors.STAFF.stream().flatMap(group -> identities
        .createUserQuery().memberOfGroup(group).list().stream().map(org.camunda.bpm.engine.identity.User::getId))
        .distinct().toList());
    if (baselined > 0) {
      log.info("password age of {} staff accounts counts from now", baselined);
    }
    if (policyOn && configuration != null) {
      configuration.setPasswordPolicy(rules);
      configuration.setEnablePasswordPolicy(true);
      log.info("password policy on: at least {} characters of {} classes, no account data, not one of the last {}",
          PasswordRules.MIN_LENGTH, PasswordRules.MIN_CLASSES, PasswordRules.HISTORY);
    }
  }

  PasswordRules rules() {
    return rules;
  }

  /**
   * The password policy checked before the engine's own check, so that a refusal is the client's error (400 on
   * {@code /engine-rest}, naming the rules broken) rather than the engine's bare ProcessEngineException (a 500).
   */
  private void requireCompliant(String password, UserEntity user) {
    ProcessEngineConfigurationImpl engine = Context.getProcessEngineConfiguration();
    if (!engine.isEnablePasswordPolicy() || engine.getPasswordPolicy() == null) {
      return;
    }
    List<String> broken = engine.getPasswordPolicy().getRules().stream()
        .filter(rule -> !rule.execute(password, user)).map(PasswordRules::describe).toList();
    if (!broken.isEmpty()) {
      refused(Event.USER_CHANGED, "user:" + user.getId(), "密码不符合要求：" + String.join("；", broken));
      throw new BadUserRequestException("密码不符合要求 (the password breaks the password rules)：" + String.join("；", broken));
    }
  }

  /** The commands that change accounts, groups, memberships, tenants or authorizations: 安全管理员's alone. */
  static final java.util.Set<Class<?>> ACCOUNT_COMMANDS = java.util.Set.of(
      org.camunda.bpm.engine.impl.cmd.SaveUserCmd.class, org.camunda.bpm.engine.impl.cmd.DeleteUserCmd.class,
      org.camunda.bpm.engine.impl.cmd.UnlockUserCmd.class, org.camunda.bpm.engine.impl.cmd.SaveGroupCmd.class,
      org.camunda.bpm.engine.impl.cmd.DeleteGroupCmd.class, org.camunda.bpm.engine.impl.cmd.CreateMembershipCmd.class,
      org.camunda.bpm.engine.impl.cmd.DeleteMembershipCmd.class,
      org.camunda.bpm.engine.impl.cmd.SaveAuthorizationCmd.class,
      org.camunda.bpm.engine.impl.cmd.DeleteAuthorizationCmd.class, org.camunda.bpm.engine.impl.cmd.SaveTenantCmd.class,
      org.camunda.bpm.engine.impl.cmd.DeleteTenantCmd.class,
      org.camunda.bpm.engine.impl.cmd.CreateTenantUserMembershipCmd.class,
      org.camunda.bpm.engine.impl.cmd.CreateTenantGroupMembershipCmd.class,
      org.camunda.bpm.engine.impl.cmd.DeleteTenantUserMembershipCmd.class,
      org.camunda.bpm.engine.impl.cmd.DeleteTenantGroupMembershipCmd.class,
      org.camunda.bpm.engine.impl.cmd.SetUserInfoCmd.class, org.camunda.bpm.engine.impl.cmd.DeleteUserInfoCmd.class,
      org.camunda.bpm.engine.impl.cmd.SetUserPictureCmd.class,
      org.camunda.bpm.engine.impl.cmd.DeleteUserPictureCmd.class);

  /**
   * 三员分立: accounts, groups, memberships, tenants and authorizations change only by the security administrator —
   * not by the system administrator, whom Camunda's admin group would otherwise let do anything. An account may
   * still change its own profile and password. The platform's own start-up and jobs (no authenticated user) are not
   * people and pass.
   */
  private void requireSecurityAdministrator(Command<?> command) {
    if (!ACCOUNT_COMMANDS.contains(command.getClass())) {
      return;
    }
    org.camunda.bpm.engine.impl.identity.Authentication acting = Context.getCommandContext().getAuthentication();
    if (acting == null || acting.getUserId() == null) {
      return;
    }
    List<String> groups = acting.getGroupIds() != null ? acting.getGroupIds() : groupsOf(acting.getUserId());
    if (groups.contains(Groups.SECURITY_ADMIN) || ownAccount(command, acting.getUserId())) {
      return;
    }
    String what = command.getClass().getSimpleName().replace("Cmd", "");
    refused(Event.ACCESS_REFUSED, what, "三员分立：账号、组、成员与授权仅由安全管理员变更");
    throw new org.camunda.bpm.engine.AuthorizationException("三员分立：账号、组、成员关系与授权仅由安全管理员（"
        + Groups.SECURITY_ADMIN + "）变更 (accounts, groups, memberships and authorizations are the security "
        + "administrator's alone): " + what);
  }

  /** A change of the acting account's own profile, password, picture or information. */
  private static boolean ownAccount(Command<?> command, String userId) {
    if (command instanceof SaveUserCmd save) {
      return SecurityAuditPlugin.field(save, "user") instanceof UserEntity user && userId.equals(user.getId())
          && user.getRevision() > 0;
    }
    if (command instanceof org.camunda.bpm.engine.impl.cmd.SetUserInfoCmd
        || command instanceof org.camunda.bpm.engine.impl.cmd.DeleteUserInfoCmd
        || command instanceof org.camunda.bpm.engine.impl.cmd.SetUserPictureCmd
        || command instanceof org.camunda.bpm.engine.impl.cmd.DeleteUserPictureCmd) {
      return userId.equals(SecurityAuditPlugin.field(command, "userId"));
    }
    return false;
  }

  private void requireSeparateAdministrators(String userId, String groupId) {
    if (!Groups.ADMINISTRATORS.contains(groupId)) {
      return;
    }
    List<String> held = groupsOf(userId).stream()
        .filter(g -> Groups.ADMINISTRATORS.contains(g) && !g.equals(groupId)).toList();
    if (!held.isEmpty()) {
      refused(Event.MEMBERSHIP_CHANGED, "group:" + groupId, "加入 " + userId + "；三员分立：已是 " + held + " 的成员");
      throw new BadUserRequestException("三员分立：账号 " + userId + " 已是 " + held + " 的成员，不得再加入 " + groupId
          + " (an account holds one of the system, security and audit administrator roles only)");
    }
  }

  private void refused(Event event, String object, String detail) {
    String actor = Context.getCommandContext().getAuthenticatedUserId();
    audit.getObject().record(event, actor == null ? "system" : actor, object, Outcome.REFUSED, detail);
  }

  /** Unlocks the accounts whose lockout has run its time since the last failure. */
  @Scheduled(fixedDelayString = "${carbon-inclusion.security.lockout-check:PT1M}")
  public int unlockExpired() {
    if (configuration == null) {
      return 0;
    }
    java.sql.Timestamp before = new java.sql.Timestamp(ClockUtil.getCurrentTime().getTime() - lockout.toMillis());
    List<String> locked = jdbc.queryForList("""
        select id_ from act_id_user where attempts_ >= ? and (lock_exp_time_ is null or lock_exp_time_ < ?)""",
        String.class, configuration.getLoginMaxAttempts(), before);
    for (String userId : locked) {
      identity.getObject().unlockUser(userId);
      log.info("account {} unlocked after its lockout of {}", userId, lockout);
    }
    return locked.size();
  }
}
