package cn.beijing.carboninclusion.registry;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of retirements and cancellations. */
interface Retirements extends JpaRepository<Retirement, Long> {
  Optional<Retirement> findByAccountIdAndSubmissionKey(Long accountId, String submissionKey);
}
