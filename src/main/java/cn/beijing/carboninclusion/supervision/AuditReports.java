package cn.beijing.carboninclusion.supervision;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of audit reports. */
interface AuditReports extends JpaRepository<AuditReport, Long> {
  List<AuditReport> findByProjectIdOrderByPeriodStartAsc(Long projectId);

  Optional<AuditReport> findFirstByProjectIdOrderByPeriodStartDesc(Long projectId);

  List<AuditReport> findByProjectIdAndStatusIn(Long projectId, Collection<AuditReportStatus> statuses);

  Page<AuditReport> findByAgencyIdOrderByIdDesc(Long agencyId, Pageable page);

  Page<AuditReport> findByStatusInOrderByIdDesc(Collection<AuditReportStatus> statuses, Pageable page);
}
