package cn.beijing.carboninclusion.supervision;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of service agencies (the service is {@link ServiceAgencies}). */
public interface ServiceAgencyRecords extends JpaRepository<ServiceAgency, Long> {
  Optional<ServiceAgency> findByCreditCode(String creditCode);

  List<ServiceAgency> findAllByOrderByIdAsc(Pageable page);

  Page<ServiceAgency> findPageByOrderByIdAsc(Pageable page);

  Page<ServiceAgency> findPageByKindOrderByIdAsc(AgencyKind kind, Pageable page);
}
