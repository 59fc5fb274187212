package cn.beijing.carboninclusion.common;

import java.util.Set;

/**
 * The BPMN messages the platform's code correlates. A model may only wait for one of these: the deployment check
 * ({@code ModelReferenceCheck}) refuses a message no code would ever send. A new message is added here and used from
 * here by the code that correlates it.
 */
public final class ProcessMessages {
  public static final String PROJECT_SUSPENDED = "Message_ProjectSuspended";
  public static final String PROJECT_RESTORED = "Message_ProjectRestored";
  public static final String PROJECT_CANCELLED = "Message_ProjectCancelled";
  public static final String OBJECTION_FILED = "Message_ObjectionFiled";
  public static final String APPLICATION_WITHDRAWN = "Message_ApplicationWithdrawn";
  public static final String EVALUATION_REQUESTED = "Message_EvaluationRequested";
  public static final String METHODOLOGY_SUPERSEDED = "Message_MethodologySuperseded";
  public static final String PROJECT_CHANGE_DECIDED = "Message_ProjectChangeDecided";
  /** The bureau starts the year's spot check (双随机、一公开): the start message of {@code SpotCheck}. */
  public static final String SPOT_CHECK_ORDERED = "Message_SpotCheckOrdered";

  public static final Set<String> ALL = Set.of(PROJECT_SUSPENDED, PROJECT_RESTORED, PROJECT_CANCELLED, OBJECTION_FILED,
      APPLICATION_WITHDRAWN, EVALUATION_REQUESTED, METHODOLOGY_SUPERSEDED, PROJECT_CHANGE_DECIDED,
      SPOT_CHECK_ORDERED);

  private ProcessMessages() {}
}
