package cn.beijing.carboninclusion.bench;

import cn.beijing.carboninclusion.CarbonInclusionApplication;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Full-case throughput over HTTP, as a ratio (issue 17; {@code bench/cases.sh}, docs/benchmarks.md). Not a test:
 * Surefire never runs it.
 *
 * <p>Starts the whole platform (job executor on) on PostgreSQL — the embedded one of the tests, or the server named by
 * {@code BENCH_DB_URL} — and drives, with {@code T} client threads, over HTTP only ({@code /api} and
 * {@code /engine-rest}):
 * <ul>
 *   <li><b>real</b>: {@code N} Class I registrations (filed by greentravel with their documents; technical review by
 *       wangfang; publicity; bureau decision by zhangwei; REGISTERED), then {@code N} reduction applications on those
 *       projects (filed and submitted by greentravel naming the demo verifier; its report and conclusion by hecha;
 *       review by liuyang; approval by lina; issued, REGISTERED). A case
 *       counts when the platform's own rows say it ended (polled through {@code /api});</li>
 *   <li><b>twin</b>: the same models with every delegate and listener replaced by a no-op ({@link TwinModels}),
 *       deployed by {@code admin} through {@code /engine-rest/deployment/create}, started by {@code admin} through
 *       {@code /engine-rest} with the variables the platform would have set, the same tasks completed by the same
 *       people the same way; a case counts when the engine's history says it ended.</li>
 * </ul>
 * Every human task is claimed and completed through {@code /engine-rest} and passes the task door (form, separation of
 * duties, recorded decision). Publicity lasts 20 working days: the driver moves the engine's clock forward
 * ({@link ClockUtil}, what the tests do; the platform runs in this JVM) once every case waits in publicity, and the
 * job executor then executes the due timers as it would in production. The twin's publicity is 40 working days, so the
 * real and the twin timers fall due at two different moves and are timed apart. Clients authenticate with one client
 * token per demo user ({@code AUTH=token}, default; renewed after a clock move, which ends them) or with HTTP Basic on
 * every request ({@code AUTH=basic}).
 */
