package cn.beijing.carboninclusion.registry;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of journal entries (written by {@link RegistryJournal} only). */
interface JournalEntries extends JpaRepository<JournalEntry, Long> {
  List<JournalEntry> findByIdGreaterThanOrderByIdAsc(Long afterId, Pageable page);
}
