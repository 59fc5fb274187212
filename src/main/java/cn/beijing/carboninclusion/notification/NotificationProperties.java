package cn.beijing.carboninclusion.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code carbon-inclusion.notification.*}: sender address, retry policy (attempts, first backoff doubling per
 * attempt, how often the outbox is scanned), and how long a notice claimed by a sender stays claimed before another
 * node takes it over (its sender died while sending: {@code stale-claim}).
 */
@ConfigurationProperties(prefix = "carbon-inclusion.notification")
public record NotificationProperties(String from, int maxAttempts, Duration initialBackoff, Duration retryInterval,
    Duration staleClaim) {
  public NotificationProperties {
    if (from == null || from.isBlank()) {
      from = "noreply@carbon-inclusion.example";
    }
    if (maxAttempts < 1) {
      maxAttempts = 8;
    }
    if (initialBackoff == null) {
      initialBackoff = Duration.ofMinutes(1);
    }
    if (retryInterval == null) {
      retryInterval = Duration.ofSeconds(30);
    }
    if (staleClaim == null) {
      staleClaim = Duration.ofMinutes(10);
    }
  }
}
