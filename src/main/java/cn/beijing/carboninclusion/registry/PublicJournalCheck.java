package cn.beijing.carboninclusion.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The journal's verification as the public reads it ({@code GET /api/public/registry/journal/verify}, the portal's
 * registry page): the whole chain is recomputed, but at most once per
 * {@code carbon-inclusion.registry.public-verification-max-age} (default five minutes; a million entries take about
 * ten seconds of one core). An answer older than that is still given while one background thread walks the chain
 * again, so a public request never waits for a walk of a million entries; the answer's {@code checkedAt} says when it
 * was computed. The first walk starts when the platform is ready. {@code PT0S} walks the chain on every request. The authorities' verification with the non-public details ({@code /api/registry/journal/verify}) always
 * walks the chain at once.
 */
@Service
public class PublicJournalCheck {
  private static final Logger log = LoggerFactory.getLogger(PublicJournalCheck.class);

  private final RegistryJournal journal;
  private final Duration maxAge;
  private final Clock clock;
  private final AtomicBoolean walking = new AtomicBoolean();
  private final ExecutorService walker = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "public-journal-check");
    thread.setDaemon(true);
    return thread;
  });
  private volatile JournalVerification latest;

  PublicJournalCheck(RegistryJournal journal,
      @Value("${carbon-inclusion.registry.public-verification-max-age:PT5M}") Duration maxAge, Clock clock) {
    this.journal = journal;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /** Starts the first walk in the background, so that the first public request finds an answer. */
  @EventListener(ApplicationReadyEvent.class)
  void walkOnStart() {
    if (maxAge.isZero() || maxAge.isNegative() || !walking.compareAndSet(false, true)) {
      return;
    }
    walker.execute(this::walk);
  }

  private void walk() {
    try {
      JournalVerification result = journal.verify(false);
      synchronized (this) {
        latest = result;
      }
    } catch (RuntimeException e) {
      log.warn("public verification of the registry journal failed; the previous answer stays", e);
    } finally {
      walking.set(false);
    }
  }

  /** The latest verification, recomputed when it is older than the maximum age (in the background once one exists). */
  public JournalVerification latest() {
    if (maxAge.isZero() || maxAge.isNegative()) {
      return journal.verify(false);
    }
    JournalVerification known = latest;
    if (known == null) {
      synchronized (this) {
        if (latest == null) {
          latest = journal.verify(false);
        }
        return latest;
      }
    }
    if (known.checkedAt().plus(maxAge).isBefore(Instant.now(clock)) && walking.compareAndSet(false, true)) {
      walker.execute(this::walk);
    }
    return known;
  }
}
