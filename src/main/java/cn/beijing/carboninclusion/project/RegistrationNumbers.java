package cn.beijing.carboninclusion.project;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues registration numbers {@code BJCI-P-{year}-{seq}}: a four-digit (or longer) sequence per year, without gaps
 * under concurrency (the year's counter row is locked), unique by constraint.
 */
@Service
public class RegistrationNumbers {
  private final RegistrationCounters counters;

  RegistrationNumbers(RegistrationCounters counters) {
    this.counters = counters;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public String next(int year) {
    RegistrationCounter counter = counters.lockYear(year)
        .orElseGet(() -> counters.saveAndFlush(new RegistrationCounter(year)));
    return format(year, counter.next());
  }

  static String format(int year, int sequence) {
    return String.format("BJCI-P-%d-%04d", year, sequence);
  }
}
