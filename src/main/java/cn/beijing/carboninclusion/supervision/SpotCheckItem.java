package cn.beijing.carboninclusion.supervision;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A subject drawn in a spot check ({@code rank} in draw order), its drawn inspector and, once inspected, the
 * inspector's conclusion, finding and proposed action (as the validated task completion recorded them) and what
 * followed ({@link Outcome}).
 */
@Entity
@Table(name = "spot_check_item")
class SpotCheckItem {

  /** What followed the inspection. */
  enum Outcome {
    CONFORMING("未发现问题"),
    FINDING_NO_ACTION("发现问题，不另行处理"),
    RECTIFICATION_STARTED("发现问题，已责令暂停并整改"),
    FINDING_RECORDED("发现问题，项目已在整改或不在登记状态，问题记入案卷"),
    BARRED("发现问题，服务机构已禁入"),
    ALREADY_BARRED("发现问题，服务机构已处于禁入期");

    private final String label;

    Outcome(String label) { this.label = label; }

    String label() { return label; }
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "draw_id", nullable = false, updatable = false)
  private Long drawId;
  @Enumerated(EnumType.STRING)
  @Column(name = "subject_kind", nullable = false, updatable = false)
  private SpotCheckSubjectKind subjectKind;
  @Column(name = "subject_id", nullable = false, updatable = false)
  private Long subjectId;
  @Column(name = "subject_name", nullable = false, updatable = false)
  private String subjectName;
  @Column(name = "draw_rank", nullable = false, updatable = false)
  private int rank;
  @Column(updatable = false)
  private String inspector;
  private String conclusion;
  private String finding;
  @Column(name = "proposed_action")
  private String proposedAction;
  @Enumerated(EnumType.STRING)
  private Outcome outcome;
  @Column(name = "task_id")
  private String taskId;
  @Column(name = "decided_at")
  private Instant decidedAt;

  protected SpotCheckItem() {}

  SpotCheckItem(Long drawId, SpotCheckSubjectKind subjectKind, Long subjectId, String subjectName, int rank,
      String inspector) {
    this.drawId = drawId;
    this.subjectKind = subjectKind;
    this.subjectId = subjectId;
    this.subjectName = subjectName;
    this.rank = rank;
    this.inspector = inspector;
  }

  /** The inspector's decision, as the task's validated completion carried it. */
  void inspected(String conclusion, String finding, String proposedAction, String taskId, Instant at) {
    this.conclusion = conclusion;
    this.finding = finding;
    this.proposedAction = proposedAction;
    this.taskId = taskId;
    this.decidedAt = at;
    if ("CONFORMING".equals(conclusion)) {
      this.outcome = Outcome.CONFORMING;
    } else if (!"RECTIFY".equals(proposedAction) && !"BAR".equals(proposedAction)) {
      this.outcome = Outcome.FINDING_NO_ACTION;
    }
  }

  void concluded(Outcome outcome) {
    this.outcome = outcome;
  }

  Long getId() { return id; }
  Long getDrawId() { return drawId; }
  SpotCheckSubjectKind getSubjectKind() { return subjectKind; }
  Long getSubjectId() { return subjectId; }
  String getSubjectName() { return subjectName; }
  int getRank() { return rank; }
  String getInspector() { return inspector; }
  String getConclusion() { return conclusion; }
  String getFinding() { return finding; }
  String getProposedAction() { return proposedAction; }
  Outcome getOutcome() { return outcome; }
  String getTaskId() { return taskId; }
  Instant getDecidedAt() { return decidedAt; }
}
