package cn.beijing.carboninclusion.registry;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of registry accounts. */
interface RegistryAccounts extends JpaRepository<RegistryAccount, Long> {
  Optional<RegistryAccount> findByDeveloperId(Long developerId);

  /** The one account of a system kind (exchange, retirement, cancellation), seeded by the migration. */
  Optional<RegistryAccount> findFirstByKindOrderByIdAsc(RegistryAccount.Kind kind);
}
