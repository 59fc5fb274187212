package cn.beijing.carboninclusion.registry;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/** Repository of the journal's head row. */
interface JournalHeads extends JpaRepository<JournalHead, Integer> {
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select h from JournalHead h where h.id = 1")
  Optional<JournalHead> lock();
}
