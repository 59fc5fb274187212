package cn.beijing.carboninclusion.notification;

import cn.beijing.carboninclusion.common.PublicPage;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox of e-mail notices as the administrators read it ({@code GET /api/admin/notices}, Cockpit's panel
 * 邮件通知发件箱): every notice, newest first, paged, with its status — sent, pending, failed, or kept because no mail
 * server is configured. Recipients and bodies are personal data: only administrators read them, and they are cleared
 * 30 days after sending, failing or keeping ({@code carbon-inclusion.retention.notice-recipient}).
 */
@Component
public class NoticeOutbox {
  /** One notice as listed. */
  public record Entry(long id, Instant createdAt, String status, String template, String subject, String recipient,
      String body, int attempts, String lastError, Instant sentAt) {}

  /** How many notices are in each status, and whether they are being sent at all. */
  public record Summary(boolean mailConfigured, Map<Notification.Status, Long> byStatus) {}

  private final Notifications notifications;
  private final NotificationSender sender;

  NoticeOutbox(Notifications notifications, NotificationSender sender) {
    this.notifications = notifications;
    this.sender = sender;
  }

  /** A page of the outbox, newest first; {@code status} null for every status. */
  @Transactional(readOnly = true)
  public Page<Entry> page(Notification.Status status, int page, int size) {
    var request = PublicPage.of(page, size);
    Page<Notification> rows = status == null ? notifications.findAllByOrderByIdDesc(request)
        : notifications.findByStatusOrderByIdDesc(status, request);
    return rows.map(n -> new Entry(n.getId(), n.getCreatedAt(), n.getStatus().name(), n.getTemplate(),
        n.getSubject(), n.getRecipient(), n.getBody(), n.getAttempts(), n.getLastError(), n.getSentAt()));
  }

  @Transactional(readOnly = true)
  public Summary summary() {
    Map<Notification.Status, Long> counts = new EnumMap<>(Notification.Status.class);
    for (Notification.Status status : Notification.Status.values()) {
      counts.put(status, 0L);
    }
    for (Object[] row : notifications.countByStatus()) {
      counts.put((Notification.Status) row[0], ((Number) row[1]).longValue());
    }
    return new Summary(sender.mailConfigured(), counts);
  }

  /** The statuses by name, for a request parameter. */
  public static List<String> statuses() {
    return List.of(Notification.Status.values()).stream().map(Enum::name).toList();
  }
}
