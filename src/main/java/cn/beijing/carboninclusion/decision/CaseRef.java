package cn.beijing.carboninclusion.decision;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * The case a process instance works on, from what the platform fixed when it started the instance: methodology
 * processes are keyed by the methodology, a reduction review by its application (the {@code applicationId} the
 * platform started it with, which no client can write afterwards), a spot check ({@code SpotCheck}) by its year, a
 * change proposal ({@code ModelChange}) by its {@code model_change} row,
 * every other process by its project (the business key).
 */
public record CaseRef(String caseType, long caseId) {
  public static final String METHODOLOGY = "METHODOLOGY";
  public static final String REDUCTION = "REDUCTION";
  public static final String PROJECT = "PROJECT";
  public static final String SPOT_CHECK = "SPOT_CHECK";
  public static final String MODEL_CHANGE = "MODEL_CHANGE";

  /** The case of a task's process instance, or {@code null} for a task outside any case. */
  public static CaseRef of(DelegateTask task) {
    return task.getExecution() == null ? null : of(task.getExecution());
  }

  /** The case of an execution's process instance, or {@code null} when it was started without one. */
  public static CaseRef of(DelegateExecution execution) {
    ExecutionEntity instance = ((ExecutionEntity) execution).getProcessInstance();
    String key = instance.getProcessDefinition().getKey();
    if (key.startsWith("Methodology")) {
      return keyed(METHODOLOGY, instance.getBusinessKey());
    }
    if ("ModelChange".equals(key)) {
      return keyed(MODEL_CHANGE, instance.getBusinessKey());
    }
    if ("SpotCheck".equals(key)) {
      return keyed(SPOT_CHECK, instance.getBusinessKey());
    }
    if ("ReductionRegistration".equals(key) && instance.getVariable("applicationId") instanceof Number id) {
      return new CaseRef(REDUCTION, id.longValue());
    }
    return keyed(PROJECT, instance.getBusinessKey());
  }

  private static CaseRef keyed(String type, String businessKey) {
    try {
      return businessKey == null ? null : new CaseRef(type, Long.parseLong(businessKey));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
