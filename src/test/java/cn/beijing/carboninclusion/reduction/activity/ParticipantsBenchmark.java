package cn.beijing.carboninclusion.reduction.activity;

import cn.beijing.carboninclusion.CarbonInclusionApplication;
import cn.beijing.carboninclusion.crypto.PersonalText;
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
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark of issue 19 (not a test: surefire never runs it; {@code bench/participants.sh} does). Starts the embedded
 * PostgreSQL and the whole platform, credits N participants of one application directly in {@code participant_share}
 * (COPY; setup, not measured) under a known project secret, then measures: the payout ledger of N lines (the CSV given
 * as the first argument: {@code u0000001 …}) POSTed over HTTP (reconciliation, ratio, Merkle root, journal), the
 * Merkle root alone recomputed from the database, and one participant's proof over HTTP; with the JVM's peak heap.
 */
public final class ParticipantsBenchmark {

  public static void main(String[] args) throws Exception {
    Path csv = Path.of(args[0]);
    long n = Long.parseLong(args[1]);
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start()) {
      ConfigurableApplicationContext app = new SpringApplicationBuilder(CarbonInclusionApplication.class).run(
          "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
          "--spring.datasource.username=postgres", "--spring.datasource.password=postgres", "--server.port=0",
          "--carbon-inclusion.data-dir=target/bench-data", "--camunda.bpm.job-execution.enabled=false",
          "--spring.servlet.multipart.max-file-size=-1", "--spring.servlet.multipart.max-request-size=-1",
          "--spring.mail.host=127.0.0.1", "--logging.level.root=WARN");
      try {
        run(app, csv, n);
      } finally {
        app.close();
      }
    }
  }

  private static void run(ConfigurableApplicationContext app, Path csv, long n) throws Exception {
    JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    ReductionApplication application = application(app);
    byte[] secret = new byte[32];
    jdbc.update("insert into participant_secret (project_id, secret, created_at) values (?, ?, now())",
        application.getProjectId(), app.getBean(PersonalText.class).convertToDatabaseColumn(
            Base64.getEncoder().encodeToString(secret)));
    Pseudonyms.Of pseudonyms = new Pseudonyms.Of(secret);
    long seeding = System.nanoTime();
    try (Connection connection = app.getBean(DataSource.class).getConnection()) {
      CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy participant_share "
          + "(application_id, project_id, pseudonym, trips, reduction_exact, credited_tco2e) from stdin");
      StringBuilder buffer = new StringBuilder();
      for (long i = 1; i <= n; i++) {
        buffer.append(application.getId()).append('\t').append(application.getProjectId()).append('\t')
            .append(pseudonyms.of("u%07d".formatted(i))).append("\t3\t0.0123456789\t0.012345\n");
        if (buffer.length() > 1 << 16) {
          byte[] bytes = buffer.toString().getBytes(StandardCharsets.US_ASCII);
          copy.writeToCopy(bytes, 0, bytes.length);
          buffer.setLength(0);
        }
      }
      byte[] bytes = buffer.toString().getBytes(StandardCharsets.US_ASCII);
      copy.writeToCopy(bytes, 0, bytes.length);
      copy.endCopy();
    }
    jdbc.execute("analyze participant_share");
    System.out.printf(Locale.ROOT, "setup: %d participants credited in %.1f s%n", n,
        (System.nanoTime() - seeding) / 1e9);
    System.out.printf(Locale.ROOT, "jvm: %d cores, max heap %d MiB; file: %s, %.1f MiB%n",
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, csv,
        Files.size(csv) / 1048576.0);

    HeapSampler sampler = new HeapSampler();
    sampler.start();
    long start = System.nanoTime();
    HttpResponse<String> ledger = post(port, application.getId(), csv);
    double ledgerSeconds = (System.nanoTime() - start) / 1e9;
    long ledgerPeak = sampler.peak.get();
    System.out.printf(Locale.ROOT, "ledger: HTTP %d in %.1f s (%.0f rows/s), peak heap used %d MiB: %s%n",
        ledger.statusCode(), ledgerSeconds, n / ledgerSeconds, ledgerPeak >> 20,
        ledger.body().length() > 400 ? ledger.body().substring(0, 400) : ledger.body());

    sampler.peak.set(0);
    start = System.nanoTime();
    MerkleTree.Builder tree = new MerkleTree.Builder();
    try (Connection connection = app.getBean(DataSource.class).getConnection()) {
      connection.setAutoCommit(false);  // the driver streams (fetch size) only inside a transaction
      PayoutLedgers.leaves(connection, application.getId(), (p, c, a) -> tree.add(MerkleTree.leafHash(p, c, a)));
      connection.rollback();
    }
    double rootSeconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "root: %d leaves in %.1f s, %s, peak heap used %d MiB%n", tree.count(),
        rootSeconds, HexFormat.of().formatHex(tree.root()), sampler.peak.get() >> 20);

    start = System.nanoTime();
    HttpResponse<String> proof = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + port + "/api/projects/" + application.getProjectId() + "/periods/"
                + application.getId() + "/participants/" + pseudonyms.of("u%07d".formatted(n / 2)) + "/proof"))
        .header("Authorization", auth()).build(), HttpResponse.BodyHandlers.ofString());
    double proofSeconds = (System.nanoTime() - start) / 1e9;
    sampler.interrupt();
    System.out.printf(Locale.ROOT, "proof: HTTP %d in %.1f s, %d hashes%n", proof.statusCode(), proofSeconds,
        proof.statusCode() == 200 ? new com.fasterxml.jackson.databind.ObjectMapper().readTree(proof.body())
            .get("path").size() : -1);
    System.out.printf(Locale.ROOT, "RESULT participants=%d ledger_seconds=%.1f ledger_rows_per_s=%.0f "
            + "root_seconds=%.1f proof_seconds=%.1f peak_heap_mib=%d max_heap_mib=%d%n", n, ledgerSeconds,
        n / ledgerSeconds, rootSeconds, proofSeconds, Math.max(ledgerPeak, sampler.peak.get()) >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
    if (ledger.statusCode() != 200 || proof.statusCode() != 200) {
      throw new IllegalStateException("unexpected outcome: " + ledger.statusCode() + ", " + proof.statusCode());
    }
  }

  private static String auth() {
    return "Basic " + Base64.getEncoder().encodeToString("greentravel:demo".getBytes(StandardCharsets.UTF_8));
  }

  private static ReductionApplication application(ConfigurableApplicationContext app) {
    Long developerId = app.getBean(DeveloperService.class).organisationOf("greentravel").orElseThrow().getId();
    Long methodologyId = app.getBean(Methodologies.class).findByCodeAndVersion("BJCI-M-TRAVEL", 1).orElseThrow()
        .getId();
    Project project = app.getBean(Projects.class).save(new Project(ProjectClass.CLASS_I, methodologyId, developerId,
        "基准测试-" + UUID.randomUUID(), "海淀区", Instant.now()));
    ReductionApplication application = new ReductionApplication(project.getId(), LocalDate.of(2024, 1, 1),
        LocalDate.of(2024, 12, 31), BigDecimal.ZERO, Instant.now());
    application.moveTo(ActivityUploads.OPEN_FOR_UPLOAD.iterator().next());
    return app.getBean(ReductionApplications.class).save(application);
  }

  private static HttpResponse<String> post(int port, Long applicationId, Path csv) throws Exception {
    String boundary = "bench-" + UUID.randomUUID();
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"payouts.csv\"\r\n"
        + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    long length = head.length + Files.size(csv) + tail.length;
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/reduction-applications/" + applicationId + "/payouts"))
        .header("Authorization", auth())
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
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Samples the heap every 10 ms: the largest use seen. */
  private static final class HeapSampler extends Thread {
    final AtomicLong peak = new AtomicLong();

    HeapSampler() {
      setDaemon(true);
    }

    @Override
    public void run() {
      while (!isInterrupted()) {
        peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }
}
