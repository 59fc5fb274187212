package cn.beijing.carboninclusion.disclosure;

import cn.beijing.carboninclusion.common.PublicEvent;
import cn.beijing.carboninclusion.common.PublicCounts;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public disclosure feed (信息公开), read side: what was published about which record, and when. It is written
 * only by {@link DisclosureRecorder}, a listener of the {@link PublicEvent}s the capabilities publish.
 */
@Service
public class DisclosureFeed {
  private final DisclosureEntries entries;
  private final PublicCounts counts;

  public DisclosureFeed(DisclosureEntries entries, PublicCounts counts) {
    this.entries = entries;
    this.counts = counts;
  }

  @Transactional(readOnly = true)
  public List<DisclosureEntry> about(String subjectType, Long subjectId) {
    return entries.findBySubjectTypeAndSubjectIdOrderByIdAsc(subjectType, subjectId);
  }

  /** When an item of this kind was first published about the subject. */
  @Transactional(readOnly = true)
  public Optional<Instant> firstPublished(String subjectType, Long subjectId, PublicEvent.Kind kind) {
    return entries.findFirstBySubjectTypeAndSubjectIdAndKindOrderByIdAsc(subjectType, subjectId, kind.name())
        .map(DisclosureEntry::getPublishedAt);
  }

  /** When an item of this kind was first published, for every subject of this type that has one. */
  @Transactional(readOnly = true)
  public Map<Long, Instant> firstPublished(String subjectType, PublicEvent.Kind kind) {
    Map<Long, Instant> first = new HashMap<>();
    for (Object[] row : entries.firstPublishedBySubject(subjectType, kind.name())) {
      first.put((Long) row[0], (Instant) row[1]);
    }
    return first;
  }

  @Transactional(readOnly = true)
  public Page<DisclosureEntry> latest(Pageable page) {
    return new PageImpl<>(newestFirst(entries.pageIds(page)), page, counts.count("disclosures", entries::count));
  }

  /** The latest items of these kinds (kind names, so kinds other modules publish can be asked for by name). */
  @Transactional(readOnly = true)
  public Page<DisclosureEntry> latest(Collection<String> kinds, Pageable page) {
    return new PageImpl<>(newestFirst(entries.pageIds(kinds, page)), page,
        counts.count("disclosures:" + new java.util.TreeSet<>(kinds), () -> entries.countByKindIn(kinds)));
  }

  private List<DisclosureEntry> newestFirst(List<Long> ids) {
    return entries.findAllById(ids).stream().sorted(Comparator.comparing(DisclosureEntry::getId).reversed()).toList();
  }
}
