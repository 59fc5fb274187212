package cn.beijing.carboninclusion.methodology;

import cn.beijing.carboninclusion.common.CaseHistory;

/** Lifecycle of a methodology version (DOMAIN.md). */
public enum MethodologyStatus implements CaseHistory.Status {
  DRAFT("草稿"), UNDER_REVIEW("审查中"), PUBLIC_COMMENT("征求意见"), EFFECTIVE("有效"),
  UNDER_EVALUATION("评估中"), REVISED("已修订"), RETIRED("已废止"), REJECTED("未通过");

  private final String label;

  MethodologyStatus(String label) { this.label = label; }

  public String label() { return label; }
}
