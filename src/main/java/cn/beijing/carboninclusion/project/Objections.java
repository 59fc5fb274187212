package cn.beijing.carboninclusion.project;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of objections. */
public interface Objections extends JpaRepository<Objection, Long> {
  List<Objection> findByProjectIdAndStatusOrderByIdAsc(Long projectId, Objection.Status status);

  List<Objection> findByProjectIdOrderByIdAsc(Long projectId);

  long countByProjectId(Long projectId);
}
