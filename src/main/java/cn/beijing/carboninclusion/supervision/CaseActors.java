package cn.beijing.carboninclusion.supervision;

import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of who acted at which stage of which case. */
public interface CaseActors extends JpaRepository<CaseActor, Long> {
  boolean existsByProcessInstanceIdAndUserIdAndStageNot(String processInstanceId, String userId, String stage);

  /** Who completed the stage last in the process instance (e.g. the reviewer of this round). */
  java.util.Optional<CaseActor> findFirstByProcessInstanceIdAndStageOrderByIdDesc(String processInstanceId,
      String stage);
}
