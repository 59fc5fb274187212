package cn.beijing.carboninclusion.supervision;

/** What the bureau found that suspends a Class I project (Chapter 5: 暂停减排量登记并要求整改). */
public enum FindingKind {
  DESIGN_DEPARTURE("与项目设计文件不符"),
  PLAN_DEPARTURE("与组织实施方案不符"),
  REVENUE_RETURN_LOW("收益返还比例低于规定"),
  AUDIT_REPORT("审计报告逾期或不合格"),
  DATA_QUALITY("数据质量问题"),
  SPOT_CHECK("双随机抽查发现问题");

  private final String label;

  FindingKind(String label) { this.label = label; }

  public String label() { return label; }
}
