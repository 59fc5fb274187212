package cn.beijing.carboninclusion.disclosure;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Repository of the disclosure feed. */
public interface DisclosureEntries extends JpaRepository<DisclosureEntry, Long> {
  List<DisclosureEntry> findBySubjectTypeAndSubjectIdOrderByIdAsc(String subjectType, Long subjectId);

  /**
   * The ids of one page, newest first, without counting the whole feed: read from the primary key's index alone, so a
   * page deep in millions of items skips index entries, not rows.
   */
  @Query("select e.id from DisclosureEntry e order by e.id desc")
  List<Long> pageIds(Pageable page);

  /** The ids of one page of these kinds, newest first (from the index on kind and id), without counting. */
  @Query("select e.id from DisclosureEntry e where e.kind in :kinds order by e.id desc")
  List<Long> pageIds(@Param("kinds") Collection<String> kinds, Pageable page);

  long countByKindIn(Collection<String> kinds);

  Optional<DisclosureEntry> findFirstBySubjectTypeAndSubjectIdAndKindOrderByIdAsc(String subjectType, Long subjectId,
      String kind);

  /** Rows of (subject id, first published at) of the entries of one kind about subjects of one type. */
  @Query("""
      select e.subjectId, min(e.publishedAt) from DisclosureEntry e
      where e.subjectType = :subjectType and e.kind = :kind group by e.subjectId""")
  List<Object[]> firstPublishedBySubject(@Param("subjectType") String subjectType, @Param("kind") String kind);

  boolean existsByEventId(UUID eventId);

}
