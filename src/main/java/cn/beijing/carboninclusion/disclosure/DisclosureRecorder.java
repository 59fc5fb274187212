package cn.beijing.carboninclusion.disclosure;

import cn.beijing.carboninclusion.common.PublicEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Writes the disclosure feed from the {@link PublicEvent}s the capabilities publish: after the step's transaction
 * committed, in a transaction of its own. Spring Modulith's event publication registry holds the event until this
 * listener completed it, so a failure or a crash between the two is delivered again (common.EventRedelivery); a
 * redelivered event is recognised by its id and publishes nothing twice (and the unique {@code event_id} would refuse
 * a concurrent double).
 */
@Component
class DisclosureRecorder {
  private final DisclosureEntries entries;

  DisclosureRecorder(DisclosureEntries entries) {
    this.entries = entries;
  }

  @TransactionalEventListener
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void on(PublicEvent event) {
    if (!entries.existsByEventId(event.eventId())) {
      entries.save(new DisclosureEntry(event.eventId(), event.subjectType(), event.subjectId(), event.kind().name(),
          event.title(), event.body(), event.at()));
    }
  }
}
