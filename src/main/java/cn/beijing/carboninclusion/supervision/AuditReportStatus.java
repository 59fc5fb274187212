package cn.beijing.carboninclusion.supervision;

/** Where the audit report of one audit period of a project stands. */
public enum AuditReportStatus {
  OPEN("审计期进行中"),
  DUE("待提交"),
  FILED("已提交待审核"),
  ACCEPTED("合格并公开"),
  REJECTED("不合格"),
  OVERDUE("逾期未提交"),
  RECTIFIED("已整改"),
  CLOSED("项目已注销，义务终止");

  private final String label;

  AuditReportStatus(String label) { this.label = label; }

  public String label() { return label; }

  /** An obligation not met and not yet settled by a passed rectification. */
  public boolean unmet() { return this == REJECTED || this == OVERDUE; }
}
