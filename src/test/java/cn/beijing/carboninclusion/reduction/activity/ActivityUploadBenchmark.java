package cn.beijing.carboninclusion.reduction.activity;

import cn.beijing.carboninclusion.CarbonInclusionApplication;
import cn.beijing.carboninclusion.developer.DeveloperService;
import cn.beijing.carboninclusion.methodology.Methodologies;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectClass;
import cn.beijing.carboninclusion.project.Projects;
import cn.beijing.carboninclusion.reduction.ReductionApplication;
import cn.beijing.carboninclusion.reduction.ReductionApplications;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark of the activity upload (not a test: surefire never runs it; {@code bench/activity-upload.sh} does). Starts
 * the embedded PostgreSQL the tests use (or uses the server named by {@code BENCH_DB_URL}, {@code BENCH_DB_USER},
 * {@code BENCH_DB_PASSWORD}: an empty database) and the whole platform on it, then POSTs the CSV file given as the first
 * argument to {@code /api/reduction-applications/{id}/activities} as a developer, over HTTP on the loopback
 * interface, and prints the elapsed time, the rate and the JVM's peak heap. A second upload of the same file to
 * another project's application measures the refusal of a file whose every trip is already claimed. Arguments after
 * the file are passed to the platform as settings ({@code --key=value}).
 */
public final class ActivityUploadBenchmark {

  public static void main(String[] args) throws Exception {
    Path csv = Path.of(args[0]);
    List<String> extra = List.of(args).subList(1, args.length);  // further settings, e.g. the formula chunk size
    String url = System.getenv("BENCH_DB_URL");
    if (url != null && !url.isBlank()) {
      // a PostgreSQL server of one's own, e.g. Debian's with its default (durable) settings
      run(url, env("BENCH_DB_USER", "postgres"), env("BENCH_DB_PASSWORD", ""), csv, extra, "external");
      return;
    }
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start()) {
      run(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", csv, extra, "embedded, as the tests");
    }
  }

