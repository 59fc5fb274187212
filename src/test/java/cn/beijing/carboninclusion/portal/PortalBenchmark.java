package cn.beijing.carboninclusion.portal;

import cn.beijing.carboninclusion.CarbonInclusionApplication;
import cn.beijing.carboninclusion.registry.JournalVerification;
import cn.beijing.carboninclusion.registry.RegistryJournal;
import cn.beijing.carboninclusion.registry.VolumeSeed;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark of the disclosure portal and the public lists at volume (not a test: surefire never runs it;
 * {@code bench/portal.sh} does; docs/benchmarks.md). Starts the whole platform with its demo on the PostgreSQL named by
 * {@code BENCH_DB_URL} (else the embedded one the tests use), seeds {@code BENCH_PROJECTS} projects and
 * {@code BENCH_ENTRIES} registry journal entries once ({@link VolumeSeed}), checks that the journal's hash chain still
 * verifies, then drives {@code BENCH_CLIENTS} client threads over HTTP for {@code BENCH_SECONDS} seconds (after
 * {@code BENCH_WARMUP} seconds not counted) over {@code /portal}, its list pages and every list of
 * {@code /api/public}, each at a random page, and then one client alone for {@code BENCH_SINGLE_SECONDS} (the service
 * time without queueing). Prints every figure as one line {@code name: value unit}. Arguments are platform settings
 * ({@code --key=value}).
 */
