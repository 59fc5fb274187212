package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.CaseHistory;

/**
 * Lifecycle of a project (DOMAIN.md). Class II projects are RECORDED on filing and DISCLOSED once their information is
 * published.
 */
public enum ProjectStatus implements CaseHistory.Status {
  SUBMITTED("已提交"), UNDER_REVIEW("技术评估中"), SUPPLEMENT_REQUESTED("待补正"), IN_PUBLICITY("公示中"),
  REGISTERED("已登记"), SUSPENDED("已暂停"), CANCELLED("已注销"), REJECTED("不予登记"), WITHDRAWN("已撤回"),
  RECORDED("已备案"), DISCLOSED("已公开");

  /** An application still in progress: the developer may withdraw it. */
  public boolean isPending() {
    return this == SUBMITTED || this == UNDER_REVIEW || this == SUPPLEMENT_REQUESTED || this == IN_PUBLICITY;
  }

  private final String label;

  ProjectStatus(String label) { this.label = label; }

  public String label() { return label; }
}
