package cn.beijing.carboninclusion.decision;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * An effect (registration, issuance, publication, retirement, restoration) whose statutory decisions are not on record
 * for its case. Effects run after an asynchronous continuation, so the refusal fails the job, which is not retried
 * ({@link EffectRefusalIncidents}): it stands at once as an incident in Cockpit with this message, and nothing of the
 * effect is written.
 */
public class EffectRefused extends ProcessEngineException {
  public EffectRefused(String message) {
    super(message);
  }
}
