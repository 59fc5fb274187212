package cn.beijing.carboninclusion.disclosure;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    AUDIT_REPORT_ACCEPTED, AUDIT_REPORT_REJECTED, AUDIT_REPORT_OVERDUE,
    DEVELOPER_BARRED, AGENCY_BARRED, BAR_LIFTED, CLASS_II_ANNUAL_REPORT, PROJECT_CHANGED, PROJECT_CHANGE_REJECTED
  }

  /** The longest body an entry holds (column {@code disclosure_entry.body}). */
  public static final int MAX_BODY = 4000;

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

  /** When an item of this kind was first published about the subject. */
  @Transactional(readOnly = true)
  public Optional<Instant> firstPublished(String subjectType, Long subjectId, Kind kind) {
    return entries.findFirstBySubjectTypeAndSubjectIdAndKindOrderByIdAsc(subjectType, subjectId, kind.name())
        .map(DisclosureEntry::getPublishedAt);
  }

  /** When an item of this kind was first published, for every subject of this type that has one. */
  @Transactional(readOnly = true)
  public Map<Long, Instant> firstPublished(String subjectType, Kind kind) {
    Map<Long, Instant> first = new HashMap<>();
    for (Object[] row : entries.firstPublishedBySubject(subjectType, kind.name())) {
      first.put((Long) row[0], (Instant) row[1]);
    }
    return first;
  }

  /** Text cut to {@code max} characters (an ellipsis marks the cut), for bodies and titles of entries. */
  public static String abridged(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max - 1) + "…";
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
