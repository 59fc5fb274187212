package cn.beijing.carboninclusion.disclosure;

import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of the disclosure feed. */
public interface DisclosureEntries extends JpaRepository<DisclosureEntry, Long> {
  List<DisclosureEntry> findBySubjectTypeAndSubjectIdOrderByIdAsc(String subjectType, Long subjectId);

  Page<DisclosureEntry> findAllByOrderByIdDesc(Pageable page);

  Page<DisclosureEntry> findByKindInOrderByIdDesc(Collection<String> kinds, Pageable page);
}
