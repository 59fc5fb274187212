package cn.beijing.carboninclusion.registry;

import cn.beijing.carboninclusion.CarbonInclusionApplication;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark of the registry journal's verification (not a test: surefire never runs it; {@code bench/journal-verify.sh}
 * does). Starts the whole platform on the PostgreSQL server named by {@code BENCH_DB_URL}, brings the journal up to
 * {@code ENTRIES} entries (default 1,000,000) — entries as {@link RegistryJournal#append} writes them (SM3 chain, the
 * private details' salted digest in the payload, moves like the ledger's), computed with the journal's own hash
 * functions and loaded with {@code COPY}, the head advanced to the last — then runs {@link RegistryJournal#verify}
 * (public, and with the private details) {@code ROUNDS} times, sampling the heap meanwhile. Prints
 * {@code name: value unit} lines.
 */
public final class JournalVerifyBenchmark {

  public static void main(String[] args) throws Exception {
    String url = System.getenv("BENCH_DB_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException("BENCH_DB_URL names the PostgreSQL database (bench/journal-verify.sh sets it)");
    }
    long entries = Long.parseLong(env("ENTRIES", "1000000"));
    int rounds = Integer.parseInt(env("ROUNDS", "3"));
    List<String> settings = new ArrayList<>(List.of(
        "--spring.datasource.url=" + url,
        "--spring.datasource.username=" + env("BENCH_DB_USER", "postgres"),
        "--spring.datasource.password=" + env("BENCH_DB_PASSWORD", ""),
        "--server.port=0",
        "--carbon-inclusion.data-dir=target/bench-data",
        "--camunda.bpm.job-execution.enabled=false",
        "--spring.mail.host=127.0.0.1",
        "--logging.level.root=WARN"));
    settings.addAll(Arrays.asList(args));
    ConfigurableApplicationContext app = new SpringApplicationBuilder(CarbonInclusionApplication.class)
        .run(settings.toArray(String[]::new));
    try {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      System.out.printf(Locale.ROOT, "database: PostgreSQL %s; fsync=%s, synchronous_commit=%s, shared_buffers=%s%n",
          jdbc.queryForObject("show server_version", String.class), jdbc.queryForObject("show fsync", String.class),
          jdbc.queryForObject("show synchronous_commit", String.class),
          jdbc.queryForObject("show shared_buffers", String.class));
      System.out.printf(Locale.ROOT, "jvm: %s, %d cores, max heap %d MiB%n", System.getProperty("java.vm.version"),
          Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
      fill(app.getBean(DataSource.class), jdbc, entries);
      System.out.printf(Locale.ROOT, "journal: %d entries, %.0f MiB (table, indexes and TOAST)%n",
          jdbc.queryForObject("select count(*) from registry_journal", Long.class),
          jdbc.queryForObject("select pg_total_relation_size('registry_journal')", Long.class) / 1048576.0);
      RegistryJournal journal = app.getBean(RegistryJournal.class);
      for (boolean includePrivate : new boolean[] {false, true}) {
        String name = includePrivate ? "journal_verify_private" : "journal_verify";
        double[] rates = new double[rounds];
        long peak = 0;
        long peakAfterGc = 0;
        for (int round = 0; round < rounds; round++) {
          System.gc();
          HeapSampler sampler = new HeapSampler();
          sampler.start();
          long start = System.nanoTime();
          JournalVerification result = journal.verify(includePrivate);
          double seconds = (System.nanoTime() - start) / 1e9;
          sampler.interrupt();
          sampler.join();
          if (!result.ok()) {
            throw new IllegalStateException("the chain is broken: " + result);
          }
          rates[round] = result.entriesChecked() / seconds;
          peak = Math.max(peak, sampler.peak());
          peakAfterGc = Math.max(peakAfterGc, sampler.peakAfterGc());
          System.out.printf(Locale.ROOT, "%s round %d: %d entries in %.2f s (%s)%n", name, round + 1,
              result.entriesChecked(), seconds, load());
        }
        Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "%s_entries_per_s: %.0f entries/s%n", name, rates[rounds / 2]);
        System.out.printf(Locale.ROOT, "%s_seconds_per_million: %.2f s%n", name, 1e6 / rates[rounds / 2]);
        System.out.printf(Locale.ROOT, "%s_peak_heap_mib: %d MiB%n", name, peak >> 20);
        System.out.printf(Locale.ROOT, "%s_heap_after_gc_mib: %d MiB%n", name, peakAfterGc >> 20);
      }
    } finally {
      app.close();
    }
  }

  /** Appends entries after the current head until the journal has {@code target}, in batches of 50,000 by COPY. */
  private static void fill(DataSource dataSource, JdbcTemplate jdbc, long target) throws Exception {
    long headId = jdbc.queryForObject("select last_entry_id from registry_journal_head where id = 1", Long.class);
    if (headId >= target) {
      System.out.printf(Locale.ROOT, "filling: %d entries already%n", headId);
      return;
    }
    long anchor = jdbc.queryForObject("select first_entry_id from registry_journal_anchor where algorithm = 'SM3'",
        Long.class);
    if (headId + 1 < anchor) {
      throw new IllegalStateException("the benchmark appends SM3 entries after the anchor " + anchor);
    }
    String previous = jdbc.queryForObject("select last_hash from registry_journal_head where id = 1", String.class);
    long start = System.nanoTime();
    Instant at = Instant.parse("2025-01-01T00:00:00Z");
    java.util.Random random = new java.util.Random(42);
    JournalEntry.Operation[] operations = JournalEntry.Operation.values();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      var copy = connection.unwrap(PGConnection.class).getCopyAPI();
      long id = headId + 1;
      while (id <= target) {
        StringBuilder rows = new StringBuilder();
        for (int n = 0; n < 50_000 && id <= target; n++, id++) {
          at = at.plusMillis(1 + random.nextInt(60_000)).truncatedTo(ChronoUnit.MILLIS);
          JournalEntry.Operation operation = operations[(int) (id % operations.length)];
          byte[] saltBytes = new byte[16];
          random.nextBytes(saltBytes);
          String salt = HexFormat.of().formatHex(saltBytes);
          String privateDetails = new JournalPayload().put("actor", "user" + (id % 50))
              .put("purpose", "基准测试 " + id).toString();
          long block = id % 10_000;
          long quantity = 1 + id % 5000;
          String payload = new JournalPayload().put("project", "BJCI-2025-" + String.format("%04d", id % 300))
              .put("vintage", 2025).put("quantity", quantity).put("by", "developer")
              .put("move", "TRANSFER:" + block + ":CN-BJCI-2025-" + String.format("%04d", id % 300)
                  + "-2025-000001-" + String.format("%06d", quantity) + ":" + quantity + ":A" + (id % 997) + ">A"
                  + (id % 991))
              .put("private", RegistryJournal.privateDigest(RegistryJournal.SM3, salt, privateDetails)).toString();
          String hash = RegistryJournal.hash(RegistryJournal.SM3, previous,
              RegistryJournal.canonicalContent(id, at, operation.name(), payload));
          rows.append(id).append('\t').append(RegistryJournal.TIMESTAMP.format(at)).append('\t')
              .append(operation.name()).append('\t').append(copyText(payload)).append('\t').append(previous)
              .append('\t').append(hash).append('\t').append(copyText(privateDetails)).append('\t').append(salt)
              .append("\tSM3\n");
          previous = hash;
        }
        copy.copyIn("copy registry_journal (id, occurred_at, operation, payload, previous_hash, hash, "
            + "private_details, private_salt, hash_algorithm) from stdin", new StringReader(rows.toString()));
      }
      try (var update = connection.prepareStatement(
          "update registry_journal_head set last_entry_id = ?, last_hash = ? where id = 1")) {
        update.setLong(1, target);
        update.setString(2, previous);
        update.executeUpdate();
      }
      connection.commit();
    }
    jdbc.execute("vacuum analyze registry_journal");
    System.out.printf(Locale.ROOT, "filling: %d entries appended in %.0f s%n", target - headId,
        (System.nanoTime() - start) / 1e9);
  }

  private static String copyText(String value) {
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static String load() {
    try {
      return "load " + Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
    } catch (java.io.IOException e) {
      return "load unknown";
    }
  }

  /** Samples the heap every 10 ms: the largest use seen, and the largest use left after a collection. */
  private static final class HeapSampler extends Thread {
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP).toList();

    HeapSampler() {
      setDaemon(true);
    }

    @Override
    public void run() {
      while (!isInterrupted()) {
        peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        long afterGc = heapPools.stream().mapToLong(pool -> pool.getCollectionUsage() == null ? 0
            : pool.getCollectionUsage().getUsed()).sum();
        peakAfterGc.accumulateAndGet(afterGc, Math::max);
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    long peak() { return peak.get(); }

    long peakAfterGc() { return peakAfterGc.get(); }
  }
}
