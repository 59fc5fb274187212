package cn.beijing.carboninclusion.developer;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of developer accounts. */
public interface DeveloperMembers extends JpaRepository<DeveloperMember, String> {
  List<DeveloperMember> findByOrganisationId(Long organisationId);
}
