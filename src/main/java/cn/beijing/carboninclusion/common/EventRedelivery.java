package cn.beijing.carboninclusion.common;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers again what a listener did not complete (it failed, or the node died between commit and delivery): Spring
 * Modulith's event publication registry keeps each such publication, this resubmits those older than the grace period
 * on a schedule, and the application resubmits all of them on restart
 * ({@code spring.modulith.events.republish-outstanding-events-on-restart}). Listeners are idempotent by event id, so
 * two nodes resubmitting the same publication publish nothing twice.
 */
@Component
class EventRedelivery {
  private final IncompleteEventPublications incomplete;
  private final Duration grace;

  EventRedelivery(IncompleteEventPublications incomplete,
      @Value("${carbon-inclusion.events.redelivery-grace:PT1M}") Duration grace) {
    this.incomplete = incomplete;
    this.grace = grace;
  }

  @Scheduled(fixedDelayString = "${carbon-inclusion.events.redelivery-interval:PT1M}",
      initialDelayString = "${carbon-inclusion.events.redelivery-interval:PT1M}")
  void redeliver() {
    incomplete.resubmitIncompletePublicationsOlderThan(grace);
  }
}
