package cn.beijing.carboninclusion.supervision;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface AuditReportDocuments extends JpaRepository<AuditReportDocument, Long> {
  /** (audit report id, SHA-256) of the documents of these reports, without their content. */
  @Query("select d.auditReportId, d.sha256 from AuditReportDocument d where d.auditReportId in :ids")
  List<Object[]> hashesOf(Collection<Long> ids);
}
