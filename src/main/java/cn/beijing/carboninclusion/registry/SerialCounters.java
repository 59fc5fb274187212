package cn.beijing.carboninclusion.registry;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Repository of serial counters; a counter row is locked while numbers are drawn. */
interface SerialCounters extends JpaRepository<SerialCounter, Long> {
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select c from SerialCounter c where c.projectRegistrationNo = :registrationNo and c.vintageYear = :vintage")
  Optional<SerialCounter> lock(@Param("registrationNo") String registrationNo, @Param("vintage") int vintage);
}
