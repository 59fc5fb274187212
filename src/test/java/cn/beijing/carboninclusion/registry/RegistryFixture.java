package cn.beijing.carboninclusion.registry;

import cn.beijing.carboninclusion.developer.DeveloperOrganisations;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Test data of the registry: issuances as the reduction process makes them ({@link Registry#issue} in a transaction),
 * each for a project of its own with a fake registration number, so tests never share units.
 */
final class RegistryFixture {
  static final String GREENTRAVEL = "91110105MA01ABCD13";
  static final String SUNROOF = "91110108MA02EFGH3X";

  private static final Set<String> REGISTRATION_NOS = ConcurrentHashMap.newKeySet();
  private static final AtomicLong IDS = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000L, 1_000_000_000L));

  /** An issued block and the project it belongs to. */
  record Issued(String registrationNo, long projectId, long developerId, int vintageYear, IssuedBlock block) {
    long blockId() { return block.blockId(); }

    String code() { return registrationNo.substring("BJCI-P-".length()); }
  }

  private final Registry registry;
  private final TransactionTemplate transaction;
  private final DeveloperOrganisations organisations;

  RegistryFixture(Registry registry, PlatformTransactionManager transactionManager,
      DeveloperOrganisations organisations) {
    this.registry = registry;
    this.transaction = new TransactionTemplate(transactionManager);
    this.organisations = organisations;
  }

  /** A registration number no other test of this run uses: {@code BJCI-P-2099-{4 random digits}}. */
  static String newRegistrationNo() {
    while (true) {
      String candidate = String.format("BJCI-P-2099-%04d", ThreadLocalRandom.current().nextInt(10_000));
      if (REGISTRATION_NOS.add(candidate)) {
        return candidate;
      }
    }
  }

  static long newId() {
    return IDS.incrementAndGet();
  }

  long developerId(String creditCode) {
    return organisations.findByCreditCode(creditCode).orElseThrow().getId();
  }

  /** Issues {@code quantity} units of vintage 2024 to a new project of the developer. */
  Issued issueNew(String creditCode, long quantity) {
    return issue(newRegistrationNo(), newId(), developerId(creditCode), 2024, quantity);
  }

  Issued issue(String registrationNo, long projectId, long developerId, int vintage, long quantity) {
    IssuedBlock block = transaction.execute(status -> registry.issue(
        new IssueRequest(newId(), projectId, registrationNo, developerId, vintage, quantity)));
    return new Issued(registrationNo, projectId, developerId, vintage, block);
  }

  <T> T inTransaction(java.util.function.Supplier<T> work) {
    return transaction.execute(status -> work.get());
  }
}
