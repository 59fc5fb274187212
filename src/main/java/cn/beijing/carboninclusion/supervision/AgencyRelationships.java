package cn.beijing.carboninclusion.supervision;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of declared agency–developer relationships. */
interface AgencyRelationships extends JpaRepository<AgencyRelationship, Long> {
  List<AgencyRelationship> findByAgencyIdAndDeveloperId(Long agencyId, Long developerId);

  List<AgencyRelationship> findByAgencyIdOrderByIdAsc(Long agencyId);

  boolean existsByAgencyIdAndDeveloperIdAndKind(Long agencyId, Long developerId, AgencyRelationship.Kind kind);
}
