package cn.beijing.carboninclusion.supervision;

import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of who acted at which stage of which case. */
public interface CaseActors extends JpaRepository<CaseActor, Long> {
  boolean existsByProcessInstanceIdAndUserIdAndStageNot(String processInstanceId, String userId, String stage);
}
