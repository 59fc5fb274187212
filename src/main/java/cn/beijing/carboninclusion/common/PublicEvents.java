package cn.beijing.carboninclusion.common;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Publishes a {@link PublicEvent} in the transaction of the step it reports: no commit, no publication. */
@Component
public class PublicEvents {
  private final ApplicationEventPublisher events;
  private final Clock clock;

  public PublicEvents(ApplicationEventPublisher events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public PublicEvent publish(String subjectType, long subjectId, PublicEvent.Kind kind, String title, String body) {
    PublicEvent event = new PublicEvent(UUID.randomUUID(), subjectType, subjectId, kind, title, body,
        Instant.now(clock));
    events.publishEvent(event);
    return event;
  }
}
