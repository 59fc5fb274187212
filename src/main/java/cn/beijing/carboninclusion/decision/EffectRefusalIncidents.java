package cn.beijing.carboninclusion.decision;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.stereotype.Component;

/**
 * A refused effect is not a passing fault: retrying cannot make a missing decision appear. When an effect's job fails
 * with {@link EffectRefused} — whoever ran it: the job executor, or an administrator executing it by hand — the job's
 * retries go to zero at once, so the failed-job incident with the refusal's message stands in Cockpit for a manager
 * from the first attempt. Every other failure keeps the engine's retry strategy.
 */
@Component
class EffectRefusalIncidents extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setFailedJobCommandFactory(new Refusals());
  }

  static final class Refusals implements FailedJobCommandFactory {
    @Override
    public Command<Object> getCommand(String jobId, Throwable exception) {
      DefaultJobRetryCmd standard = new DefaultJobRetryCmd(jobId, exception);
      if (!refused(exception)) {
        return standard;
      }
      return context -> {
        standard.execute(context);
        JobEntity job = context.getJobManager().findJobById(jobId);
        if (job != null && job.getRetries() > 0) {
          job.setRetries(0); // creates the failed-job incident, carrying the refusal as its message
        }
        return null;
      };
    }

    static boolean refused(Throwable exception) {
      for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
        if (cause instanceof EffectRefused) {
          return true;
        }
      }
      return false;
    }
  }
}
