package cn.beijing.carboninclusion.admin;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.stereotype.Component;

/**
 * Runs {@link ModelReferenceCheck} before the engine's own deployers, on every deployment path, and
 * {@link ModelChangeHold} after them (a person's deployment is held as a proposal).
 */
@Component
class ModelReferenceCheckPlugin extends AbstractProcessEnginePlugin {
  private final BeanFactory beans;

  ModelReferenceCheckPlugin(BeanFactory beans) {
    this.beans = beans;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<Deployer> preDeployers = configuration.getCustomPreDeployers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreDeployers());
    preDeployers.add(new ModelReferenceCheck(beans));
    configuration.setCustomPreDeployers(preDeployers);
    List<Deployer> postDeployers = configuration.getCustomPostDeployers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostDeployers());
    postDeployers.add(new ModelChangeHold(beans));
    configuration.setCustomPostDeployers(postDeployers);
  }
}
