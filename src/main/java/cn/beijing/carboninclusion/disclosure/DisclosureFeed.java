package cn.beijing.carboninclusion.disclosure;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes to the disclosure feed, in the transaction of the step that decided it: what is published is exactly
 * what happened. Callers pass only public text (no participant data, no reviewer identities).
 */
@Service
public class DisclosureFeed {

  /** Kinds of published items. */
  public enum Kind {
    PUBLICITY_STARTED, OBJECTION_RESPONSE, PROJECT_REGISTERED, APPLICATION_REJECTED, APPLICATION_WITHDRAWN,
    PROJECT_CANCELLED, CLASS_II_DISCLOSED, METHODOLOGY, REDUCTION_FILED, REDUCTION_REGISTERED, PROJECT_SUSPENDED, PROJECT_RESTORED,
    AUDIT_REPORT_ACCEPTED, AUDIT_REPORT_REJECTED, AUDIT_REPORT_OVERDUE
  }

  private final DisclosureEntries entries;
  private final Clock clock;

  public DisclosureFeed(DisclosureEntries entries, Clock clock) {
    this.entries = entries;
    this.clock = clock;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public DisclosureEntry publish(String subjectType, Long subjectId, Kind kind, String title, String body) {
    return entries.save(new DisclosureEntry(subjectType, subjectId, kind.name(), title, body, Instant.now(clock)));
  }

  @Transactional(readOnly = true)
  public List<DisclosureEntry> about(String subjectType, Long subjectId) {
    return entries.findBySubjectTypeAndSubjectIdOrderByIdAsc(subjectType, subjectId);
  }

  @Transactional(readOnly = true)
  public Page<DisclosureEntry> latest(Pageable page) {
    return entries.findAllByOrderByIdDesc(page);
  }

  /** The latest items of these kinds (kind names, so kinds other modules publish can be asked for by name). */
  @Transactional(readOnly = true)
  public Page<DisclosureEntry> latest(Collection<String> kinds, Pageable page) {
    return entries.findByKindInOrderByIdDesc(kinds, page);
  }
}
