package cn.beijing.carboninclusion.registry;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of issuances. */
interface Issuances extends JpaRepository<Issuance, Long> {
  boolean existsByApplicationId(Long applicationId);

  Optional<Issuance> findByApplicationId(Long applicationId);

  Optional<Issuance> findFirstByProjectIdOrderByIdAsc(Long projectId);

  Optional<Issuance> findFirstByProjectRegistrationNoOrderByIdAsc(String projectRegistrationNo);
}
