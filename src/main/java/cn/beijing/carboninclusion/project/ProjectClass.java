package cn.beijing.carboninclusion.project;

/** 一类项目 (level-1 methodology, registered after review) and 二类项目 (disclosure only, never issued reductions). */
public enum ProjectClass {
  CLASS_I("一类项目"), CLASS_II("二类项目");

  private final String label;

  ProjectClass(String label) { this.label = label; }

  public String label() { return label; }
}
