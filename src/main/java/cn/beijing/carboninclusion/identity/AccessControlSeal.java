package cn.beijing.carboninclusion.identity;

import cn.beijing.carboninclusion.common.SecurityAudit;
import cn.beijing.carboninclusion.common.SecurityAudit.Event;
import cn.beijing.carboninclusion.common.SecurityAudit.Outcome;
import cn.beijing.carboninclusion.crypto.Sm3;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cmd.CreateMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.CreateTenantGroupMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.CreateTenantUserMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteAuthorizationCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteGroupCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantGroupMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantUserMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.impl.cmd.SaveAuthorizationCmd;
import org.camunda.bpm.engine.impl.cmd.SaveGroupCmd;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * 访问控制信息的完整性 (GB/T 39786-2021 8.4 b): after every change of the access-control state through the engine —
 * groups, memberships, tenants' memberships, authorizations — the SM3 of the whole state is sealed into the
 * hash-chained security audit ({@code ACCESS_CONTROL_SEALED}, once per transaction, after it commits). The audit
 * administrator's check recomputes the state's SM3 and compares it with the last seal: a grant or membership written
 * into the database behind the engine (and so behind the separation of the administrators and the audit) shows as a
 * difference. The state is every group (id, type), every membership, and every authorization except the engine's
 * own per-task and per-instance ones, which follow the work (claims, assignments) rather than configuration.
 */
@Component
class AccessControlSeal {
  static final Set<Class<?>> CHANGES = Set.of(SaveGroupCmd.class, DeleteGroupCmd.class, CreateMembershipCmd.class,
      DeleteMembershipCmd.class, SaveAuthorizationCmd.class, DeleteAuthorizationCmd.class, DeleteUserCmd.class,
      CreateTenantUserMembershipCmd.class, CreateTenantGroupMembershipCmd.class,
      DeleteTenantUserMembershipCmd.class, DeleteTenantGroupMembershipCmd.class);
  private static final String PENDING = AccessControlSeal.class.getName() + ".pending";

  private final JdbcTemplate jdbc;
  private final ObjectProvider<SecurityAudit> audit;

  AccessControlSeal(JdbcTemplate jdbc, ObjectProvider<SecurityAudit> audit) {
    this.jdbc = jdbc;
    this.audit = audit;
  }

  /**
   * Called before a command of {@link #CHANGES} runs, once per transaction: a state that already differs from its last
   * seal (changed behind the engine since) is recorded as a failed seal before the change and its new seal cover it.
   */
  void beforeChange() {
    if (TransactionSynchronizationManager.isSynchronizationActive()
        && TransactionSynchronizationManager.hasResource(PENDING)) {
      return;
    }
    Check found = check();
    if (!found.intact() && found.sealed() != null) {
      audit.getObject().record(Event.ACCESS_CONTROL_SEALED, null, "access-control", Outcome.FAILURE,
          "变更前的访问控制信息与第 " + found.sealRow() + " 条封存不符 (changed outside the engine): sm3 "
              + found.current() + " ≠ " + found.sealed());
    }
  }

  /** The first start seals the state it finds; later starts leave the seal to the changes. */
  @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
  @org.springframework.core.annotation.Order(1)
  public void sealOnFirstStart() {
    Integer seals = jdbc.queryForObject("select count(*) from security_audit where event = 'ACCESS_CONTROL_SEALED'",
        Integer.class);
    if (seals == null || seals == 0) {
      seal();
    }
  }

  /** Called after a command of {@link #CHANGES} succeeded: seals the state once its transaction has committed. */
  void changed() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      seal();
      return;
    }
    if (TransactionSynchronizationManager.hasResource(PENDING)) {
      return;
    }
    TransactionSynchronizationManager.bindResource(PENDING, Boolean.TRUE);
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCompletion(int status) {
        TransactionSynchronizationManager.unbindResourceIfPossible(PENDING);
        if (status == STATUS_COMMITTED) {
          seal();
        }
      }
    });
  }

  void seal() {
    audit.getObject().record(Event.ACCESS_CONTROL_SEALED, null, "access-control", Outcome.SUCCESS,
        "sm3 " + digest());
  }

  /** What the audit administrator's check finds. */
  record Check(boolean intact, String current, String sealed, Instant sealedAt, Long sealRow, String problem) {}

  Check check() {
    String current = digest();
    List<Object[]> last = jdbc.query("""
        select id, occurred_at, detail from security_audit where event = 'ACCESS_CONTROL_SEALED'
        and outcome = 'SUCCESS' order by id desc fetch first 1 rows only""", (rs, i) -> new Object[] {rs.getLong(1),
        rs.getTimestamp(2).toInstant(), rs.getString(3)});
    if (last.isEmpty()) {
      return new Check(false, current, null, null, null, "尚无访问控制信息的封存记录 (no seal recorded yet)");
    }
    String sealed = ((String) last.get(0)[2]).replaceFirst("^sm3 ", "");
    boolean intact = sealed.equals(current);
    return new Check(intact, current, sealed, (Instant) last.get(0)[1], (Long) last.get(0)[0], intact ? null
        : "访问控制信息与最近一次封存不符：有组、成员关系或授权未经平台变更 (the access-control state differs from its "
            + "last seal: a group, membership or authorization changed outside the engine)");
  }

  /** SM3 over the access-control state, each item one line, in a fixed order. */
  String digest() {
    Sm3.Stream digest = new Sm3.Stream();
    jdbc.query("select id_, coalesce(type_, '') from act_id_group order by id_",
        rs -> { digest.line("G|" + rs.getString(1) + "|" + rs.getString(2)); });
    jdbc.query("select user_id_, group_id_ from act_id_membership order by user_id_, group_id_",
        rs -> { digest.line("M|" + rs.getString(1) + "|" + rs.getString(2)); });
    jdbc.query("""
        select tenant_id_, coalesce(user_id_, ''), coalesce(group_id_, '') from act_id_tenant_member
        order by tenant_id_, user_id_, group_id_""",
        rs -> { digest.line("T|" + rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3)); });
    jdbc.query("""
        select type_, coalesce(group_id_, ''), coalesce(user_id_, ''), resource_type_, coalesce(resource_id_, ''),
          perms_ from act_ru_authorization
        where resource_type_ not in (?, ?) and root_proc_inst_id_ is null
        order by resource_type_, resource_id_, group_id_, user_id_, type_, perms_""",
        rs -> { digest.line("A|" + rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|"
            + rs.getInt(4) + "|" + rs.getString(5) + "|" + rs.getInt(6)); },
        Resources.TASK.resourceType(), Resources.HISTORIC_TASK.resourceType());
    return digest.hex();
  }
}
