package cn.beijing.carboninclusion.project;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Repository of projects. */
public interface Projects extends JpaRepository<Project, Long> {
  List<Project> findByDeveloperIdOrderByIdDesc(Long developerId);

  List<Project> findByStatusIn(Collection<ProjectStatus> statuses);

  /** Other projects under the same methodology that declare one of the identifiers, in one of the statuses. */
  @Query("""
      select distinct p from Project p join p.identifiers i
      where p.id <> :projectId and p.methodologyId = :methodologyId and p.status in :statuses
        and i.scheme = :scheme and i.identifier = :identifier""")
  List<Project> findOthersDeclaring(@Param("projectId") Long projectId, @Param("methodologyId") Long methodologyId,
      @Param("statuses") Collection<ProjectStatus> statuses, @Param("scheme") String scheme,
      @Param("identifier") String identifier);
}
