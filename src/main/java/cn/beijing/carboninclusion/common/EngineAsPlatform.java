package cn.beijing.carboninclusion.common;

import java.util.concurrent.Callable;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.springframework.stereotype.Component;

/**
 * Runs engine calls of the platform API without the engine's authorization checks, still as the authenticated
 * user (who is recorded as initiator, in history and in the audit trail). The platform services decide first
 * whether the caller may act on the case — its own case, the right status — which the engine's resource
 * permissions cannot express; developers therefore get no engine permissions to start or change instances
 * through {@code /engine-rest}.
 */
@Component
public class EngineAsPlatform {
  private final ProcessEngineConfigurationImpl configuration;

  public EngineAsPlatform(ProcessEngineConfiguration configuration) {
    this.configuration = (ProcessEngineConfigurationImpl) configuration;
  }

  public <T> T call(Callable<T> work) {
    Command<T> command = commandContext -> commandContext.runWithoutAuthorization(work);
    return configuration.getCommandExecutorTxRequired().execute(command);
  }

  /**
   * Like {@link #call} in a transaction of its own, committed when the work returns: for engine writes that must not
   * depend on the caller's transaction (which may be read-only, or roll back).
   */
  public <T> T callInNewTransaction(Callable<T> work) {
    Command<T> command = commandContext -> commandContext.runWithoutAuthorization(work);
    return configuration.getCommandExecutorTxRequiresNew().execute(command);
  }

  public void run(Runnable work) {
    call(() -> {
      work.run();
      return null;
    });
  }
}
