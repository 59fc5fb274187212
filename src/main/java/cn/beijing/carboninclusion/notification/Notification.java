package cn.beijing.carboninclusion.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;

/** One e-mail notice in the outbox, rendered when queued so later template edits never change it. */
@Entity
@Table(name = "notification")
public class Notification {

  /** KEPT: no mail server is configured; the notice stays in the outbox for the administrators to read. */
  public enum Status { PENDING, SENDING, SENT, FAILED, KEPT }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  /** Null once the notice's retention period has passed (docs/personal-data.md). */
  @Column(updatable = false)
  private String recipient;
  @Column(nullable = false, updatable = false)
  private String template;
  @Column(nullable = false, updatable = false)
  private String subject;
  /** Null once the notice's retention period has passed: it greets the addressee by name. */
  @Column(updatable = false)
  private String body;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;
  @Column(nullable = false)
  private int attempts;
  @Column(name = "next_attempt_at", nullable = false)
  private Instant nextAttemptAt;
  @Column(name = "last_error")
  private String lastError;
  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;
  @Column(name = "sent_at")
  private Instant sentAt;
  @Column(name = "idempotency_key", updatable = false)
  private String idempotencyKey;
  @Version
  @Column(name = "lock_version")
  private long lockVersion;

  protected Notification() {}

  Notification(String recipient, String template, String subject, String body, Instant now) {
    this.recipient = recipient;
    this.template = template;
    this.subject = subject;
    this.body = body;
    this.status = Status.PENDING;
    this.nextAttemptAt = now;
    this.createdAt = now;
  }

  void keyed(String key) {
    this.idempotencyKey = key;
  }

  void sent(Instant at) {
    status = Status.SENT;
    sentAt = at;
    lastError = null;
  }

  /** No mail server: kept in the outbox, never sent (a server configured later sends only new notices). */
  void kept(Instant at) {
    status = Status.KEPT;
    nextAttemptAt = at;
  }

  /** A failed attempt: try again after an exponential backoff, or give up for an operator to see. */
  void failed(String error, Instant now, int maxAttempts, Duration initialBackoff) {
    lastError = error == null ? "unknown" : error.substring(0, Math.min(error.length(), 1000));
    if (attempts >= maxAttempts) {
      status = Status.FAILED;
    } else {
      status = Status.PENDING;
      nextAttemptAt = now.plus(initialBackoff.multipliedBy(1L << Math.min(attempts - 1, 16)));
    }
  }

  public Long getId() { return id; }
  public String getRecipient() { return recipient; }
  public String getTemplate() { return template; }
  public String getSubject() { return subject; }
  public String getBody() { return body; }
  public Status getStatus() { return status; }
  public int getAttempts() { return attempts; }
  public Instant getNextAttemptAt() { return nextAttemptAt; }
  public String getLastError() { return lastError; }
  public Instant getSentAt() { return sentAt; }
  public Instant getCreatedAt() { return createdAt; }
}