public final class PortalBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One kind of request: a name for its figures and its URL for a random page (1-based, up to its page count). */
  record Endpoint(String name, String path, IntFunction<String> url, int pages) {}

  public static void main(String[] args) throws Exception {
    String url = System.getenv("BENCH_DB_URL");
    if (url != null && !url.isBlank()) {
      run(url, env("BENCH_DB_USER", "postgres"), env("BENCH_DB_PASSWORD", ""), List.of(args), "external");
      return;
    }
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start()) {
      run(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", List.of(args), "embedded");
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static void run(String url, String user, String password, List<String> extra, String kind)
      throws Exception {
    List<String> settings = new ArrayList<>(List.of(
        "--spring.datasource.url=" + url,
        "--spring.datasource.username=" + user,
        "--spring.datasource.password=" + password,
        "--server.port=" + env("BENCH_PORT", "18081"),
        "--carbon-inclusion.data-dir=target/bench-data",
        "--spring.mail.host=127.0.0.1",
        "--logging.level.root=WARN"));
    settings.addAll(extra);
    long started = System.nanoTime();
    ConfigurableApplicationContext app = new SpringApplicationBuilder(CarbonInclusionApplication.class)
        .run(settings.toArray(String[]::new));
    try {
      System.out.printf(Locale.ROOT, "platform started in %.1f s%n", (System.nanoTime() - started) / 1e9);
      run(app, kind, extra);
    } finally {
      app.close();
    }
  }

  private static void run(ConfigurableApplicationContext app, String kind, List<String> extra) throws Exception {
    JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    int projects = Integer.parseInt(env("BENCH_PROJECTS", "10000"));
    int entries = Integer.parseInt(env("BENCH_ENTRIES", "1000000"));
    int clients = Integer.parseInt(env("BENCH_CLIENTS", "16"));
    int seconds = Integer.parseInt(env("BENCH_SECONDS", "60"));
    int warmup = Integer.parseInt(env("BENCH_WARMUP", "15"));
    System.out.printf(Locale.ROOT, "database: PostgreSQL %s (%s); fsync=%s, synchronous_commit=%s, shared_buffers=%s, "
            + "work_mem=%s%n", jdbc.queryForObject("show server_version", String.class), kind,
        jdbc.queryForObject("show fsync", String.class), jdbc.queryForObject("show synchronous_commit", String.class),
        jdbc.queryForObject("show shared_buffers", String.class), jdbc.queryForObject("show work_mem", String.class));
    System.out.printf(Locale.ROOT, "jvm: %s, %d cores, max heap %d MiB; settings %s%n",
        System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, extra);
    Long seeded = jdbc.queryForObject("select count(*) from project where name like ?", Long.class,
        "规模测试项目-%");
    if (seeded == 0) {
      new VolumeSeed(app.getBean(DataSource.class), line -> System.out.println("seed: " + line))
          .seed(projects, entries);
    }
    System.out.printf(Locale.ROOT, "data: %d projects (%d public), %d journal entries, %d disclosure items, "
            + "%d reduction applications%n", jdbc.queryForObject("select count(*) from project", Long.class),
        jdbc.queryForObject("select count(*) from project where status in ('IN_PUBLICITY', 'REGISTERED', "
            + "'SUSPENDED', 'CANCELLED', 'DISCLOSED')", Long.class),
        jdbc.queryForObject("select last_entry_id from registry_journal_head", Long.class),
        jdbc.queryForObject("select count(*) from disclosure_entry", Long.class),
        jdbc.queryForObject("select count(*) from reduction_application", Long.class));
    long verifyStart = System.nanoTime();
    JournalVerification verification = app.getBean(RegistryJournal.class).verify(false);
    double verifySeconds = (System.nanoTime() - verifyStart) / 1e9;
    System.out.printf(Locale.ROOT, "journal_verified: %s (%d entries)%n", verification.ok(),
        verification.entriesChecked());
    System.out.printf(Locale.ROOT, "journal_verify_s: %.1f s%n", verifySeconds);
    if (!verification.ok()) {
      throw new IllegalStateException("the seeded journal does not verify: " + verification);
    }

    String base = "http://127.0.0.1:" + port;
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    List<Long> projectIds = jdbc.queryForList("select id from project where status in ('IN_PUBLICITY', "
        + "'REGISTERED', 'SUSPENDED', 'CANCELLED', 'DISCLOSED') order by id", Long.class);
    long journalSize = jdbc.queryForObject("select last_entry_id from registry_journal_head", Long.class);
    List<Endpoint> endpoints = new ArrayList<>();
    endpoints.add(new Endpoint("portal_home", "/portal", p -> "/portal", 1));
    for (String list : List.of("/portal/projects", "/portal/projects?status=REGISTERED",
        "/portal/projects?status=IN_PUBLICITY", "/portal/class-two", "/portal/class-two/overdue-reports",
        "/portal/reductions", "/portal/methodologies", "/portal/audit-reports", "/portal/bars",
        "/portal/disclosures")) {
      String sep = list.contains("?") ? "&" : "?";
      int pages = JSON.readTree(get(http, base + list + sep + "format=json")).path("totalPages").asInt(1);
      endpoints.add(new Endpoint(name(list), list, p -> list + sep + "page=" + p, pages));
    }
    endpoints.add(new Endpoint("portal_project", "/portal/projects/{id}",
        p -> "/portal/projects/" + projectIds.get(p - 1), projectIds.size()));
    endpoints.add(new Endpoint("portal_registry", "/portal/registry", p -> "/portal/registry", 1));
    for (String list : List.of("/api/public/projects", "/api/public/disclosures", "/api/public/methodologies",
        "/api/public/agencies", "/api/public/bars", "/api/public/audit-reports", "/api/public/class-two-reports",
        "/api/public/class-two-reports/overdue", "/api/public/registry/journal/signed-heads")) {
      HttpResponse<byte[]> first = http.send(HttpRequest.newBuilder(URI.create(base + list + "?size=50")).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      long total = first.headers().firstValueAsLong("X-Total-Count").orElse(50);
      int pages = (int) Math.max(1, (total + 49) / 50);
      endpoints.add(new Endpoint(name(list), list, p -> list + "?size=50&page=" + (p - 1), pages));
    }
    endpoints.add(new Endpoint("api_journal", "/api/public/registry/journal",
        p -> "/api/public/registry/journal?limit=100&afterId=" + (p - 1) * 100L,
        (int) Math.max(1, journalSize / 100)));
    for (Endpoint e : endpoints) {
      System.out.printf(Locale.ROOT, "endpoint %s: %s, %d pages%n", e.name(), e.path(), e.pages());
    }

    Recorder warm = drive(http, base, endpoints, clients, warmup);
    System.out.printf(Locale.ROOT, "warm-up: %d requests in %d s%n", warm.count(), warmup);
    Recorder measured = drive(http, base, endpoints, clients, seconds);
    measured.print(endpoints, seconds);
    // one client alone: the service time of a request without queueing behind the others
    int single = Integer.parseInt(env("BENCH_SINGLE_SECONDS", "20"));
    if (single > 0) {
      Recorder one = drive(http, base, endpoints, 1, single);
      long[] alone = one.latencies.values().stream().flatMapToLong(Arrays::stream).sorted().toArray();
      for (Endpoint e : endpoints) {
        long[] own = one.latencies.getOrDefault(e.name(), new long[0]).clone();
        Arrays.sort(own);
        System.out.printf(Locale.ROOT, "%s_single_p50_ms: %.1f ms%n", e.name(), Recorder.percentile(own, 50));
      }
      System.out.printf(Locale.ROOT, "portal_single_client_rps: %.0f req/s%n", alone.length / (double) single);
      System.out.printf(Locale.ROOT, "portal_single_client_p50_ms: %.1f ms%n", Recorder.percentile(alone, 50));
      System.out.printf(Locale.ROOT, "portal_single_client_p95_ms: %.1f ms%n", Recorder.percentile(alone, 95));
    }
  }

  private static String name(String path) {
    return (path.startsWith("/api/") ? "api_" + path.substring("/api/public/".length())
        : "portal_" + path.substring("/portal/".length())).replaceAll("[^A-Za-z0-9]+", "_")
        .replaceAll("_+$", "");
  }

  private static String get(HttpClient http, String url) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + response.statusCode());
    }
    return response.body();
  }

  /** Latencies per endpoint, in microseconds, and the failures. */
  static final class Recorder {
    final Map<String, long[]> latencies = new LinkedHashMap<>();
    final Map<String, Integer> counts = new LinkedHashMap<>();
    long errors;

    synchronized void add(String endpoint, long[] micros, int n, long failed) {
      long[] known = latencies.getOrDefault(endpoint, new long[0]);
      int have = counts.getOrDefault(endpoint, 0);
      long[] merged = Arrays.copyOf(known, have + n);
      System.arraycopy(micros, 0, merged, have, n);
      latencies.put(endpoint, merged);
      counts.put(endpoint, have + n);
      errors += failed;
    }

    long count() {
      return counts.values().stream().mapToLong(Integer::longValue).sum();
    }

    void print(List<Endpoint> endpoints, int seconds) {
      long[] all = latencies.values().stream().flatMapToLong(Arrays::stream).sorted().toArray();
      System.out.printf(Locale.ROOT, "portal_requests: %d requests%n", all.length);
      System.out.printf(Locale.ROOT, "portal_errors: %d requests%n", errors);
      System.out.printf(Locale.ROOT, "portal_rps: %.0f req/s%n", all.length / (double) seconds);
      System.out.printf(Locale.ROOT, "portal_p50_ms: %.1f ms%n", percentile(all, 50));
      System.out.printf(Locale.ROOT, "portal_p95_ms: %.1f ms%n", percentile(all, 95));
      System.out.printf(Locale.ROOT, "portal_p99_ms: %.1f ms%n", percentile(all, 99));
      for (Endpoint e : endpoints) {
        long[] own = latencies.getOrDefault(e.name(), new long[0]).clone();
        Arrays.sort(own);
        System.out.printf(Locale.ROOT, "%s_rps: %.1f req/s%n", e.name(), own.length / (double) seconds);
        System.out.printf(Locale.ROOT, "%s_p50_ms: %.1f ms%n", e.name(), percentile(own, 50));
        System.out.printf(Locale.ROOT, "%s_p95_ms: %.1f ms%n", e.name(), percentile(own, 95));
      }
    }

    static double percentile(long[] sorted, int p) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
    }
  }

  /** {@code clients} threads, each sending one request after the other to a random endpoint and page. */
  private static Recorder drive(HttpClient http, String base, List<Endpoint> endpoints, int clients, int seconds)
      throws InterruptedException {
    Recorder recorder = new Recorder();
    AtomicBoolean running = new AtomicBoolean(true);
    CountDownLatch done = new CountDownLatch(clients);
    for (int c = 0; c < clients; c++) {
      Thread client = new Thread(() -> {
        Map<String, long[]> own = new LinkedHashMap<>();
        Map<String, Integer> n = new LinkedHashMap<>();
        Map<String, Long> failed = new LinkedHashMap<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
          while (running.get()) {
            Endpoint e = endpoints.get(random.nextInt(endpoints.size()));
            String url = base + e.url().apply(1 + random.nextInt(e.pages()));
            long start = System.nanoTime();
            int status;
            try {
              status = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                  HttpResponse.BodyHandlers.ofByteArray()).statusCode();
            } catch (Exception ex) {
              status = -1;
            }
            long micros = (System.nanoTime() - start) / 1000;
            if (!running.get()) {
              break; // ended after the measured period
            }
            if (status != 200) {
              failed.merge(e.name(), 1L, Long::sum);
              if (failed.get(e.name()) <= 3) {
                System.out.println("failed: " + url + " answered " + status);
              }
            }
            long[] buffer = own.computeIfAbsent(e.name(), k -> new long[1024]);
            int i = n.getOrDefault(e.name(), 0);
            if (i == buffer.length) {
              buffer = Arrays.copyOf(buffer, buffer.length * 2);
              own.put(e.name(), buffer);
            }
            buffer[i] = micros;
            n.put(e.name(), i + 1);
          }
        } finally {
          own.forEach((name, values) -> recorder.add(name, values, n.get(name), failed.getOrDefault(name, 0L)));
          done.countDown();
        }
      }, "client-" + c);
      client.start();
    }
    Thread.sleep(seconds * 1000L);
    running.set(false);
    done.await();
    return recorder;
  }
}
