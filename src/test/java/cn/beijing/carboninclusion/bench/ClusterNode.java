package cn.beijing.carboninclusion.bench;

import cn.beijing.carboninclusion.CarbonInclusionApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.SpringApplication;

/**
 * One node of the cluster of {@link ClusterKill}: the platform's own main, in a process of its own, plus one thing a
 * test needs and production never has — the engine's clock follows the offset in the file named by
 * {@code -Dcluster.clock-file} (milliseconds, read every 200 ms and at start), so that the driver lets publicity run
 * its 20 working days on every node at once, as the tests move the clock in one JVM ({@link ClockUtil}).
 */
public final class ClusterNode {
  private ClusterNode() {}

  public static void main(String[] args) throws Exception {
    Path clockFile = Path.of(System.getProperty("cluster.clock-file"));
    follow(clockFile);
    Thread watcher = new Thread(() -> {
      while (true) {
        try {
          Thread.sleep(200);
          follow(clockFile);
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          // a half-written file: read it again next time
        }
      }
    }, "cluster-clock");
    watcher.setDaemon(true);
    watcher.start();
    SpringApplication.run(CarbonInclusionApplication.class, args);
  }

  private static long applied;

  private static void follow(Path clockFile) throws Exception {
    if (!Files.exists(clockFile)) {
      return;
    }
    String text = Files.readString(clockFile).trim();
    if (text.isEmpty()) {
      return;
    }
    long offset = Long.parseLong(text);
    if (offset != applied) {
      ClockUtil.offset(offset);
      applied = offset;
    }
  }
}
