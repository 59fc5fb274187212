package cn.beijing.carboninclusion.project;

import java.util.List;

/**
 * What a change request of a registered project changes, and the request fields each kind carries. Whether a kind is
 * minor or major is not decided here: the DMN table {@code ProjectChangeClassification} decides it, so administrators
 * can adjust it without a release.
 */
public enum ChangeKind {
  CONTACT("联系方式", List.of("contactName", "contactPhone", "contactEmail"), List.of()),
  ADDRESS("项目地址", List.of("address"), List.of("address")),
  IMPLEMENTATION_PLAN("组织实施方案（收益分配）", List.of("revenuePlan", "revenueReturnRatio"), List.of("revenuePlan")),
  REVENUE_SHARE("收益返还比例", List.of("revenueReturnRatio"), List.of("revenueReturnRatio")),
  PARTICIPANT_SCOPE("参与者范围", List.of("participantScope"), List.of("participantScope")),
  MONITORING_PLAN("监测计划", List.of("monitoringPlan"), List.of("monitoringPlan")),
  DEVELOPER_TRANSFER("项目开发方变更（转让）", List.of("newDeveloperCreditCode"), List.of("newDeveloperCreditCode"));

  private final String label;
  private final List<String> fields;
  private final List<String> required;

  ChangeKind(String label, List<String> fields, List<String> required) {
    this.label = label;
    this.fields = fields;
    this.required = required;
  }

  public String label() { return label; }

  /** The request fields this kind of change may carry. */
  public List<String> fields() { return fields; }

  /** The fields it must carry (a contact change needs at least one of its fields). */
  public List<String> required() { return required; }
}
