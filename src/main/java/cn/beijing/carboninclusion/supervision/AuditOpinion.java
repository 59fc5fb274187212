package cn.beijing.carboninclusion.supervision;

/** The audit firm's opinion on the use of revenue (审计意见类型), as in an auditor's report. */
public enum AuditOpinion {
  UNQUALIFIED("无保留意见"),
  QUALIFIED("保留意见"),
  ADVERSE("否定意见"),
  DISCLAIMER("无法表示意见");

  private final String label;

  AuditOpinion(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
