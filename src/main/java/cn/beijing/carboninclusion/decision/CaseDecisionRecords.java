package cn.beijing.carboninclusion.decision;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The recorded decisions. */
interface CaseDecisionRecords extends JpaRepository<CaseDecision, Long> {
  List<CaseDecision> findByProcessInstanceIdOrderByIdAsc(String processInstanceId);

  @Query("""
      select distinct d.decidedBy from CaseDecision d
      where d.businessKey = :businessKey and d.processKey in :processKeys""")
  List<String> decidersOf(@Param("businessKey") String businessKey,
      @Param("processKeys") Collection<String> processKeys);
}
