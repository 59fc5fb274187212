package cn.beijing.carboninclusion.project;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Repository of the yearly registration counters; a year's row is locked while a number is drawn. */
interface RegistrationCounters extends JpaRepository<RegistrationCounter, Integer> {
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select c from RegistrationCounter c where c.year = :year")
  Optional<RegistrationCounter> lockYear(@Param("year") Integer year);
}
