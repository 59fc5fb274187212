package cn.beijing.carboninclusion.reduction;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of reduction applications. */
public interface ReductionApplications extends JpaRepository<ReductionApplication, Long> {
  List<ReductionApplication> findByProjectIdOrderByPeriodStartAsc(Long projectId);
}
