package cn.beijing.carboninclusion.methodology;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of public comments on methodologies. */
public interface MethodologyComments extends JpaRepository<MethodologyComment, Long> {
  List<MethodologyComment> findByMethodologyIdOrderByIdAsc(Long methodologyId);

  long countByMethodologyId(Long methodologyId);
}
