package cn.beijing.carboninclusion.developer;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of developer organisations. */
public interface DeveloperOrganisations extends JpaRepository<DeveloperOrganisation, Long> {
  Optional<DeveloperOrganisation> findByCreditCode(String creditCode);

  boolean existsByCreditCode(String creditCode);
}
