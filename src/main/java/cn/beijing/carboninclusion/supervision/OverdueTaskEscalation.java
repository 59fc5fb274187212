package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.notification.CaseNotices;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Escalates reviewer tasks past their (working-day) due date: the assignee, or every member of the candidate
 * groups, and the bureau are told once per task by e-mail. The task id's row in {@code task_escalation} makes the
 * notice go out once, also with several nodes.
 */
@Component
public class OverdueTaskEscalation {
  private static final Logger log = LoggerFactory.getLogger(OverdueTaskEscalation.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

  private final TaskService taskService;
  private final IdentityService identityService;
  private final CaseNotices notices;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final ZoneId zone;

  public OverdueTaskEscalation(TaskService taskService, IdentityService identityService, CaseNotices notices,
      JdbcTemplate jdbc, TransactionTemplate tx, Clock clock,
      @Value("${carbon-inclusion.calendar.zone:Asia/Shanghai}") ZoneId zone) {
    this.taskService = taskService;
    this.identityService = identityService;
    this.notices = notices;
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
    this.zone = zone;
  }

  /** Every {@code carbon-inclusion.escalation.interval} (default 15 minutes). */
  @Scheduled(fixedDelayString = "${carbon-inclusion.escalation.interval:PT15M}",
      initialDelayString = "${carbon-inclusion.escalation.interval:PT15M}")
  public void escalateOverdue() {
    List<Task> overdue = taskService.createTaskQuery().dueBefore(Date.from(Instant.now(clock))).active().list();
    int escalated = 0;
    for (Task task : overdue) {
      try {
        if (Boolean.TRUE.equals(tx.execute(status -> escalate(task)))) {
          escalated++;
        }
      } catch (DataIntegrityViolationException concurrent) {
        // another node escalated this task at the same moment
      }
    }
    if (escalated > 0) {
      log.info("escalated {} overdue task(s)", escalated);
    }
  }

  private boolean escalate(Task task) {
    int claimed = jdbc.update("""
        insert into task_escalation (task_id, task_name, due_date, escalated_at)
        select ?, ?, ?, ? where not exists (select 1 from task_escalation where task_id = ?)""",
        task.getId(), task.getName(), task.getDueDate().toInstant().atOffset(java.time.ZoneOffset.UTC),
        Instant.now(clock).atOffset(java.time.ZoneOffset.UTC), task.getId());
    if (claimed == 0) {
      return false;
    }
    Map<String, User> recipients = new LinkedHashMap<>();
    if (task.getAssignee() != null) {
      identityService.createUserQuery().userId(task.getAssignee()).list().forEach(u -> recipients.put(u.getId(), u));
    } else {
      for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
        if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
          identityService.createUserQuery().memberOfGroup(link.getGroupId()).list()
              .forEach(u -> recipients.put(u.getId(), u));
        }
      }
    }
    identityService.createUserQuery().memberOfGroup(Groups.BUREAU).list().forEach(u -> recipients.put(u.getId(), u));
    Object caseName = firstNonNull(taskService.getVariable(task.getId(), "projectName"),
        taskService.getVariable(task.getId(), "methodologyName"));
    String due = DAY.format(task.getDueDate().toInstant().atZone(zone));
    recipients.values().forEach(user -> notices.taskEscalated(user.getEmail(), user.getLastName() + user.getFirstName(),
        task.getName(), caseName == null ? "—" : caseName.toString(), due));
    return true;
  }

  private static Object firstNonNull(Object a, Object b) {
    return a != null ? a : b;
  }
}