  private static void run(String url, String user, String password, Path csv, List<String> extra, String kind)
      throws Exception {
    List<String> settings = new java.util.ArrayList<>(List.of(
        "--spring.datasource.url=" + url,
        "--spring.datasource.username=" + user,
        "--spring.datasource.password=" + password,
        "--server.port=0",
        "--carbon-inclusion.data-dir=target/bench-data",
        "--camunda.bpm.job-execution.enabled=false",
        // a million trips are ~55 MB: above the platform's default multipart limit of 20 MB
        "--spring.servlet.multipart.max-file-size=-1",
        "--spring.servlet.multipart.max-request-size=-1",
        "--spring.mail.host=127.0.0.1",
        "--logging.level.root=WARN",
        "--logging.level.cn.beijing.carboninclusion.reduction.activity=INFO"));
    settings.addAll(extra);
    ConfigurableApplicationContext app = new SpringApplicationBuilder(CarbonInclusionApplication.class)
        .run(settings.toArray(String[]::new));
    try {
      run(app, csv, kind);
    } finally {
      app.close();
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null ? fallback : value;
  }

  private static void run(ConfigurableApplicationContext app, Path csv, String kind) throws Exception {
    JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    ReductionApplication first = application(app, "greentravel");
    ReductionApplication second = application(app, "sunroof");
    System.out.printf(Locale.ROOT, "database: PostgreSQL %s (%s); fsync=%s, synchronous_commit=%s, "
            + "shared_buffers=%s%n", jdbc.queryForObject("show server_version", String.class), kind,
        jdbc.queryForObject("show fsync", String.class), jdbc.queryForObject("show synchronous_commit", String.class),
        jdbc.queryForObject("show shared_buffers", String.class));
    System.out.printf(Locale.ROOT, "jvm: %s, %d cores, max heap %d MiB%n", System.getProperty("java.vm.version"),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    System.out.printf(Locale.ROOT, "file: %s, %.1f MiB%n", csv, Files.size(csv) / 1048576.0);

    Measured accepted = upload(port, "greentravel", first.getId(), csv);
    long claimed = jdbc.queryForObject("select count(*) from claimed_activity where application_id = ?", Long.class,
        first.getId());
    System.out.printf(Locale.ROOT, "accepted upload: HTTP %d in %.1f s: %s%n", accepted.status, accepted.seconds,
        accepted.body);
    System.out.printf(Locale.ROOT, "  %d trips claimed, %.0f rows/s; heap: %d MiB before, peak used %d MiB, "
            + "largest after a GC %d MiB%n", claimed, claimed / accepted.seconds, accepted.heapBefore >> 20,
        accepted.peakHeap >> 20, accepted.peakAfterGc >> 20);

    Measured refused = upload(port, "sunroof", second.getId(), csv);
    String firstError = refused.body.length() > 240 ? refused.body.substring(0, 240) + "…" : refused.body;
    System.out.printf(Locale.ROOT, "refused upload (every trip already claimed): HTTP %d in %.1f s, peak heap used "
        + "%d MiB: %s%n", refused.status, refused.seconds, refused.peakHeap >> 20, firstError);
    if (accepted.status != 200 || refused.status != 400) {
      throw new IllegalStateException("unexpected outcome: " + accepted.status + ", " + refused.status);
    }
    System.out.printf(Locale.ROOT, "RESULT rows=%d seconds=%.1f rows_per_s=%.0f peak_heap_mib=%d "
            + "peak_after_gc_mib=%d max_heap_mib=%d%n", claimed, accepted.seconds, claimed / accepted.seconds,
        accepted.peakHeap >> 20, accepted.peakAfterGc >> 20, Runtime.getRuntime().maxMemory() >> 20);
  }

  /** A fresh travel project of the developer with a reduction application open for activity data. */
  private static ReductionApplication application(ConfigurableApplicationContext app, String developerUser) {
    Long developerId = app.getBean(DeveloperService.class).organisationOf(developerUser).orElseThrow().getId();
    Long methodologyId = app.getBean(Methodologies.class).findByCodeAndVersion("BJCI-M-TRAVEL", 1).orElseThrow()
        .getId();
    Project project = app.getBean(Projects.class).save(new Project(ProjectClass.CLASS_I, methodologyId, developerId,
        "基准测试-" + UUID.randomUUID(), "海淀区", Instant.now()));
    ReductionApplication application = new ReductionApplication(project.getId(), LocalDate.of(2024, 1, 1),
        LocalDate.of(2024, 12, 31), BigDecimal.ZERO, Instant.now());
    application.moveTo(ActivityUploads.OPEN_FOR_UPLOAD.iterator().next());
    return app.getBean(ReductionApplications.class).save(application);
  }

  /** An upload's outcome; heap figures in bytes: before it, its sampled peak, and the largest heap left after a GC. */
  private record Measured(int status, double seconds, String body, long heapBefore, long peakHeap,
      long peakAfterGc) {}

  /** POSTs the file as multipart/form-data, streamed from disk; samples the heap meanwhile. */
  private static Measured upload(int port, String user, Long applicationId, Path csv) throws Exception {
    String boundary = "bench-" + UUID.randomUUID();
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"trips.csv\"\r\n"
        + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    long length = head.length + Files.size(csv) + tail.length;
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/reduction-applications/" + applicationId + "/activities"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes()))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
          try {
            return new SequenceInputStream(Collections.enumeration(List.<InputStream>of(
                new ByteArrayInputStream(head), Files.newInputStream(csv), new ByteArrayInputStream(tail))));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }), length))
        .build();
    System.gc();
    long heapBefore = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    HeapSampler sampler = new HeapSampler();
    sampler.start();
    long start = System.nanoTime();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request,
        HttpResponse.BodyHandlers.ofString());
    double seconds = (System.nanoTime() - start) / 1e9;
    sampler.interrupt();
    sampler.join();
    return new Measured(response.statusCode(), seconds, response.body(), heapBefore, sampler.peak(),
        sampler.peakAfterGc());
  }

  /**
   * Samples the heap every 10 ms: the largest use seen (garbage included, so it follows the young generation's
   * size), and the largest use left after a collection (what the upload really keeps).
   */
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
