package cn.beijing.carboninclusion.project;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues registration numbers {@code BJCI-P-{year}-{seq}}: a four-digit (or longer) sequence per year, without gaps
 * under concurrency (the year's counter row is locked), unique by constraint. A year's first number creates its row
 * in a transaction of its own, so that two registrations at once in a new year do not both insert it (the second
 * insert finds the row there and both then take the lock in turn).
 */
@Service
public class RegistrationNumbers {
  private final RegistrationCounters counters;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;

  RegistrationNumbers(RegistrationCounters counters, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.counters = counters;
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public String next(int year) {
    RegistrationCounter counter = counters.lockYear(year).orElseGet(() -> {
      createYear(year);
      return counters.lockYear(year).orElseThrow();
    });
    return format(year, counter.next());
  }

  /** The year's counter row, created committed unless another registration created it first. */
  void createYear(int year) {
    try {
      ownTransaction.executeWithoutResult(status -> jdbc.update(
          "insert into registration_counter (counter_year, last_value, lock_version) values (?, 0, 0)", year));
    } catch (DataIntegrityViolationException alreadyThere) {
      // another registration created it meanwhile: its row is committed, the lock below waits for its number
    }
  }

  static String format(int year, int sequence) {
    return String.format("BJCI-P-%d-%04d", year, sequence);
  }
}
