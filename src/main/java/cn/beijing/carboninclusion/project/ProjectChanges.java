package cn.beijing.carboninclusion.project;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Repository of change requests. */
public interface ProjectChanges extends JpaRepository<ProjectChange, Long> {
  List<ProjectChange> findByProjectIdOrderByIdAsc(Long projectId);

  /** The project's undecided major change, if any (at most one: {@code pending_key} is unique). */
  Optional<ProjectChange> findByPendingKey(Long projectId);

  /** The last day of the monitoring periods of the project already approved or registered (issued), if any. */
  @Query(value = """
      select max(period_end) from reduction_application
      where project_id = :projectId and status in ('APPROVED', 'REGISTERED')""", nativeQuery = true)
  LocalDate lastSettledPeriodEnd(@Param("projectId") Long projectId);
}
