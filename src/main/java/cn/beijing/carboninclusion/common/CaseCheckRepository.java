package cn.beijing.carboninclusion.common;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of check results. */
public interface CaseCheckRepository extends JpaRepository<CaseCheck, Long> {
  List<CaseCheck> findByCaseTypeAndCaseIdOrderByIdAsc(String caseType, Long caseId);
}
