package cn.beijing.carboninclusion.common;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of the audit trail. */
public interface AuditEntries extends JpaRepository<AuditEntry, Long> {
  List<AuditEntry> findByCaseTypeAndCaseIdOrderByIdAsc(String caseType, Long caseId);
}
