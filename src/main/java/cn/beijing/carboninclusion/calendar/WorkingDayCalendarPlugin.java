package cn.beijing.carboninclusion.calendar;

import java.util.Objects;

import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Process engine plugin that teaches the engine Chinese working days: the {@code duration}
 * calendar (timer {@code timeDuration}) and the {@code dueDate} calendar (timer {@code timeDate},
 * task due and follow-up dates) accept {@code P<n>WD} through {@link WorkingDayBusinessCalendar};
 * the {@code cycle} calendar stays the engine's {@link CycleBusinessCalendar}, which the engine
 * requires for repeating timers.
 *
 * <p>Picked up automatically as a Spring bean by the Camunda Spring Boot starter; outside Spring,
 * add it to {@code ProcessEngineConfigurationImpl#getProcessEnginePlugins()}.
 */
@Component
public class WorkingDayCalendarPlugin extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(WorkingDayCalendarPlugin.class);

  private final WorkingDayCalendar workingDays;

  public WorkingDayCalendarPlugin(WorkingDayCalendar workingDays) {
    this.workingDays = Objects.requireNonNull(workingDays, "workingDays");
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getBusinessCalendarManager() != null) {
      LOG.warn("Replacing the configured business calendar manager {} with the working-day calendars",
          configuration.getBusinessCalendarManager());
    }
    MapBusinessCalendarManager calendars = new MapBusinessCalendarManager();
    calendars.addBusinessCalendar(DurationBusinessCalendar.NAME,
        new WorkingDayBusinessCalendar(workingDays, new DurationBusinessCalendar()));
    calendars.addBusinessCalendar(DueDateBusinessCalendar.NAME,
        new WorkingDayBusinessCalendar(workingDays, new DueDateBusinessCalendar()));
    calendars.addBusinessCalendar(CycleBusinessCalendar.NAME, new CycleBusinessCalendar());
    configuration.setBusinessCalendarManager(calendars);
    LOG.info("Working-day business calendars installed (zone {})", workingDays.zone());
  }
}
