package cn.beijing.carboninclusion.decision;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** The recorded decisions. */
interface CaseDecisionRecords extends JpaRepository<CaseDecision, Long> {
  List<CaseDecision> findByProcessInstanceIdOrderByIdAsc(String processInstanceId);
}
