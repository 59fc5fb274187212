package cn.beijing.carboninclusion.project;

/** Lifecycle of a project (DOMAIN.md); DISCLOSED is a Class II project published on the platform. */
public enum ProjectStatus {
  SUBMITTED("已提交"), UNDER_REVIEW("技术评估中"), SUPPLEMENT_REQUESTED("待补正"), IN_PUBLICITY("公示中"),
  REGISTERED("已登记"), SUSPENDED("已暂停"), CANCELLED("已注销"), REJECTED("不予登记"), WITHDRAWN("已撤回"),
  DISCLOSED("已公开");

  private final String label;

  ProjectStatus(String label) { this.label = label; }

  public String label() { return label; }
}
