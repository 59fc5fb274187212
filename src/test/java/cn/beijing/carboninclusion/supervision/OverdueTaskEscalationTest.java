package cn.beijing.carboninclusion.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.notification.Notification;
import cn.beijing.carboninclusion.notification.Notifications;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A reviewer task past its due date is escalated once to its group and the bureau. */
class OverdueTaskEscalationTest extends PlatformIntegrationTest {
  @Autowired OverdueTaskEscalation escalation;
  @Autowired TaskService taskService;
  @Autowired Notifications notifications;

  private Task task;

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    if (task != null) {
      taskService.deleteTask(task.getId(), true);
    }
  }

  @Test
  void anOverdueGroupTaskIsEscalatedOnceToTheGroupAndTheBureau() {
    task = taskService.newTask();
    task.setName("逾期测试任务");
    task.setDueDate(Date.from(Instant.now().minus(1, ChronoUnit.DAYS)));
    taskService.saveTask(task);
    taskService.addCandidateGroup(task.getId(), "techcenter");

    escalation.escalateOverdue();
    escalation.escalateOverdue();

    for (String reviewer : new String[] {"wangfang", "liuyang", "zhangwei", "lina"}) {
      assertThat(notifications.findByRecipientOrderByIdAsc(reviewer + "@carbon-inclusion.example"))
          .filteredOn(n -> n.getSubject().contains("逾期测试任务"))
          .as(reviewer).singleElement()
          .satisfies(n -> assertThat(n.getSubject()).startsWith("【北京市碳普惠】待办事项已超期"));
    }
    assertThat(notifications.findByRecipientOrderByIdAsc("greentravel@carbon-inclusion.example"))
        .noneMatch(n -> n.getSubject().contains("逾期测试任务"));
  }

  @Test
  void aTaskNotYetDueIsLeftAlone() {
    task = taskService.newTask();
    task.setName("未逾期测试任务");
    task.setDueDate(Date.from(Instant.now().plus(1, ChronoUnit.DAYS)));
    taskService.saveTask(task);
    taskService.addCandidateGroup(task.getId(), "techcenter");
    escalation.escalateOverdue();
    assertThat(notifications.findAll()).map(Notification::getSubject).noneMatch(s -> s.contains("未逾期测试任务"));
  }
}
