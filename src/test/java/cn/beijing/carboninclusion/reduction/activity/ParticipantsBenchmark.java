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
    String url = System.getenv("BENCH_DB_URL");
    if (url != null && !url.isBlank()) {
      // a PostgreSQL server of one's own, e.g. Debian's with its default (durable) settings (bench/lib.sh)
      start(url, env("BENCH_DB_USER", "postgres"), env("BENCH_DB_PASSWORD", ""), csv, n, "external");
      return;
    }
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start()) {
      start(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", csv, n, "embedded, as the tests");
    }
  }

  private static String env(String name, String otherwise) {
    String value = System.getenv(name);
    return value == null ? otherwise : value;
  }

  private static void start(String url, String user, String password, Path csv, long n, String kind)
      throws Exception {
    System.out.printf(Locale.ROOT, "setup: database %s (%s)%n", url, kind);
    ConfigurableApplicationContext app = new SpringApplicationBuilder(CarbonInclusionApplication.class).run(
        "--spring.datasource.url=" + url,
        "--spring.datasource.username=" + user, "--spring.datasource.password=" + password, "--server.port=0",
        "--carbon-inclusion.data-dir=target/bench-data", "--camunda.bpm.job-execution.enabled=false",
        "--spring.servlet.multipart.max-file-size=-1", "--spring.servlet.multipart.max-request-size=-1",
        "--spring.mail.host=127.0.0.1", "--logging.level.root=WARN");
    try {
      run(app, csv, n);
    } finally {
      app.close();
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
    HttpResponse<String> proof = proofOverHttp(port, application, pseudonyms.of("u%07d".formatted(n / 2)), auth());
    double proofSeconds = (System.nanoTime() - start) / 1e9;
    sampler.interrupt();
    System.out.printf(Locale.ROOT, "proof: HTTP %d in %.1f s (the first request of its kind), %d hashes%n",
        proof.statusCode(), proofSeconds,
        proof.statusCode() == 200 ? new com.fasterxml.jackson.databind.ObjectMapper().readTree(proof.body())
            .get("path").size() : -1);
    // the break-down: the same request warm (other participants, spread over the leaves), then the same work
    // without HTTP (the service's call: the ledger, the share, the payout, the chunk and the chunk hashes)
    int warm = 30;
    double[] overHttp = new double[warm];
    double[] inProcess = new double[warm];
    PayoutLedgers ledgers = app.getBean(PayoutLedgers.class);
    // as the developer's app calls it: a client token (HTTP Basic checks the password's slow hash on every request)
    HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + port + "/api/tokens")).header("Authorization", auth())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"client\":\"bench\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    String bearer = "Bearer " + new com.fasterxml.jackson.databind.ObjectMapper().readTree(token.body())
        .get("token").asText();
    double[] overHttpBasic = new double[warm];
    for (int i = 0; i < warm; i++) {
      String pseudonym = pseudonyms.of("u%07d".formatted(1 + (i * 7919L * 379) % n));
      long t = System.nanoTime();
      if (proofOverHttp(port, application, pseudonym, bearer).statusCode() != 200) {
        throw new IllegalStateException("warm proof refused");
      }
      overHttp[i] = (System.nanoTime() - t) / 1e6;
      t = System.nanoTime();
      proofOverHttp(port, application, pseudonym, auth());
      overHttpBasic[i] = (System.nanoTime() - t) / 1e6;
      t = System.nanoTime();
      ledgers.proof(application.getProjectId(), application.getId(), pseudonym).orElseThrow();
      inProcess[i] = (System.nanoTime() - t) / 1e6;
    }
    java.util.Arrays.sort(overHttp);
    java.util.Arrays.sort(inProcess);
    java.util.Arrays.sort(overHttpBasic);
    System.out.printf(Locale.ROOT, "proof warm: %d requests over HTTP with a client token median %.1f ms, max %.1f "
            + "ms; with HTTP Basic median %.1f ms, max %.1f ms; the service's call alone median %.1f ms, max %.1f ms%n",
        warm, overHttp[warm / 2], overHttp[warm - 1], overHttpBasic[warm / 2], overHttpBasic[warm - 1],
        inProcess[warm / 2], inProcess[warm - 1]);
    explainProof(jdbc, application.getId(), pseudonyms.of("u%07d".formatted(n / 2)));
    System.out.printf(Locale.ROOT, "RESULT participants=%d ledger_seconds=%.1f ledger_rows_per_s=%.0f "
            + "root_seconds=%.1f proof_seconds=%.1f proof_warm_ms=%.1f peak_heap_mib=%d max_heap_mib=%d%n", n, ledgerSeconds,
        n / ledgerSeconds, rootSeconds, proofSeconds, overHttp[warm / 2], Math.max(ledgerPeak, sampler.peak.get()) >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
    if (ledger.statusCode() != 200 || proof.statusCode() != 200) {
      throw new IllegalStateException("unexpected outcome: " + ledger.statusCode() + ", " + proof.statusCode());
    }
  }

  /** The proof's queries one by one, as PostgreSQL runs them (EXPLAIN ANALYZE: plan and execution time). */
  private static void explainProof(JdbcTemplate jdbc, Long applicationId, String pseudonym) {
    String chunk = jdbc.queryForObject("select first_pseudonym from participant_chunk where application_id = ? and "
        + "first_pseudonym collate \"C\" <= ? order by first_pseudonym collate \"C\" desc fetch first 1 rows only",
        String.class, applicationId, pseudonym);
    java.util.Map<String, String> queries = new java.util.LinkedHashMap<>();
    queries.put("share", "select credited_tco2e from participant_share where application_id = " + applicationId
        + " and pseudonym = '" + pseudonym + "'");
    queries.put("payout", "select coalesce(max(amount_yuan), 0) from payout where application_id = " + applicationId
        + " and pseudonym = '" + pseudonym + "'");
    queries.put("chunk", "select chunk_no, first_pseudonym, leaves from participant_chunk where application_id = "
        + applicationId + " and first_pseudonym collate \"C\" <= '" + pseudonym + "' order by first_pseudonym "
        + "collate \"C\" desc fetch first 1 rows only");
    queries.put("chunk shares", "select pseudonym, credited_tco2e from participant_share where application_id = "
        + applicationId + " and pseudonym collate \"C\" >= '" + chunk + "' order by pseudonym collate \"C\" "
        + "fetch first 1024 rows only");
    String last = jdbc.queryForObject("select max(pseudonym) from (select pseudonym from participant_share where "
        + "application_id = ? and pseudonym collate \"C\" >= ? order by pseudonym collate \"C\" fetch first 1024 "
        + "rows only) c", String.class, applicationId, chunk);
    queries.put("chunk payouts", "select pseudonym, amount_yuan from payout where application_id = " + applicationId
        + " and pseudonym collate \"C\" >= '" + chunk + "' and pseudonym collate \"C\" <= '" + last
        + "' order by pseudonym collate \"C\"");
    queries.put("chunk hashes", "select hash from participant_chunk where application_id = " + applicationId
        + " order by chunk_no");
    queries.forEach((name, sql) -> {
      List<String> plan = jdbc.queryForList("explain (analyze, buffers) " + sql, String.class);
      String top = plan.get(0).strip();
      String execution = plan.stream().filter(l -> l.startsWith("Execution Time")).findFirst().orElse("?");
      System.out.printf(Locale.ROOT, "proof query %s: %s | %s%n", name, execution,
          top.length() > 140 ? top.substring(0, 140) : top);
      if (plan.stream().anyMatch(l -> l.contains("Seq Scan") || l.contains("external"))) {
        plan.forEach(l -> System.out.println("proof plan  " + l));
      }
    });
  }

  private static HttpResponse<String> proofOverHttp(int port, ReductionApplication application, String pseudonym,
      String authorization) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + port + "/api/projects/" + application.getProjectId() + "/periods/"
                + application.getId() + "/participants/" + pseudonym + "/proof"))
        .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString());
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
