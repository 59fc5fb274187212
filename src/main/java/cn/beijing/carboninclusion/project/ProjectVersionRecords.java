package cn.beijing.carboninclusion.project;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of project versions (read through {@link ProjectVersions}). */
interface ProjectVersionRecords extends JpaRepository<ProjectVersion, Long> {
  List<ProjectVersion> findByProjectIdOrderByVersionNoAsc(Long projectId);

  Optional<ProjectVersion> findFirstByProjectIdOrderByVersionNoDesc(Long projectId);

  boolean existsByProjectIdAndDeveloperId(Long projectId, Long developerId);
}
