package cn.beijing.carboninclusion.supervision;

/** What a spot check inspects: a registered Class I project or a recorded service agency. */
enum SpotCheckSubjectKind {
  PROJECT("项目"), AGENCY("服务机构");

  private final String label;

  SpotCheckSubjectKind(String label) { this.label = label; }

  String label() { return label; }
}
