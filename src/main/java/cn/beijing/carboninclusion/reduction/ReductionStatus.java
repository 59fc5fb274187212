package cn.beijing.carboninclusion.reduction;

/** Lifecycle of a reduction application (DOMAIN.md). */
public enum ReductionStatus {
  SUBMITTED("已提交"), UNDER_REVIEW("审核中"), APPROVED("审核通过"), REGISTERED("已登记"), REJECTED("不予登记"),
  WITHDRAWN("已撤回");

  private final String label;

  ReductionStatus(String label) { this.label = label; }

  public String label() { return label; }
}
