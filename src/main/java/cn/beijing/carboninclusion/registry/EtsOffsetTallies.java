package cn.beijing.carboninclusion.registry;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Repository of ETS offset tallies; an entity's row (by credit code) is locked while an offset is checked and added. */
interface EtsOffsetTallies extends JpaRepository<EtsOffsetTally, Long> {
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select t from EtsOffsetTally t where t.creditCode = :code and t.complianceYear = :year")
  Optional<EtsOffsetTally> lock(@Param("code") String creditCode, @Param("year") int complianceYear);
}
