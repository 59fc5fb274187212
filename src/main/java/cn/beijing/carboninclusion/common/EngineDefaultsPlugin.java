package cn.beijing.carboninclusion.common;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.springframework.stereotype.Component;

/**
 * Engine settings the starter has no property for. Auto-deployment deploys only changed resources, so an
 * unchanged restart creates no new version and a changed model gets a new version alone (its running cases
 * stay on theirs).
 */
@Component
class EngineDefaultsPlugin extends AbstractProcessEnginePlugin {
  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration instanceof SpringProcessEngineConfiguration spring) {
      spring.setDeployChangedOnly(true);
    }
  }
}
