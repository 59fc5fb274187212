package cn.beijing.carboninclusion.reduction;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of verification reports (one per reduction application). */
interface VerificationReports extends JpaRepository<VerificationReport, Long> {
  Optional<VerificationReport> findByApplicationId(Long applicationId);
}
