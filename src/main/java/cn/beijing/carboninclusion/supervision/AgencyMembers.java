package cn.beijing.carboninclusion.supervision;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of agency accounts. */
interface AgencyMembers extends JpaRepository<AgencyMember, String> {
  List<AgencyMember> findByAgencyIdOrderByUserIdAsc(Long agencyId);
}
