package cn.beijing.carboninclusion.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues e-mail notices in the transaction of the change they report: if the change rolls back, no notice
 * exists; once it commits, the notice is kept until it is sent. Templates are Chinese, in
 * {@code messages/notifications.properties} ({@code <template>.subject}, {@code <template>.body}).
 */
@Service
public class NotificationService {
  static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

  private final Notifications notifications;
  private final MessageSource templates;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  public NotificationService(Notifications notifications, MessageSource templates, ApplicationEventPublisher events,
      Clock clock) {
    this.notifications = notifications;
    this.templates = templates;
    this.events = events;
    this.clock = clock;
  }

  /** Renders {@code template} with {@code args} and queues it for {@code recipient} (skipped when blank). */
  @Transactional(propagation = Propagation.MANDATORY)
  public void enqueue(String recipient, String template, Object... args) {
    enqueueOnce(null, recipient, template, args);
  }

  /**
   * As {@link #enqueue}, but queues nothing when a notice of this {@code key} was already queued ({@code null}: no
   * key, always queued).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void enqueueOnce(String key, String recipient, String template, Object... args) {
    if (recipient == null || recipient.isBlank() || (key != null && notifications.existsByIdempotencyKey(key))) {
      return;
    }
    String subject = templates.getMessage(template + ".subject", args, CHINESE);
    String body = templates.getMessage(template + ".body", args, CHINESE);
    Notification notification = new Notification(recipient, template, subject, body, Instant.now(clock));
    notification.keyed(key);
    events.publishEvent(new NotificationQueued(notifications.save(notification).getId()));
  }

  /** Published inside the transaction; the sender acts on it after commit. */
  public record NotificationQueued(Long notificationId) {}
}