public final class CasesBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final String REAL_PROJECT_TWIN_KEY = "ProjectRegistration" + TwinModels.SUFFIX;
  private static final String REDUCTION_TWIN_KEY = "ReductionRegistration" + TwinModels.SUFFIX;
  /** Polls start 25 ms apart and back off to at most 200 ms (the same for real and twin). */
  private static final long POLL_MILLIS = 25;
  private static final long POLL_MAX_MILLIS = 200;
  private static final Duration CASE_TIMEOUT = Duration.ofMinutes(5);
  private static final boolean DIAG = "1".equals(System.getenv("DIAG"));

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private final boolean basic;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  private final JdbcTemplate jdbc;
  /** With DIAG=1: the time spent in each kind of request, per variant ({@code real} / {@code twin}). */
  private final Map<String, long[]> timings = new ConcurrentHashMap<>();
  private volatile String variant = "setup";

  private CasesBenchmark(int port, boolean basic, JdbcTemplate jdbc) {
    this.base = "http://127.0.0.1:" + port;
    this.basic = basic;
    this.jdbc = jdbc;
  }

  /**
   * Write-ahead log flushes of the server so far (PostgreSQL 14+, {@code pg_stat_wal.wal_sync}): each committed
   * transaction that wrote something waits for one, unless it shares it with another (group commit).
   */
  private final List<Map<String, Long>> writes = new ArrayList<>();

  /** Rows written per table so far ({@code pg_stat_user_tables}), kept for {@link #printWrites}. */
  private void snapshotWrites() {
    Map<String, Long> rows = new java.util.TreeMap<>();
    jdbc.query("select relname, n_tup_ins + n_tup_upd + n_tup_del from pg_stat_user_tables",
        (java.sql.ResultSet rs) -> {
          rows.put(rs.getString(1), rs.getLong(2));
        });
    writes.add(rows);
  }

  /** Rows written per case and table by the real cases and by the twins (DIAG=1). */
  private void printWrites(int n) {
    Map<String, double[]> perTable = new java.util.TreeMap<>();
    int[][] phases = {{0, 1, 0}, {3, 4, 0}, {1, 2, 1}, {5, 6, 1}};
    for (int[] phase : phases) {
      writes.get(phase[1]).forEach((table, count) -> perTable.computeIfAbsent(table, t -> new double[2])[phase[2]] +=
          (count - writes.get(phase[0]).getOrDefault(table, 0L)) / (2.0 * n));
    }
    perTable.entrySet().stream().filter(e -> e.getValue()[0] + e.getValue()[1] >= 0.5)
        .sorted((a, b) -> Double.compare(b.getValue()[0] - b.getValue()[1], a.getValue()[0] - a.getValue()[1]))
        .forEach(e -> System.out.printf(Locale.ROOT, "writes %s: %.1f real, %.1f twin rows per case%n", e.getKey(),
            e.getValue()[0], e.getValue()[1]));
  }

  private long commits() {
    if (DIAG) {
      pause();
      snapshotWrites();
    }
    Long syncs = jdbc.queryForObject("select wal_sync from pg_stat_wal", Long.class);
    return syncs == null ? 0 : syncs;
  }

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(env("N", "20"));
    int threads = Integer.parseInt(env("T", "4"));
    int warmup = Integer.parseInt(env("WARMUP", "3"));
    boolean basic = "basic".equalsIgnoreCase(env("AUTH", "token"));
    Path twins = Path.of(args[0]);
    List<String> extra = List.of(args).subList(1, args.length);
    String url = System.getenv("BENCH_DB_URL");
    if (url != null && !url.isBlank()) {
      run(url, env("BENCH_DB_USER", "postgres"), env("BENCH_DB_PASSWORD", ""), "external", twins, extra, n, threads,
          warmup, basic);
      return;
    }
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start()) {
      run(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", "embedded, as the tests", twins, extra,
          n, threads, warmup, basic);
    }
  }

  private static void run(String url, String user, String password, String kind, Path twins, List<String> extra,
      int n, int threads, int warmup, boolean basic) throws Exception {
    List<String> settings = new ArrayList<>(List.of(
        "--spring.datasource.url=" + url,
        "--spring.datasource.username=" + user,
        "--spring.datasource.password=" + password,
        "--server.port=" + env("APP_PORT", "18083"),
        "--carbon-inclusion.data-dir=target/bench-cases-data",
        "--spring.mail.host=127.0.0.1",
        "--logging.level.root=WARN"));
    settings.addAll(extra);
    ConfigurableApplicationContext app = new SpringApplicationBuilder(CarbonInclusionApplication.class)
        .run(settings.toArray(String[]::new));
    try {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      System.out.printf(Locale.ROOT, "database: PostgreSQL %s (%s); fsync=%s, synchronous_commit=%s, "
              + "shared_buffers=%s%n", jdbc.queryForObject("show server_version", String.class), kind,
          jdbc.queryForObject("show fsync", String.class),
          jdbc.queryForObject("show synchronous_commit", String.class),
          jdbc.queryForObject("show shared_buffers", String.class));
      System.out.printf(Locale.ROOT, "jvm: %s, %d cores, max heap %d MiB; N=%d T=%d warm-up=%d auth=%s%n",
          System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().maxMemory() >> 20, n, threads, warmup, basic ? "basic" : "token");
      int port = Integer.parseInt(env("APP_PORT", "18083"));
      new CasesBenchmark(port, basic, jdbc).drive(twins, n, threads, warmup);
    } finally {
      ClockUtil.reset();
      app.close();
    }
  }

  // ---- the run -----------------------------------------------------------------------------------------------

  private void drive(Path twins, int n, int threads, int warmup) throws Exception {
    login();
    deployTwins(twins);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      // warm-up (not counted): the JIT and the caches meet every request of the first half once; then withdrawn
      List<Long> warmReal = all(pool, warmup, i -> realToPublicity(), "warm-up real");
      List<String> warmTwin = all(pool, warmup, i -> twinToPublicity(i, "P40WD"), "warm-up twin");
      for (Long project : warmReal) {
        call("greentravel", "POST", "/api/projects/" + project + "/withdrawal", Map.of("reason", "基准测试预热"), 200);
      }
      for (String instance : warmTwin) {
        call("admin", "DELETE", "/engine-rest/process-instance/" + instance + "?deleteReason="
            + URLEncoder.encode("基准测试预热", StandardCharsets.UTF_8), null, 204);
      }

      long[] commits = new long[7];
      long[] bytes = new long[7];
      commits[0] = commits();
      bytes[0] = bytes();
      variant = "real";
      long start = System.nanoTime();
      List<Long> projects = all(pool, n, i -> realToPublicity(), "real registrations to publicity");
      double realA = seconds(start);
      commits[1] = commits();
      bytes[1] = bytes();
      variant = "twin";
      start = System.nanoTime();
      List<String> twinCases = all(pool, n, i -> twinToPublicity(i, "P40WD"), "twin registrations to publicity");
      double twinA = seconds(start);
      commits[2] = commits();
      bytes[2] = bytes();

      // publicity runs its course: the clock moves past the last day of every real publicity (20 working days)
      variant = "setup";
      LocalDate lastDay = projects.stream().map(this::publicityEnd).max(LocalDate::compareTo).orElseThrow();
      variant = "setup";
      moveClockTo(lastDay.plusDays(1));
      commits[3] = commits();
      bytes[3] = bytes();
      variant = "real";
      start = System.nanoTime();
      List<Long> registered = all(pool, n, i -> realFromPublicity(projects.get(i)), "real registrations ended");
      double realB = seconds(start);
      start = System.nanoTime();
      all(pool, n, i -> realReduction(registered.get(i)), "real reductions ended");
      double realR = seconds(start);
      commits[4] = commits();
      bytes[4] = bytes();

      // the twin's publicity (40 working days) runs its course
      variant = "setup";
      moveClockTo(lastDay.plusDays(1).plusWeeks(5));
      commits[5] = commits();
      bytes[5] = bytes();
      variant = "twin";
      start = System.nanoTime();
      all(pool, n, i -> twinFromPublicity(twinCases.get(i)), "twin registrations ended");
      double twinB = seconds(start);
      start = System.nanoTime();
      all(pool, n, i -> twinReduction(i), "twin reductions ended");
      double twinR = seconds(start);
      commits[6] = commits();
      bytes[6] = bytes();

      double real = 2.0 * n / (realA + realB + realR);
      double twin = 2.0 * n / (twinA + twinB + twinR);
      System.out.printf(Locale.ROOT, "real registrations: %.2f cases/s%n", n / (realA + realB));
      System.out.printf(Locale.ROOT, "twin registrations: %.2f cases/s%n", n / (twinA + twinB));
      System.out.printf(Locale.ROOT, "registration ratio: %.2f real/twin%n", (twinA + twinB) / (realA + realB));
      System.out.printf(Locale.ROOT, "real reductions: %.2f cases/s%n", n / realR);
      System.out.printf(Locale.ROOT, "twin reductions: %.2f cases/s%n", n / twinR);
      System.out.printf(Locale.ROOT, "reduction ratio: %.2f real/twin%n", twinR / realR);
      System.out.printf(Locale.ROOT, "real seconds: %.1f s (to publicity %.1f, after publicity %.1f, reductions "
          + "%.1f)%n", realA + realB + realR, realA, realB, realR);
      System.out.printf(Locale.ROOT, "twin seconds: %.1f s (to publicity %.1f, after publicity %.1f, reductions "
          + "%.1f)%n", twinA + twinB + twinR, twinA, twinB, twinR);
      System.out.printf(Locale.ROOT, "real: %.2f cases/s%n", real);
      System.out.printf(Locale.ROOT, "twin: %.2f cases/s%n", twin);
      System.out.printf(Locale.ROOT, "ratio: %.2f real/twin%n", real / twin);
      System.out.printf(Locale.ROOT, "real wal flushes: %.1f per case%n",
          ((commits[1] - commits[0]) + (commits[4] - commits[3])) / (2.0 * n));
      System.out.printf(Locale.ROOT, "twin wal flushes: %.1f per case%n",
          ((commits[2] - commits[1]) + (commits[6] - commits[5])) / (2.0 * n));
      // storage: what the cases' phases added to every table of the schema, indexes and TOAST included (history
      // level full; dead row versions not yet vacuumed count, as they take the space until autovacuum)
      System.out.printf(Locale.ROOT, "real storage: %.1f KB per case%n",
          ((bytes[1] - bytes[0]) + (bytes[4] - bytes[3])) / 1024.0 / (2.0 * n));
      System.out.printf(Locale.ROOT, "twin storage: %.1f KB per case%n",
          ((bytes[2] - bytes[1]) + (bytes[6] - bytes[5])) / 1024.0 / (2.0 * n));
      if (DIAG) {
        printWrites(n);
        timings.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(30)
            .forEach(e -> System.out.printf(Locale.ROOT, "requests %s: %.1f s in %d, %.1f ms each%n", e.getKey(),
                e.getValue()[0] / 1e9, e.getValue()[1], e.getValue()[0] / 1e6 / e.getValue()[1]));
      }
      variant = "auth";
      authenticationCost();
      System.out.printf(Locale.ROOT, "requests: %d count%n", requests.get());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Bytes of every table of the platform's schema, with its indexes and TOAST ({@code pg_total_relation_size}). */
  private long bytes() {
    Long total = jdbc.queryForObject("""
        select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c
        join pg_namespace s on s.oid = c.relnamespace where c.relkind = 'r' and s.nspname = current_schema()""",
        Long.class);
    return total == null ? 0 : total;
  }

  private interface Case<T> {
    T run(int index) throws Exception;
  }

  /** Runs {@code count} cases on the pool; every one must end, or the run stops. */
  private static <T> List<T> all(ExecutorService pool, int count, Case<T> each, String what) throws Exception {
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int index = i;
      futures.add(pool.submit(() -> each.run(index)));
    }
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(future.get());
    }
    System.out.printf(Locale.ROOT, "  %d %s%n", count, what);
    return results;
  }

  // ---- real cases ----------------------------------------------------------------------------------------------

  /** Files a Class I application, reviews it (wangfang) and waits for publicity's timer; the project id. */
  private Long realToPublicity() throws Exception {
    String unique = run + "-" + UUID.randomUUID();
    Map<String, Object> application = new LinkedHashMap<>();
    application.put("name", "基准测试项目-" + unique);
    application.put("projectClass", "CLASS_I");
    application.put("methodologyCode", "BJCI-M-TRAVEL");
    application.put("district", "海淀区");
    application.put("address", "测试路 " + java.util.concurrent.ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE) + " 号");
    application.put("description", "共享单车低碳出行激励");
    application.put("startDate", "2025-03-01");
    application.put("creditingStart", "2025-03-01");
    application.put("creditingEnd", "2030-02-28");
    application.put("revenueReturnRatio", "0.95");
    application.put("publicInterestCommitment", "所得收益用于公益，不以营利为目的。");
    application.put("revenuePlan", "减排量收益的 95% 按骑行里程返还参与者，其余用于平台运维。");
    application.put("identifiers", List.of(Map.of("scheme", "SITE", "identifier", "SITE-" + unique,
        "alreadyCredited", false)));
    JsonNode filed = multipart("greentravel", "/api/projects", application, 201);
    long project = filed.get("id").asLong();
    String key = String.valueOf(project);
    JsonNode review = awaitTask("wangfang", "processDefinitionKey=ProjectRegistration&processInstanceBusinessKey="
        + key + "&taskDefinitionKey=Task_TechnicalReview");
    work("wangfang", review, Map.of("reviewDecision", "APPROVE", "reviewComment", "技术评估通过"));
    awaitTimer(review.get("processInstanceId").asText());
    return project;
  }

  /** After the clock moved: the timer fires, zhangwei decides, and the project is REGISTERED; the project id. */
  private Long realFromPublicity(Long project) throws Exception {
    JsonNode decision = awaitTask("zhangwei", "processDefinitionKey=ProjectRegistration&processInstanceBusinessKey="
        + project + "&taskDefinitionKey=Task_BureauDecision");
    work("zhangwei", decision, Map.of("bureauDecision", "APPROVE", "bureauComment", "予以登记"));
    awaitDomain("greentravel", "/api/projects/" + project, "REGISTERED");
    return project;
  }

  /** A reduction application of the registered project, reviewed (liuyang), approved (lina), issued. */
  private Long realReduction(Long project) throws Exception {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("periodStart", "2025-04-01");
    request.put("periodEnd", "2025-06-30");
    request.put("claimedTco2e", "3.6");
    request.put("monitoringReport", "监测报告：轨道交通出行记录由平台采集并去标识化。");
    request.put("verifierAgencyId", verifierId());
    // the travel methodology is trip-level: a draft, its trips uploaded (100 rail trips of 500 km: 3.6 t), submitted
    request.put("submit", false);
    JsonNode filed = call("greentravel", "POST", "/api/projects/" + project + "/reduction-applications", request, 201);
    long application = filed.get("id").asLong();
    StringBuilder csv = new StringBuilder("participant_id,trip_id,mode,distance_km,timestamp\n");
    for (int t = 0; t < 100; t++) {
      csv.append("p").append(t % 7).append(',').append(run).append('-').append(application).append('-').append(t)
          .append(",rail,500,2025-05-0").append(1 + t % 9).append("T08:00:00+08:00\n");
    }
    String boundary = "bench-" + UUID.randomUUID();
    ByteArrayOutputStream upload = new ByteArrayOutputStream();
    part(upload, boundary, "file", "trips.csv", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    upload.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    send("greentravel", HttpRequest.newBuilder(URI.create(base + "/api/reduction-applications/" + application
        + "/activities")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(upload.toByteArray())), 200);
    call("greentravel", "POST", "/api/reduction-applications/" + application + "/submission", null, 200);
    String query = "processDefinitionKey=ReductionRegistration&processInstanceBusinessKey=" + project
        + "&taskDefinitionKey=";
    JsonNode verification = awaitTask("hecha", query + "Task_Verification");
    fileReport(application);
    work("hecha", verification, Map.of("verificationOpinion", "CONFIRMED", "verifierVerifiedTco2e", 3.6,
        "verificationComment", "核查确认"));
    work("liuyang", awaitTask("liuyang", query + "Task_TechnicalReview"),
        Map.of("reviewDecision", "APPROVE", "verifiedTco2e", 3.6, "reviewComment", "与出行记录一致"));
    work("lina", awaitTask("lina", query + "Task_BureauApproval"),
        Map.of("bureauDecision", "APPROVE", "approvedTco2e", 3.6, "bureauComment", "同意登记"));
    awaitDomain("greentravel", "/api/reduction-applications/" + application, "REGISTERED");
    return application;
  }

  private volatile Long verifier;

  /** The demo verifier's agency id, as a developer finds it in the agency list. */
  private long verifierId() throws Exception {
    if (verifier == null) {
      for (JsonNode agency : call("greentravel", "GET", "/api/agencies?kind=VERIFIER&size=200", null, 200)) {
        if ("91110105MA01HC8K5C".equals(agency.get("creditCode").asText())) {
          verifier = agency.get("id").asLong();
        }
      }
    }
    return verifier;
  }

  /** The verifier's report (a PDF) of a real application, filed as hecha. */
  private void fileReport(long application) throws Exception {
    String boundary = "bench-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    part(body, boundary, "file", "report.pdf", "application/pdf", pdf("核查报告"));
    body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    send("hecha", HttpRequest.newBuilder(URI.create(base + "/api/reduction-applications/" + application
            + "/verification-report")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), 200);
  }

  private LocalDate publicityEnd(Long project) {
    try {
      return LocalDate.parse(call("greentravel", "GET", "/api/projects/" + project, null, 200)
          .get("publicityEnd").asText());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- twin cases ----------------------------------------------------------------------------------------------

  /** Starts the registration twin with what the platform would have set, reviews it, waits for the timer. */
  private String twinToPublicity(int index, String publicity) throws Exception {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("reviewDue", "P20WD");
    variables.put("decisionDue", "P15WD");
    variables.put("supplementDue", "P10WD");
    variables.put("maxSupplementRounds", 3);
    variables.put("supplementRound", 0);
    variables.put("publicityDuration", publicity);
    variables.put("objectionCount", 0L);
    String instance = start(REAL_PROJECT_TWIN_KEY, "twin-" + run + "-r" + index + "-" + UUID.randomUUID(),
        variables);
    JsonNode review = awaitTask("wangfang", "processInstanceId=" + instance + "&taskDefinitionKey=Task_TechnicalReview");
    work("wangfang", review, Map.of("reviewDecision", "APPROVE", "reviewComment", "技术评估通过"));
    awaitTimer(instance);
    return instance;
  }

  private String twinFromPublicity(String instance) throws Exception {
    JsonNode decision = awaitTask("zhangwei", "processInstanceId=" + instance
        + "&taskDefinitionKey=Task_BureauDecision");
    work("zhangwei", decision, Map.of("bureauDecision", "APPROVE", "bureauComment", "予以登记"));
    awaitEnded(instance);
    return instance;
  }

  private String twinReduction(int index) throws Exception {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("reviewDue", "P20WD");
    variables.put("decisionDue", "P15WD");
    variables.put("projectSuspended", false);
    variables.put("changePending", false);
    variables.put(TwinModels.FACT_PREFIX + "claimedTco2e", 3.6);
    variables.put("verifierAccounts", "hecha");
    variables.put("verificationDue", "P15WD");
    String instance = start(REDUCTION_TWIN_KEY, "twin-" + run + "-e" + index + "-" + UUID.randomUUID(), variables);
    work("hecha", awaitTask("hecha", "processInstanceId=" + instance + "&taskDefinitionKey=Task_Verification"),
        Map.of("verificationOpinion", "CONFIRMED", "verifierVerifiedTco2e", 3.6, "verificationComment", "核查确认"));
    work("liuyang", awaitTask("liuyang", "processInstanceId=" + instance + "&taskDefinitionKey=Task_TechnicalReview"),
        Map.of("reviewDecision", "APPROVE", "verifiedTco2e", 3.6, "reviewComment", "与出行记录一致"));
    work("lina", awaitTask("lina", "processInstanceId=" + instance + "&taskDefinitionKey=Task_BureauApproval"),
        Map.of("bureauDecision", "APPROVE", "approvedTco2e", 3.6, "bureauComment", "同意登记"));
    awaitEnded(instance);
    return instance;
  }

  private String start(String key, String businessKey, Map<String, Object> variables) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("businessKey", businessKey);
    body.put("variables", typed(variables));
    return call("admin", "POST", "/engine-rest/process-definition/key/" + key + "/start", body, 200)
        .get("id").asText();
  }

  private void deployTwins(Path twins) throws Exception {
    for (String file : List.of("project-registration-twin.bpmn", "reduction-registration-twin.bpmn")) {
      byte[] model = Files.readAllBytes(twins.resolve(file));
      String boundary = "bench-" + UUID.randomUUID();
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      part(body, boundary, "deployment-name", null, "text/plain", ("benchmark twin " + file).getBytes(StandardCharsets.UTF_8));
      part(body, boundary, "deployment-source", null, "text/plain", "bench/cases.sh".getBytes(StandardCharsets.UTF_8));
      part(body, boundary, "enable-duplicate-filtering", null, "text/plain", "true".getBytes(StandardCharsets.UTF_8));
      part(body, boundary, "data", file, "application/octet-stream", model);
      body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      send("admin", HttpRequest.newBuilder(URI.create(base + "/engine-rest/deployment/create"))
          .header("Content-Type", "multipart/form-data; boundary=" + boundary)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), 200);
    }
    System.out.println("twins deployed: " + REAL_PROJECT_TWIN_KEY + ", " + REDUCTION_TWIN_KEY);
  }

  // ---- steps shared by both -------------------------------------------------------------------------------------

  /** Claims and completes a task as {@code user} through /engine-rest (Tasklist's two calls). */
  private void work(String user, JsonNode task, Map<String, Object> variables) throws Exception {
    String id = task.get("id").asText();
    call(user, "POST", "/engine-rest/task/" + id + "/claim", Map.of("userId", user), 204);
    call(user, "POST", "/engine-rest/task/" + id + "/complete", Map.of("variables", typed(variables)), 204);
  }

  private JsonNode awaitTask(String user, String query) throws Exception {
    return await("task " + query, () -> {
      JsonNode tasks = call(user, "GET", "/engine-rest/task?" + query, null, 200);
      return tasks.size() == 1 ? tasks.get(0) : null;
    });
  }

  /** Waits until publicity's timer waits (the asynchronous start of publicity has run). */
  private void awaitTimer(String instance) throws Exception {
    await("publicity timer of " + instance, () -> {
      JsonNode jobs = call("admin", "GET", "/engine-rest/job?timers=true&activityId=Timer_PublicityEnds"
          + "&processInstanceId=" + instance, null, 200);
      return jobs.size() == 1 ? jobs.get(0) : null;
    });
  }

  /** Polls a case through the platform API until its status is {@code ended}; another end state fails the run. */
  private void awaitDomain(String user, String path, String ended) throws Exception {
    await(path + " " + ended, () -> {
      JsonNode view = call(user, "GET", path, null, 200);
      String status = view.get("status").asText();
      if (List.of("REJECTED", "WITHDRAWN", "CANCELLED").contains(status)) {
        throw new IllegalStateException(path + " ended " + status + ": " + view.path("statusReason").asText());
      }
      return ended.equals(status) ? view : null;
    });
  }

  /** Polls the engine's history until the twin instance has ended. */
  private void awaitEnded(String instance) throws Exception {
    await("end of " + instance, () -> {
      JsonNode history = call("admin", "GET", "/engine-rest/history/process-instance/" + instance, null, 200);
      String state = history.get("state").asText();
      if (!List.of("ACTIVE", "COMPLETED").contains(state)) {
        throw new IllegalStateException(instance + " ended " + state);
      }
      return "COMPLETED".equals(state) ? history : null;
    });
  }

  private interface Probe {
    JsonNode probe() throws Exception;
  }

  private static JsonNode await(String what, Probe probe) throws Exception {
    long deadline = System.nanoTime() + CASE_TIMEOUT.toNanos();
    long pause = POLL_MILLIS;
    while (System.nanoTime() < deadline) {
      JsonNode found = probe.probe();
      if (found != null) {
        return found;
      }
      Thread.sleep(pause);
      pause = Math.min(2 * pause, POLL_MAX_MILLIS);
    }
    throw new IllegalStateException("timed out waiting for " + what);
  }

  /** Moves the engine's clock (and so the platform's) forward to noon of {@code day} in Beijing; tokens end. */
  private void moveClockTo(LocalDate day) throws Exception {
    long target = day.atTime(12, 0).atZone(BEIJING).toInstant().toEpochMilli();
    long offset = target - System.currentTimeMillis();
    if (offset > ClockUtil.now().getTime() - System.currentTimeMillis()) {
      ClockUtil.offset(offset);
    }
    System.out.println("clock moved to " + ClockUtil.now().toInstant());
    login(); // a client token ends after 15 idle minutes of the platform's clock
  }

  // ---- HTTP ------------------------------------------------------------------------------------------------------

  private static final List<String> USERS = List.of("greentravel", "wangfang", "liuyang", "zhangwei", "lina",
      "admin", "hecha");

  /** One client token per demo user (unless AUTH=basic). */
  private void login() throws Exception {
    if (!basic) {
      issueTokens();
    }
  }

  private void issueTokens() throws Exception {
    for (String user : USERS) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/tokens"))
          .header("Authorization", basicOf(user)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"client\":\"bench\"}"));
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException("token for " + user + ": " + response.statusCode() + " " + response.body());
      }
      tokens.put(user, JSON.readTree(response.body()).get("token").asText());
    }
  }

  private static String basicOf(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
  }

  private JsonNode call(String user, String method, String path, Object body, int expected) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (body != null) {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    if ("admin".equals(user) && !"GET".equals(method)) {
      request.header("X-Intervention-Reason", URLEncoder.encode("基准测试 bench/cases.sh", StandardCharsets.UTF_8));
    }
    return send(user, request, expected);
  }

  private JsonNode send(String user, HttpRequest.Builder request, int expected) throws Exception {
    request.header("Authorization", basic ? basicOf(user) : "Bearer " + tokens.get(user))
        .header("Accept", "application/json").timeout(Duration.ofSeconds(60));
    requests.incrementAndGet();
    long sent = System.nanoTime();
    HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (DIAG) {
      HttpRequest built = request.build();
      String path = built.uri().getPath().replaceAll("/[0-9a-f-]{8,}|/\\d+", "/{id}");
      long[] t = timings.computeIfAbsent(variant + " " + built.method() + " " + path, k -> new long[2]);
      synchronized (t) {
        t[0] += System.nanoTime() - sent;
        t[1]++;
      }
    }
    if (response.statusCode() != expected) {
      throw new IllegalStateException(request.build().method() + " " + request.build().uri() + " as " + user + ": "
          + response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
    }
    return response.body().length == 0 ? JSON.nullNode() : JSON.readTree(response.body());
  }

  /** POST /api/projects as multipart: the application and the two documents a Class I application needs. */
  private JsonNode multipart(String user, String path, Object application, int expected) throws Exception {
    String boundary = "bench-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    part(body, boundary, "application", null, "application/json", JSON.writeValueAsBytes(application));
    part(body, boundary, "designDocument", "pdd.pdf", "application/pdf", pdf("项目设计文件"));
    part(body, boundary, "implementationPlan", "plan.pdf", "application/pdf", pdf("组织实施方案"));
    body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(user, HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), expected);
  }

  private static byte[] pdf(String text) {
    return ("%PDF-1.4\n% " + text + " " + UUID.randomUUID() + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
  }

  private static void part(ByteArrayOutputStream body, String boundary, String name, String filename,
      String type, byte[] content) throws Exception {
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
        + (filename == null ? "" : "; filename=\"" + filename + "\"") + "\r\nContent-Type: " + type + "\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8));
    body.write(content);
    body.write("\r\n".getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, Object> typed(Map<String, Object> variables) {
    Map<String, Object> typed = new LinkedHashMap<>();
    variables.forEach((name, value) -> {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("value", value);
      if (value instanceof Long) {
        v.put("type", "Long");
      } else if (value instanceof Integer) {
        v.put("type", "Integer");
      } else if (value instanceof Double) {
        v.put("type", "Double");
      }
      typed.put(name, v);
    });
    return typed;
  }

  /** The cost of authentication alone: a cheap call, 200 times in a row, with HTTP Basic and with a token. */
  private void authenticationCost() throws Exception {
    boolean wasBasic = basic;
    issueTokens();
    for (String mode : List.of("basic", "bearer")) {
      String token = tokens.get("greentravel");
      long start = 0;
      int rounds = 200;
      for (int i = -50; i < rounds; i++) { // 50 warm-up calls
        if (i == 0) {
          start = System.nanoTime();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/developers/me"))
            .header("Authorization", "basic".equals(mode) ? basicOf("greentravel") : "Bearer " + token)
            .header("Accept", "application/json").GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IllegalStateException("GET /api/developers/me: " + response.statusCode());
        }
      }
      System.out.printf(Locale.ROOT, "auth %s GET /api/developers/me: %.1f ms%n", mode,
          (System.nanoTime() - start) / 1e6 / rounds);
    }
    if (wasBasic) {
      tokens.clear();
    }
  }

  /** Lets the server's statistics catch up (a backend reports them at most once a second). */
  private static void pause() {
    try {
      Thread.sleep(1500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

}
