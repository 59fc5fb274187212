package cn.beijing.carboninclusion.common;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.springframework.stereotype.Component;

/**
 * Engine settings the starter has no property for. Auto-deployment filters duplicates: an unchanged restart creates no
 * new version. When any resource changed, every model and form is deployed again, together (Camunda's default for
 * process applications): each task's form is bound to its model's deployment ({@code formRefBinding="deployment"},
 * checked by {@code admin.ModelReferenceCheck}), so a model and the forms it was released with always come as one,
 * and a changed form reaches new cases through a new version of its model. Running cases stay on their versions.
 */
@Component
class EngineDefaultsPlugin extends AbstractProcessEnginePlugin {
  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration instanceof SpringProcessEngineConfiguration spring) {
      spring.setDeployChangedOnly(false);
    }
  }
}
