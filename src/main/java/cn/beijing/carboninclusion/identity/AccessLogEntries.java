package cn.beijing.carboninclusion.identity;

import java.time.Instant;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Repository of the access log (append-only: the platform only inserts). */
interface AccessLogEntries extends JpaRepository<AccessLogEntry, Long> {
  @Query("""
      select e from AccessLogEntry e
      where (:userId is null or e.userId = :userId)
        and (:objectType is null or e.objectType = :objectType)
        and (:objectRef is null or e.objectRef = :objectRef)
        and e.readAt >= :from and e.readAt < :to
      order by e.id desc""")
  Page<AccessLogEntry> find(@Param("userId") String userId, @Param("objectType") String objectType,
      @Param("objectRef") String objectRef, @Param("from") Instant from, @Param("to") Instant to, Pageable page);
}
