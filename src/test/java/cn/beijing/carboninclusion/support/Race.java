package cn.beijing.carboninclusion.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Double submits and racing requests: starts {@code n} requests at the same moment and collects their statuses. */
public final class Race {

  /** One of the racing requests; {@code index} tells them apart where they must differ. */
  public interface Request {
    ResponseEntity<JsonNode> send(int index);
  }

  /** Starts {@code n} requests at once and returns their statuses, sorted. */
  public static List<HttpStatus> of(int n, Request request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<HttpStatus>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        Callable<HttpStatus> call = () -> {
          start.await();
          return HttpStatus.valueOf(request.send(index).getStatusCode().value());
        };
        futures.add(pool.submit(call));
      }
      start.countDown();
      List<HttpStatus> outcomes = new ArrayList<>();
      for (Future<HttpStatus> future : futures) {
        outcomes.add(future.get(60, TimeUnit.SECONDS));
      }
      outcomes.sort(Comparator.naturalOrder());
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private Race() {}
}
