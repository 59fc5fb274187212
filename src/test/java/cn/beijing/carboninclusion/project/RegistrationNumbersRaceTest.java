package cn.beijing.carboninclusion.project;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registrations at once in a new year, on PostgreSQL: each draws its own number, 1 to n without a gap, and none fails
 * on the year's first row (found by bench/cases.sh: two first registrations of a year both inserted the counter).
 */
class RegistrationNumbersRaceTest extends PlatformIntegrationTest {
  @Autowired RegistrationNumbers numbers;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void registrationsAtOnceInANewYearDrawOneNumberEachWithoutGaps() throws Exception {
    int year = 3000 + ThreadLocalRandom.current().nextInt(5000);
    int n = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<String>> drawn = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        drawn.add(pool.submit(() -> {
          start.await();
          return new TransactionTemplate(transactions).execute(status -> numbers.next(year));
        }));
      }
      start.countDown();
      List<String> got = new ArrayList<>();
      for (Future<String> number : drawn) {
        got.add(number.get(60, TimeUnit.SECONDS));
      }
      List<String> expected = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        expected.add(RegistrationNumbers.format(year, i));
      }
      assertThat(got).containsExactlyInAnyOrderElementsOf(expected);
    } finally {
      pool.shutdownNow();
    }
  }
}
