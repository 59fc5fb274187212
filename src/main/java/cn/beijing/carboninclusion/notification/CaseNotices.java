package cn.beijing.carboninclusion.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The notices the platform sends about cases, in the words of the Chinese templates. */
@Component
public class CaseNotices {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

  private final NotificationService notifications;
  private final Clock clock;
  private final ZoneId zone;
  private final String platformUrl;

  public CaseNotices(NotificationService notifications, Clock clock,
      @Value("${carbon-inclusion.calendar.zone:Asia/Shanghai}") ZoneId zone,
      @Value("${carbon-inclusion.public-base-url:http://localhost:8080}") String platformUrl) {
    this.notifications = notifications;
    this.clock = clock;
    this.zone = zone;
    this.platformUrl = platformUrl;
  }

  /** Tells {@code addressee} at {@code recipient} that a case changed from one status label to another. */
  public void statusChanged(String recipient, String addressee, String caseKind, String caseName, String fromLabel,
      String toLabel, String reason) {
    step(null, true, recipient, addressee, caseKind, caseName, fromLabel, toLabel, reason, clock.instant());
  }

  /**
   * The notice of a case step taken {@code at}, queued once per {@code key} (the step's event and the recipient): a
   * redelivered step queues nothing; a {@code null} key queues it always.
   */
  public void step(String key, boolean statusChanged, String recipient, String addressee, String caseKind,
      String caseName, String fromLabel, String toLabel, String detail, Instant at) {
    String time = TIME.format(at.atZone(zone));
    String text = detail == null || detail.isBlank() ? "无" : detail;
    if (statusChanged) {
      notifications.enqueueOnce(key, recipient, "case-status-changed", caseKind, caseName, toLabel, addressee,
          fromLabel == null ? "—" : fromLabel, text, time, platformUrl);
    } else {
      notifications.enqueueOnce(key, recipient, "case-update", caseKind, caseName, toLabel, addressee, text, time,
          platformUrl);
    }
  }

  /** Tells {@code addressee} of something that happened on a case without changing its status. */
  public void caseUpdate(String recipient, String addressee, String caseKind, String caseName, String headline,
      String detail) {
    step(null, false, recipient, addressee, caseKind, caseName, null, headline, detail, clock.instant());
  }

  /** Tells a reviewer (or the bureau) that a task passed its due date. */
  public void taskEscalated(String recipient, String addressee, String taskName, String caseName, String dueDate) {
    notifications.enqueue(recipient, "task-escalated", taskName, caseName, dueDate, addressee,
        platformUrl + "/camunda/app/tasklist/");
  }
}
