package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.CaseHistory;

/** Where a change request stands. Only FILED, AWAITING_ACCEPTANCE and UNDER_REVIEW are undecided. */
public enum ProjectChangeStatus implements CaseHistory.Status {
  FILED("已提交"), AWAITING_ACCEPTANCE("待受让方确认"), UNDER_REVIEW("审查中"), APPLIED("已变更"), REJECTED("不予变更"),
  REFUSED("受让方拒绝"), INCOMPLETE("材料不全，未变更"), TERMINATED("项目注销，变更终止");

  private final String label;

  ProjectChangeStatus(String label) { this.label = label; }

  public String label() { return label; }

  public boolean isOpen() {
    return this == FILED || this == AWAITING_ACCEPTANCE || this == UNDER_REVIEW;
  }
}
