package cn.beijing.carboninclusion.kpi;

import java.util.Set;
import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * The Cockpit plugin "碳普惠 运行指标": a dashboard of the scheme's KPIs on Cockpit's start page. Cockpit finds it
 * through {@code META-INF/services/org.camunda.bpm.cockpit.plugin.spi.CockpitPlugin}, serves its front end
 * ({@code plugin-webapp/carbon-kpi/app/plugin.js} on the classpath) under
 * {@code /camunda/api/cockpit/plugin/carbon-kpi/static/app/plugin.js} and its data from {@link KpiCockpitResource}.
 */
public class KpiCockpitPlugin extends AbstractCockpitPlugin {
  public static final String ID = "carbon-kpi";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(KpiCockpitResource.class);
  }
}
