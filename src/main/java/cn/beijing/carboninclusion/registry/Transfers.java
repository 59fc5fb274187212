package cn.beijing.carboninclusion.registry;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Repository of transfers to the exchange. */
interface Transfers extends JpaRepository<Transfer, Long> {
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select t from Transfer t where t.id = :id")
  Optional<Transfer> lockById(@Param("id") Long id);

  List<Transfer> findByFromAccountIdOrderByIdDesc(Long fromAccountId);

  List<Transfer> findByStatusOrderByIdAsc(Transfer.Status status);

  List<Transfer> findAllByOrderByIdDesc();

  Optional<Transfer> findByFromAccountIdAndSubmissionKey(Long fromAccountId, String submissionKey);
}
