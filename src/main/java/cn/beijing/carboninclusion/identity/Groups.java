package cn.beijing.carboninclusion.identity;

/** The Camunda groups of the scheme (DOMAIN.md "Who acts"). */
public final class Groups {
  /** 北京市生态环境局: the competent authority. */
  public static final String BUREAU = "bureau";
  /** 北京市应对气候变化管理事务中心: technical support. */
  public static final String TECHCENTER = "techcenter";
  /** 北京绿色交易所: trading and settlement. */
  public static final String EXCHANGE = "exchange";
  /** 项目开发方: every developer account is a member. */
  public static final String DEVELOPER = "developer";
  /** 方法学评审专家: the expert pool from which methodology review panels are drawn. */
  public static final String EXPERT = "expert";
  /** Platform administrators (Camunda's own admin group): the system administrator of 三员分立. */
  public static final String ADMIN = "camunda-admin";
  /** 安全管理员 (三员分立): accounts, groups, authorizations, lockouts. */
  public static final String SECURITY_ADMIN = "secadmin";
  /** 审计管理员 (三员分立): reads the security audit, changes nothing else. */
  public static final String AUDIT_ADMIN = "auditadmin";
  /** 核查机构: accounts of independent verifiers, each linked to its agency; they see only what they were engaged on. */
  public static final String VERIFIER = "verifier";
  /** 审计机构: accounts of audit firms, each linked to its agency. */
  public static final String AUDITOR = "auditor";
  /** The three administrators' groups, of which no account holds two. */
  public static final java.util.List<String> ADMINISTRATORS = java.util.List.of(ADMIN, SECURITY_ADMIN, AUDIT_ADMIN);

  /** Spring Security authority carried by members of a group. */
  /** The groups the platform creates on every start (see {@code AccessModel}). */
  public static final java.util.Set<String> ALL = java.util.Set.of(BUREAU, TECHCENTER, EXCHANGE, DEVELOPER, EXPERT,
      ADMIN, SECURITY_ADMIN, AUDIT_ADMIN, VERIFIER, AUDITOR);

  public static String authority(String groupId) {
    return "GROUP_" + groupId;
  }

  private Groups() {}
}
