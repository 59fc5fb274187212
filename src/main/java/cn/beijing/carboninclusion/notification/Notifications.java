package cn.beijing.carboninclusion.notification;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Repository of the notification outbox. */
public interface Notifications extends JpaRepository<Notification, Long> {

  @Query("select n.id from Notification n where n.status = 'PENDING' and n.nextAttemptAt <= :now order by n.nextAttemptAt")
  List<Long> findDue(@Param("now") Instant now, Pageable page);

  /** Claims a due notice for one sender (one node of a cluster); 1 when claimed, 0 when someone else has it. */
  @Modifying
  @Query("""
      update Notification n set n.status = 'SENDING', n.attempts = n.attempts + 1, n.nextAttemptAt = :now,
        n.lockVersion = n.lockVersion + 1
      where n.id = :id and n.status = 'PENDING' and n.nextAttemptAt <= :now""")
  int claim(@Param("id") Long id, @Param("now") Instant now);

  /** Gives back notices whose sender died while sending (claimed before {@code staleBefore}). */
  @Modifying
  @Query("""
      update Notification n set n.status = 'PENDING', n.lockVersion = n.lockVersion + 1
      where n.status = 'SENDING' and n.nextAttemptAt < :staleBefore""")
  int releaseStale(@Param("staleBefore") Instant staleBefore);

  List<Notification> findByRecipientOrderByIdAsc(String recipient);

  /** The outbox, newest first, paged. */
  Page<Notification> findAllByOrderByIdDesc(Pageable page);

  /** The outbox with one status, newest first, paged. */
  Page<Notification> findByStatusOrderByIdDesc(Notification.Status status,
      Pageable page);

  /** How many notices are in each status: rows of (status, count). */
  @Query("select n.status, count(n) from Notification n group by n.status")
  List<Object[]> countByStatus();

  boolean existsByIdempotencyKey(String idempotencyKey);
}
