package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.common.CaseHistory;

/** Lifecycle of a reduction application (DOMAIN.md), with its holds while the project is suspended. */
public enum ReductionStatus implements CaseHistory.Status {
  DRAFT("草稿"), SUBMITTED("已提交"), UNDER_REVIEW("审核中"), ON_HOLD("暂停办理"), APPROVED("审核通过"),
  REGISTERED("已登记"), REJECTED("不予登记"), WITHDRAWN("已撤回"), TERMINATED("已终止");

  private final String label;

  ReductionStatus(String label) { this.label = label; }

  public String label() { return label; }

  /** Counts against overlapping monitoring periods and double claiming. */
  public boolean claims() {
    return this != REJECTED && this != WITHDRAWN && this != TERMINATED && this != DRAFT;
  }
}
