package cn.beijing.carboninclusion.decision;

/**
 * Who may act on a task of a case, beyond its candidate group: separation of duties and conflicts of interest. The
 * supervision capability answers; {@link TaskDoor} asks on every route that hands a task to someone or ends it.
 */
public interface CaseDuties {
  /**
   * Why {@code userId} may not act on the task ({@code completing} it, or taking it over), or {@code null}; a refusal is
   * written to the case's audit trail, where it stays although the refused act rolls back.
   */
  String refusal(String taskId, String userId, boolean completing);

  /** {@code userId} ended the task (a decision accepted by the door): the stage the person acted at in this case. */
  void acted(String taskId, String userId);
}
