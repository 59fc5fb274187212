package cn.beijing.carboninclusion.registry;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Repository of blocks. The {@code lock…} queries take row locks (SELECT … FOR UPDATE), oldest block first. */
interface RegistryBlocks extends JpaRepository<RegistryBlock, Long> {

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select b from RegistryBlock b where b.id = :id")
  Optional<RegistryBlock> lockById(@Param("id") Long id);

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select b from RegistryBlock b where b.accountId = :accountId and b.status = :status order by b.id")
  List<RegistryBlock> lockByAccount(@Param("accountId") Long accountId, @Param("status") RegistryBlock.Status status);

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("""
      select b from RegistryBlock b where b.accountId = :accountId and b.status = :status
      and b.projectRegistrationNo = :registrationNo order by b.id""")
  List<RegistryBlock> lockByAccountAndProject(@Param("accountId") Long accountId,
      @Param("status") RegistryBlock.Status status, @Param("registrationNo") String registrationNo);

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("""
      select b from RegistryBlock b where b.accountId = :accountId and b.status = :status
      and b.projectRegistrationNo = :registrationNo and b.vintageYear = :vintage order by b.id""")
  List<RegistryBlock> lockByAccountAndProjectAndVintage(@Param("accountId") Long accountId,
      @Param("status") RegistryBlock.Status status, @Param("registrationNo") String registrationNo,
      @Param("vintage") int vintage);

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select b from RegistryBlock b where b.transferId = :transferId and b.status = :status order by b.id")
  List<RegistryBlock> lockByTransfer(@Param("transferId") Long transferId,
      @Param("status") RegistryBlock.Status status);

  List<RegistryBlock> findByAccountIdAndStatusInOrderByIdAsc(Long accountId, List<RegistryBlock.Status> statuses);

  List<RegistryBlock> findByTransferIdOrderByIdAsc(Long transferId);

  List<RegistryBlock> findByRetirementIdOrderByIdAsc(Long retirementId);

  /** The blocks that hold any of the units {@code first..last} now. */
  @Query("""
      select b from RegistryBlock b where b.projectRegistrationNo = :registrationNo and b.vintageYear = :vintage
      and b.firstUnit <= :last and b.lastUnit >= :first order by b.firstUnit""")
  List<RegistryBlock> findHolding(@Param("registrationNo") String registrationNo, @Param("vintage") int vintage,
      @Param("first") long first, @Param("last") long last);
}
