package cn.beijing.carboninclusion.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code carbon-inclusion.notification.*}: sender address, retry policy (attempts, first backoff doubling per
 * attempt, how often the outbox is scanned).
 */
@ConfigurationProperties(prefix = "carbon-inclusion.notification")
public record NotificationProperties(String from, int maxAttempts, Duration initialBackoff, Duration retryInterval) {
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
  }
}
