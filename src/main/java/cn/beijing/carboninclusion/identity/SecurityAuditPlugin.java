package cn.beijing.carboninclusion.identity;

import cn.beijing.carboninclusion.common.EngineCommandFields;
import cn.beijing.carboninclusion.common.SecurityAudit;
import cn.beijing.carboninclusion.common.SecurityAudit.Event;
import cn.beijing.carboninclusion.common.SecurityAudit.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CheckPassword;
import org.camunda.bpm.engine.impl.cmd.CreateMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteAuthorizationCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteDeploymentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteGroupCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.impl.cmd.DeployCmd;
import org.camunda.bpm.engine.impl.cmd.SaveAuthorizationCmd;
import org.camunda.bpm.engine.impl.cmd.SaveGroupCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.cmd.UnlockUserCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.repository.DeploymentBuilderImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Feeds the security audit from the engine, so that every way in is covered by one hook: every password check (the
 * webapps' login, HTTP Basic on {@code /api} and {@code /engine-rest} all end in the engine's {@code checkPassword},
 * which also counts the failures that lock an account), every change of users, groups, memberships and
 * authorizations (Admin, {@code /engine-rest}, the platform's own code) and every deployment or deletion of models
 * and rules. A successful login is recorded once per user and address in 15 minutes (HTTP Basic authenticates every
 * request); every failure is recorded.
 */
@Component
class SecurityAuditPlugin extends AbstractProcessEnginePlugin {
  static final Duration LOGIN_RECORD_WINDOW = Duration.ofMinutes(15);
  /** What the login's second-factor check found, for the audit's detail (identity.IdentityRules sets it). */
  static final ThreadLocal<String> LOGIN_NOTE = new ThreadLocal<>();

  private final ObjectProvider<SecurityAudit> audit;
  private final Map<String, Instant> lastLogin = new ConcurrentHashMap<>();

  private final ObjectProvider<AccessControlSeal> accessControl;

  SecurityAuditPlugin(ObjectProvider<SecurityAudit> audit, ObjectProvider<AccessControlSeal> accessControl) {
    this.audit = audit;
    this.accessControl = accessControl;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPostCommandInterceptorsTxRequired().add(new CommandInterceptor() {
      @Override
      public <T> T execute(Command<T> command) {
        AccessControlSeal seal = AccessControlSeal.CHANGES.contains(command.getClass()) ? accessControl.getIfAvailable()
            : null;
        if (seal != null) {
          seal.beforeChange();
        }
        T done = audited(command);
        if (seal != null) {
          seal.changed();
        }
        return done;
      }

      private <T> T audited(Command<T> command) {
        Recorded recorded = describe(command);
        if (recorded == null) {
          return next.execute(command);
        }
        int attemptsBefore = command instanceof CheckPassword check ? attempts(field(check, "userId")) : 0;
        T result;
        try {
          result = next.execute(command);
        } catch (RuntimeException e) {
          if (recorded.event() != Event.LOGIN_FAILED) {
            audit.getObject().record(recorded.event(), actor(), recorded.object(),
                e instanceof AuthorizationException ? Outcome.REFUSED : Outcome.FAILURE,
                recorded.detail() + "；" + e.getClass().getSimpleName());
          }
          throw e;
        }
        after(command, recorded, result, attemptsBefore);
        return result;
      }
    });
  }

  private record Recorded(Event event, String object, String detail) {}

  private Recorded describe(Command<?> command) {
    if (command instanceof CheckPassword check) {
      return new Recorded(Event.LOGIN_FAILED, "user:" + field(check, "userId"), "");
    } else if (command instanceof SaveUserCmd save) {
      User user = field(save, "user");
      return new Recorded(Event.USER_CHANGED, "user:" + user.getId(), user instanceof UserEntity entity
          && entity.getPassword() != null ? "保存账号（含密码）" : "保存账号");
    } else if (command instanceof DeleteUserCmd delete) {
      return new Recorded(Event.USER_CHANGED, "user:" + field(delete, "userId"), "删除账号");
    } else if (command instanceof UnlockUserCmd unlock) {
      return new Recorded(Event.ACCOUNT_UNLOCKED, "user:" + field(unlock, "userId"), "解除锁定");
    } else if (command instanceof SaveGroupCmd save) {
      Group group = field(save, "group");
      return new Recorded(Event.GROUP_CHANGED, "group:" + group.getId(), "保存用户组 " + group.getName());
    } else if (command instanceof DeleteGroupCmd delete) {
      return new Recorded(Event.GROUP_CHANGED, "group:" + field(delete, "groupId"), "删除用户组");
    } else if (command instanceof CreateMembershipCmd create) {
      return new Recorded(Event.MEMBERSHIP_CHANGED, "group:" + field(create, "groupId"),
          "加入 " + field(create, "userId"));
    } else if (command instanceof DeleteMembershipCmd delete) {
      return new Recorded(Event.MEMBERSHIP_CHANGED, "group:" + field(delete, "groupId"),
          "移出 " + field(delete, "userId"));
    } else if (command instanceof SaveAuthorizationCmd save) {
      AuthorizationEntity authorization = field(save, "authorization");
      return new Recorded(Event.AUTHORIZATION_CHANGED, "authorization:" + authorization.getResourceType() + "/"
          + authorization.getResourceId(), (authorization.getUserId() != null ? "user " + authorization.getUserId()
          : "group " + authorization.getGroupId()) + " type " + authorization.getAuthorizationType() + " permissions "
          + authorization.getPermissions());
    } else if (command instanceof DeleteAuthorizationCmd delete) {
      return new Recorded(Event.AUTHORIZATION_CHANGED, "authorization:" + field(delete, "authorizationId"), "删除授权");
    } else if (command instanceof DeployCmd deploy) {
      DeploymentBuilderImpl builder = field(deploy, "deploymentBuilder");
      String resources = builder.getDeployment().getResources() == null ? ""
          : builder.getDeployment().getResources().keySet().stream().sorted().collect(Collectors.joining(", "));
      return new Recorded(Event.MODEL_DEPLOYED, "deployment:" + builder.getDeployment().getName(),
          "来源 " + builder.getDeployment().getSource() + "；资源 " + resources);
    } else if (command instanceof DeleteDeploymentCmd delete) {
      return new Recorded(Event.MODEL_DELETED, "deployment:" + field(delete, "deploymentId"), "删除部署");
    }
    return null;
  }

  private static int attempts(String userId) {
    UserEntity user = userId == null ? null
        : Context.getCommandContext().getDbEntityManager().selectById(UserEntity.class, userId);
    return user == null ? 0 : user.getAttempts();
  }

  private void after(Command<?> command, Recorded recorded, Object result, int attemptsBefore) {
    SecurityAudit log = audit.getObject();
    if (command instanceof CheckPassword check) {
      String userId = field(check, "userId");
      String note = LOGIN_NOTE.get() == null ? "" : LOGIN_NOTE.get();
      if (Boolean.TRUE.equals(result)) {
        String key = userId + "@" + SecurityAuditLog.sourceAddress();
        Instant now = Instant.now();
        Instant last = lastLogin.get(key);
        if (last == null || last.isBefore(now.minus(LOGIN_RECORD_WINDOW))) {
          lastLogin.put(key, now);
          log.record(Event.LOGIN_SUCCEEDED, userId, recorded.object(), Outcome.SUCCESS, note);
        }
        return;
      }
      UserEntity user = userId == null ? null
          : Context.getCommandContext().getDbEntityManager().selectById(UserEntity.class, userId);
      int max = Context.getProcessEngineConfiguration().getLoginMaxAttempts();
      int attempts = user == null ? 0 : user.getAttempts();
      boolean directory = !Context.getCommandContext().getSessionFactories()
          .containsKey(org.camunda.bpm.engine.impl.identity.WritableIdentityProvider.class);
      log.record(Event.LOGIN_FAILED, userId, recorded.object(), Outcome.FAILURE, (directory
          ? "目录账号登录失败 (directory login failed)" : user == null ? "无此账号 (no such account)" : attemptsBefore >= max ? "账号已锁定 (the account is locked)"
          : "连续第 " + attempts + " 次失败 (failure " + attempts + " in a row)") + (note.isEmpty() ? "" : "；" + note));
      if (!directory && user != null && attemptsBefore < max && attempts >= max) {
        log.record(Event.ACCOUNT_LOCKED, userId, recorded.object(), Outcome.SUCCESS,
            "连续 " + max + " 次登录失败，账号锁定 (locked after " + max + " failures)");
      }
      return;
    }
    log.record(recorded.event(), actor(), recorded.object(), Outcome.SUCCESS, recorded.detail());
  }

  private static String actor() {
    String user = Context.getCommandContext() == null ? null : Context.getCommandContext().getAuthenticatedUserId();
    return user == null ? "system" : user;
  }

  static void setField(Object target, String name, Object value) {
    EngineCommandFields.set(target, name, value);
  }

  static <T> T field(Object target, String name) {
    return EngineCommandFields.get(target, name);
  }

}
