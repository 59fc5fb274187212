package cn.beijing.carboninclusion.project;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Repository of objections. */
public interface Objections extends JpaRepository<Objection, Long> {
  List<Objection> findByProjectIdAndStatusOrderByIdAsc(Long projectId, Objection.Status status);

  List<Objection> findByProjectIdOrderByIdAsc(Long projectId);

  long countByProjectId(Long projectId);

  /** The objections of each of the projects: rows of (project id, count); a project without any has no row. */
  @Query("select o.projectId, count(o) from Objection o where o.projectId in :projectIds group by o.projectId")
  List<Object[]> countByProjectIds(@Param("projectIds") Collection<Long> projectIds);
}
