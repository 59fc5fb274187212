package cn.beijing.carboninclusion.supervision;

import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of spot-check draws (the service is {@link SpotChecks}). */
interface SpotCheckDraws extends JpaRepository<SpotCheckDraw, Long> {
  Optional<SpotCheckDraw> findByYear(int year);

  boolean existsByYear(int year);

  Page<SpotCheckDraw> findAllByOrderByYearDesc(Pageable page);
}
