package cn.beijing.carboninclusion.notification;

import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.PageRequest;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends queued notices: right after the queuing transaction commits, and again on a schedule for those that
 * failed or were queued while mail was down. A send never runs inside a case's transaction, so a mail outage
 * never fails a case. A notice is claimed before sending, so two nodes never both send it.
 *
 * <p>With no mail server configured ({@code spring.mail.host} empty, the default start), nothing is sent: each notice
 * is kept in the outbox ({@link Notification.Status#KEPT}) for the administrators to read ({@code GET
 * /api/admin/notices}, the Cockpit panel 邮件通知发件箱), and the start says so once, not a warning per notice.
 */
@Component
class NotificationSender {
  private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);
  private static final int BATCH = 50;

  private final Notifications notifications;
  private final JavaMailSender mail;
  private final NotificationProperties properties;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final boolean mailConfigured;

  NotificationSender(Notifications notifications, JavaMailSender mail, NotificationProperties properties,
      PlatformTransactionManager transactionManager, Clock clock, @Value("${spring.mail.host:}") String mailHost) {
    this.notifications = notifications;
    this.mail = mail;
    this.properties = properties;
    this.tx = new TransactionTemplate(transactionManager);
    this.clock = clock;
    this.mailConfigured = mailHost != null && !mailHost.isBlank();
    if (!mailConfigured) {
      log.info("No mail server configured (spring.mail.host / MAIL_HOST): notices are kept in the outbox, "
          + "GET /api/admin/notices and Cockpit (docs/operations.md)");
    }
  }

  /** Whether notices are sent (a mail server is configured) or kept in the outbox. */
  boolean mailConfigured() {
    return mailConfigured;
  }

  @Async
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  public void onQueued(NotificationService.NotificationQueued event) {
    if (!mailConfigured) {
      Instant now = Instant.now(clock);
      tx.executeWithoutResult(s -> notifications.findById(event.notificationId()).ifPresent(n -> n.kept(now)));
      return;
    }
    send(event.notificationId());
  }

  @Scheduled(fixedDelayString = "${carbon-inclusion.notification.retry-interval:PT30S}",
      initialDelayString = "${carbon-inclusion.notification.retry-interval:PT30S}")
  public void retryDue() {
    if (!mailConfigured) {
      return;
    }
    Instant now = Instant.now(clock);
    tx.executeWithoutResult(s -> notifications.releaseStale(now.minus(properties.staleClaim())));
    for (Long id : notifications.findDue(now, PageRequest.of(0, BATCH))) {
      send(id);
    }
  }

  /** One attempt at one notice; true when it was sent by this call. */
  boolean send(Long id) {
    Boolean claimed = tx.execute(s -> notifications.claim(id, Instant.now(clock)) == 1);
    if (!Boolean.TRUE.equals(claimed)) {
      return false;
    }
    Notification notification = notifications.findById(id).orElseThrow();
    try {
      MimeMessage message = mail.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
      helper.setFrom(properties.from());
      helper.setTo(notification.getRecipient());
      helper.setSubject(notification.getSubject());
      helper.setText(notification.getBody());
      // one Message-ID per notice: a notice sent again after its sender died between the mail server's acceptance
      // and the SENT mark (at least once, docs/operations.md) is the same message to the recipient's mail client
      message.setHeader("X-Carbon-Notice", String.valueOf(id));
      message.setHeader("Message-ID", "<notice-" + id + "." + properties.from().replaceAll("^.*@", "") + ">");
      mail.send(message);
      tx.executeWithoutResult(s -> notifications.findById(id).ifPresent(n -> n.sent(Instant.now(clock))));
      return true;
    } catch (Exception e) {
      // the log names the notice, never its address (docs/personal-data.md): an operator reads it from the outbox
      log.warn("notice {} not sent (attempt {}): {}", id, notification.getAttempts(),
          withoutAddress(e.getMessage(), notification.getRecipient()));
      tx.executeWithoutResult(s -> notifications.findById(id).ifPresent(n -> n.failed(e.getMessage(),
          Instant.now(clock), properties.maxAttempts(), properties.initialBackoff())));
      return false;
    }
  }

  /** The error's text with the recipient's address (which mail servers echo) replaced. */
  static String withoutAddress(String text, String recipient) {
    if (text == null || recipient == null || recipient.isBlank()) {
      return text;
    }
    return java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(recipient),
        java.util.regex.Pattern.CASE_INSENSITIVE).matcher(text).replaceAll("<recipient>");
  }
}
