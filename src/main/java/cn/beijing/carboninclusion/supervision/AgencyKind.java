package cn.beijing.carboninclusion.supervision;

/** Kinds of service agency (服务机构). */
public enum AgencyKind {
  /** 审计机构: audits the use of a project's revenue (审计报告). */
  AUDITOR("审计机构"),
  /** 核查机构: verifies monitoring data and reductions. */
  VERIFIER("核查机构");

  private final String label;

  AgencyKind(String label) { this.label = label; }

  public String label() { return label; }
}
