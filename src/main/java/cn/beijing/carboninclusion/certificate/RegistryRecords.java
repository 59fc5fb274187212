package cn.beijing.carboninclusion.certificate;

import cn.beijing.carboninclusion.registry.Issuance;
import cn.beijing.carboninclusion.registry.JournalEntry;
import cn.beijing.carboninclusion.registry.RegistryAccount;
import cn.beijing.carboninclusion.registry.RegistryBlock;
import cn.beijing.carboninclusion.registry.Retirement;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads the registry's records a certificate states (the registry's repositories are its own): issuances,
 * retirements, the journal entries that record them, accounts and the retired blocks. Read only.
 */
@Component
class RegistryRecords {
  private final EntityManager entityManager;

  RegistryRecords(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  Optional<Issuance> issuance(Long id) {
    return Optional.ofNullable(entityManager.find(Issuance.class, id));
  }

  Optional<Retirement> retirement(Long id) {
    return Optional.ofNullable(entityManager.find(Retirement.class, id));
  }

  Optional<JournalEntry> journalEntry(Long id) {
    return id == null ? Optional.empty() : Optional.ofNullable(entityManager.find(JournalEntry.class, id));
  }

  Optional<RegistryAccount> account(Long id) {
    return Optional.ofNullable(entityManager.find(RegistryAccount.class, id));
  }

  /** The blocks a retirement (or cancellation) took: final, so exactly the units it retired, by serial. */
  List<RegistryBlock> blocksOf(Retirement retirement) {
    return entityManager.createQuery("""
        select b from RegistryBlock b where b.retirementId = :retirement
        order by b.projectRegistrationNo, b.vintageYear, b.firstUnit""", RegistryBlock.class)
        .setParameter("retirement", retirement.getId())
        .getResultList();
  }

  /** The blocks an issuance's units are in now (split, moved, retired or cancelled), by serial. */
  List<RegistryBlock> blocksOf(Issuance issuance) {
    return entityManager.createQuery("""
        select b from RegistryBlock b where b.issuanceId = :issuance order by b.firstUnit""", RegistryBlock.class)
        .setParameter("issuance", issuance.getId())
        .getResultList();
  }
}
