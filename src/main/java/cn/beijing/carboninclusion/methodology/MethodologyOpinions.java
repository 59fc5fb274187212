package cn.beijing.carboninclusion.methodology;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of expert opinions. */
public interface MethodologyOpinions extends JpaRepository<MethodologyOpinion, Long> {
  List<MethodologyOpinion> findByMethodologyIdOrderByIdAsc(Long methodologyId);
}
