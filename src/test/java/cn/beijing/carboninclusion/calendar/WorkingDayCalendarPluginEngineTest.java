package cn.beijing.carboninclusion.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the plugin inside a real in-memory process engine (H2, no Spring). */
class WorkingDayCalendarPluginEngineTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final String TIMER_PROCESS = "workingDayTimer";
  private static final String TASK_PROCESS = "workingDayTask";

  private static ProcessEngine engine;

  @BeforeAll
  static void buildEngine() {
    WorkingDayCalendar workingDays = new WorkingDayCalendar(HolidayCalendar.fromClasspath(), SHANGHAI);
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setJdbcUrl("jdbc:h2:mem:caltest;DB_CLOSE_DELAY=-1");
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
    configuration.setJobExecutorActivate(false);
    configuration.setHistory(ProcessEngineConfiguration.HISTORY_NONE);
    configuration.setProcessEngineName("working-day-calendar-test");
    configuration.getProcessEnginePlugins().add(new WorkingDayCalendarPlugin(workingDays));
    engine = configuration.buildProcessEngine();

    engine.getRepositoryService().createDeployment()
        .addModelInstance(TIMER_PROCESS + ".bpmn", timerProcess())
        .addModelInstance(TASK_PROCESS + ".bpmn", userTaskProcess())
        .deploy();
  }

  @AfterAll
  static void closeEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void pluginInstallsWorkingDayCalendarsAndKeepsCycleCalendar() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getBusinessCalendarManager().getBusinessCalendar("duration"))
        .isInstanceOf(WorkingDayBusinessCalendar.class);
    assertThat(configuration.getBusinessCalendarManager().getBusinessCalendar("dueDate"))
        .isInstanceOf(WorkingDayBusinessCalendar.class);
    assertThat(configuration.getBusinessCalendarManager().getBusinessCalendar("cycle"))
        .isExactlyInstanceOf(CycleBusinessCalendar.class);
  }

  @Test
  void timerWithWorkingDayDurationFromWednesday() {
    // Wed 2025-04-30 10:00 Beijing; 5-01..5-05 off: Tue 5-06 (1), Wed 5-07 (2), Thu 5-08 (3)
    ClockUtil.setCurrentTime(at(2025, 4, 30, 10, 0));

    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(TIMER_PROCESS);

    Job timer = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    assertThat(timer.getDuedate()).isEqualTo(at(2025, 5, 8, 10, 0));
  }

  @Test
  void timerWithWorkingDayDurationFromOrdinaryWednesday() {
    // Wed 2025-03-12 10:00 Beijing: Thu (1), Fri (2), weekend skipped, Mon 3-17 (3)
    ClockUtil.setCurrentTime(at(2025, 3, 12, 10, 0));

    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(TIMER_PROCESS);

    Job timer = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    assertThat(timer.getDuedate()).isEqualTo(at(2025, 3, 17, 10, 0));
  }

  @Test
  void userTaskDueDateInWorkingDays() {
    // Thu 2026-02-12 09:00 Beijing: Fri 2-13 (1), Sat 2-14 make-up day (2)
    ClockUtil.setCurrentTime(at(2026, 2, 12, 9, 0));

    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(TASK_PROCESS);

    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(task.getDueDate()).isEqualTo(at(2026, 2, 14, 9, 0));
  }

  private static BpmnModelInstance timerProcess() {
    return Bpmn.createExecutableProcess(TIMER_PROCESS)
        .startEvent()
        .intermediateCatchEvent("waitThreeWorkingDays").timerWithDuration("P3WD")
        .endEvent()
        .done();
  }

  private static BpmnModelInstance userTaskProcess() {
    return Bpmn.createExecutableProcess(TASK_PROCESS)
        .startEvent()
        .userTask("review").camundaDueDate("P2WD")
        .endEvent()
        .done();
  }

  private static Date at(int year, int month, int day, int hour, int minute) {
    return Date.from(ZonedDateTime.of(year, month, day, hour, minute, 0, 0, SHANGHAI).toInstant());
  }
}
