package cn.beijing.carboninclusion.registry;

/** 消纳 purposes of issued reductions (DOMAIN.md, Ch.4). */
public enum RetirementPurpose {
  /** 北京市碳排放权交易抵销: a covered entity's compliance offset, at most a share of its verified emissions. */
  ETS_OFFSET("碳市场履约抵销"),
  /** 机构碳中和. */
  ORGANISATION_NEUTRALITY("机构碳中和"),
  /** 大型活动碳中和. */
  EVENT_NEUTRALITY("大型活动碳中和"),
  /** 自愿注销. */
  VOLUNTARY("自愿注销"),
  /** 生态环境损害赔偿. */
  ECOLOGICAL_COMPENSATION("生态环境损害赔偿");

  private final String label;

  RetirementPurpose(String label) { this.label = label; }

  public String label() { return label; }

  /** Whether a retirement for this purpose must name its beneficiary. */
  public boolean requiresBeneficiary() {
    return this == ORGANISATION_NEUTRALITY || this == EVENT_NEUTRALITY || this == ECOLOGICAL_COMPENSATION;
  }
}
