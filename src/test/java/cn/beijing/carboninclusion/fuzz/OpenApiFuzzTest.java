package cn.beijing.carboninclusion.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.fuzz.HostileRequests.FuzzRequest;
import cn.beijing.carboninclusion.fuzz.RawHttpClient.Answer;
import cn.beijing.carboninclusion.supervision.OverdueTaskEscalation;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hostile input over every endpoint: enumerates every operation under /api (platform and public) from the running
 * platform's own OpenAPI document and sends each of them generated hostile requests ({@link HostileRequests}: wrong
 * JSON types, missing, null, empty, unknown and duplicate fields, 1 MB strings, control characters and invalid UTF-8,
 * SQL/FEEL/JUEL/HTML/CSV-formula injection, NaN, Infinity, 1e308, negative and zero quantities, dates out of range and
 * malformed, ids that do not exist and other developers' ids, malformed multipart, oversized and empty uploads, file
 * names with ../ and NUL, wrong content types and methods, malformed JSON) as anonymous callers, developers, reviewers
 * of techcenter and bureau, the exchange and the administrator, on PostgreSQL.
 *
 * <p>Every answer is a 4xx — 400, 401, 403, 404, 405, 406, 409, 413, 415, 429 — with an RFC 9457 problem body
 * ({@code application/problem+json} with its status and title, naming the fields it refuses under {@code errors} when
 * it names any; an answer to HEAD has no body), or a 2xx to a read. Never a 5xx; never a 2xx to a write (every write the generator sends carries a defect the contract refuses);
 * and the domain tables and Camunda's runtime tables are the same before and after the run.
 *
 * <p>{@code -Dfuzz.seed=N} (default {@value #DEFAULT_SEED}; {@code random} draws one), {@code -Dfuzz.n=N} requests
 * (default 10,000), {@code -Dfuzz.only=i,j} sends only those requests of the seed (to reproduce one). bench/fuzz.sh
 * runs a long one.
 */
class OpenApiFuzzTest extends PlatformIntegrationTest {
  static final long DEFAULT_SEED = 20_161_207L;
  /** The refusals a hostile request may meet. */
  static final Set<Integer> REFUSALS = Set.of(400, 401, 403, 404, 405, 406, 409, 413, 415, 429);
  private static final Pattern LEAK = Pattern.compile(
      "(?:\\b(?:java|javax|jakarta|org\\.springframework|org\\.hibernate|org\\.postgresql|org\\.camunda|com\\.fasterxml)"
          + "\\.[a-z][\\w.]*\\.[A-Z]\\w*(?:Exception|Error)\\b|\\n\\tat |PSQLException|SQLState|ERROR: )");
  private static final int PRINTED = 40;

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired OverdueTaskEscalation escalation;
  @Autowired cn.beijing.carboninclusion.identity.SecurityAuditLog securityAudit;
  @Value("${carbon-inclusion.demo.password}") String password;

  @Test
  void everyOperationUnderApiRefusesHostileRequestsWithA4xxAndNothingIsWritten() throws Exception {
    long seed = seed();
    int n = Integer.getInteger("fuzz.n", 10_000);
    List<Integer> only = only();

    JsonNode document = new ObjectMapper().readTree(http.getForObject("/v3/api-docs", String.class));
    List<ApiOperation> operations = ApiOperation.all(document);
    assertThat(operations).as("operations under /api in /v3/api-docs").hasSizeGreaterThan(60);
    assertThat(operations).anyMatch(op -> op.path().startsWith("/api/public/"))
        .anyMatch(op -> !op.path().startsWith("/api/public/") && op.write());
    PlatformFacts facts = PlatformFacts.read(jdbc);
    HostileRequests generator = new HostileRequests(seed, operations, facts, new HostileRequests.Identities(
        List.of("greentravel", "sunroof", "lowcarbon"), List.of("wangfang", "liuyang"), List.of("zhangwei", "lina"),
        List.of("chenjing"), List.of("admin"), password));
    System.out.println("fuzz: seed " + seed + " (-Dfuzz.seed), " + (only.isEmpty() ? n : only.size())
        + " requests (-Dfuzz.n), " + operations.size() + " operations under /api from /v3/api-docs ("
        + operations.stream().filter(ApiOperation::write).count() + " writes), " + facts.size()
        + " ids and references of the platform");

    // the one scheduled writer that could fire during the run (every 15 minutes, for tasks other tests left
    // overdue) does its work now, before the snapshot; the others settle (settled: notices, events)
    escalation.escalateOverdue();
    DatabaseSnapshot before = settled(null);
    long accessLogBefore = jdbc.queryForObject("select count(*) from access_log", Long.class);
    long accessLogLastId = jdbc.queryForObject("select coalesce(max(id), 0) from access_log", Long.class);
    long auditBefore = jdbc.queryForObject("select count(*) from security_audit", Long.class);
    long auditLastId = jdbc.queryForObject("select coalesce(max(id), 0) from security_audit", Long.class);
    Map<Integer, Integer> statuses = new TreeMap<>();
    Map<String, Integer> answers = new TreeMap<>();
    Map<String, Map<Integer, Integer>> byOperation = new TreeMap<>();
    List<String> serverErrors = new ArrayList<>();
    List<String> unexpectedWrites = new ArrayList<>();
    List<String> improper = new ArrayList<>();
    int sent = 0;
    int fieldNamed = 0;
    Map<String, Integer> unnamed = new TreeMap<>();
    long started = System.nanoTime();
    try (RawHttpClient client = new RawHttpClient(port)) {
      List<Integer> indices = only.isEmpty() ? null : only;
      int total = indices == null ? n : indices.size();
      for (int k = 0; k < total; k++) {
        FuzzRequest request = generator.generate(indices == null ? k : indices.get(k));
        if (request.write() && !request.hostile()) {
          throw new AssertionError("the generator sent a write without a fatal defect: " + describe(request, null));
        }
        Answer answer = client.exchange(request.from(), request.method(), request.target(), request.headers(),
            request.body());
        sent++;
        int status = answer.status();
        statuses.merge(status, 1, Integer::sum);
        answers.merge(status + " " + (answer.contentType().isEmpty() ? "(no body type)"
            : answer.contentType().replaceAll(";.*", "")), 1, Integer::sum);
        byOperation.computeIfAbsent(request.operation().id(), o -> new TreeMap<>()).merge(status, 1, Integer::sum);
        if (status == 0 || status >= 500) {
          serverErrors.add(describe(request, answer));
        } else if (status < 300 && request.write()) {
          unexpectedWrites.add(describe(request, answer));
        } else if (status >= 300 && status < 400) {
          improper.add("a redirect: " + describe(request, answer));
        } else if (status >= 400) {
          String problem = REFUSALS.contains(status) ? problemFault(request.method(), status, answer)
              : "a status no refusal here should have";
          if (problem != null) {
            improper.add(problem + ": " + describe(request, answer));
          } else if (status == 400 && answer.text().contains("\"errors\"")) {
            fieldNamed++;
          } else if (status == 400) {
            // refusals of the request's address or framing (firewall, connector), not of a field
            unnamed.merge(HostileRequests.abridge(answer.text().replaceAll(".*\"detail\":\"([^\"]*)\".*", "$1"), 80),
                1, Integer::sum);
          }
          if (LEAK.matcher(answer.text()).find()) {
            improper.add("internals in the answer: " + describe(request, answer));
          }
        }
        if (only.isEmpty() && (k + 1) % 2500 == 0) {
          System.out.printf("fuzz: … %d requests, %.0f/s%n", k + 1, (k + 1) / ((System.nanoTime() - started) / 1e9));
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    DatabaseSnapshot after = settled(before);
    List<String> changed = before.differences(after);
    assertThat(jdbc.queryForObject("select count(*) from access_log where id <= ?", Long.class, accessLogLastId))
        .as("the access log only grows").isEqualTo(accessLogBefore);
    assertThat(jdbc.queryForObject("select count(*) from security_audit where id <= ?", Long.class, auditLastId))
        .as("the security audit only grows").isEqualTo(auditBefore);
    assertThat(securityAudit.verify().intact()).as("the security audit's chain holds").isTrue();

    print("5xx", serverErrors);
    print("unexpected write", unexpectedWrites);
    print("improper answer", improper);
    byOperation.forEach((op, counts) -> System.out.println("fuzz: " + op + " — " + histogram(counts)));
    System.out.printf("fuzz: %d tables compared (%d rows): %s%n", before.tableCount(), after.rows(),
        changed.isEmpty() ? "unchanged" : "CHANGED " + changed);
    System.out.printf("fuzz: %d operations, %.1f s, %.0f requests/s, %d of the 400s name their fields%n",
        byOperation.size(), seconds, sent / seconds, fieldNamed);
    unnamed.forEach((what, count) -> System.out.println("fuzz: a 400 naming no field × " + count + ": " + what));
    System.out.println("fuzz: answers " + answers.toString().replace("=", " × "));
    System.out.println("fuzz: statuses " + histogram(statuses));
    System.out.println("fuzz: " + sent + " requests, " + serverErrors.size() + " 5xx, " + unexpectedWrites.size()
        + " unexpected writes");

    assertThat(serverErrors).as("answers 5xx (or none at all); reproduce with -Dfuzz.seed=" + seed
        + " -Dfuzz.only=<#>").isEmpty();
    assertThat(unexpectedWrites).as("hostile writes answered 2xx").isEmpty();
    assertThat(improper).as("refusals that are not a 4xx problem").isEmpty();
    assertThat(changed).as("tables changed by the run").isEmpty();
    if (only.isEmpty()) {
      assertThat(byOperation).as("every operation was called").hasSize(Math.min(operations.size(), n));
    }
  }

  /** Null when the refusal is as it should be; otherwise what is wrong with it. */
  static String problemFault(String method, int status, Answer answer) {
    if (method.equals("HEAD")) {
      return null; // an answer to HEAD has no body
    }
    if (!answer.contentType().startsWith("application/problem+json")) {
      return status + " without an application/problem+json body ("
          + (answer.contentType().isEmpty() ? "no content type" : answer.contentType()) + ")";
    }
    JsonNode body;
    try {
      body = new ObjectMapper().readTree(answer.body());
    } catch (Exception e) {
      return "a problem body that is not JSON";
    }
    if (body == null || body.path("status").asInt() != status || body.path("title").asText().isEmpty()) {
      return "a problem body without its status and title";
    }
    if (body.has("errors") && (!body.get("errors").isObject() || body.get("errors").isEmpty())) {
      return "a problem whose errors name no field";
    }
    return null;
  }

  /** Waits until nothing is written in the background (earlier tests' notices and events) and returns that state. */
  private DatabaseSnapshot settled(DatabaseSnapshot expected) throws InterruptedException {
    DatabaseSnapshot last = DatabaseSnapshot.take(jdbc);
    for (int i = 0; i < 60; i++) {
      if (expected != null && expected.differences(last).isEmpty()) {
        return last;
      }
      Thread.sleep(1000);
      DatabaseSnapshot next = DatabaseSnapshot.take(jdbc);
      if (next.differences(last).isEmpty() && (expected == null || i >= 10)) {
        return next;
      }
      last = next;
    }
    return last;
  }

  private static long seed() {
    String value = System.getProperty("fuzz.seed", "");
    if (value.isBlank()) {
      return DEFAULT_SEED;
    }
    if (value.equals("random")) {
      return new java.security.SecureRandom().nextLong() & Long.MAX_VALUE;
    }
    return Long.parseLong(value.trim());
  }

  private static List<Integer> only() {
    String value = System.getProperty("fuzz.only", "");
    return value.isBlank() ? List.of()
        : Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf).toList();
  }

  private static void print(String what, List<String> findings) {
    for (int i = 0; i < Math.min(PRINTED, findings.size()); i++) {
      System.out.println("fuzz: " + what + " " + findings.get(i));
    }
    if (findings.size() > PRINTED) {
      System.out.println("fuzz: … and " + (findings.size() - PRINTED) + " more of " + what);
    }
  }

  private static String histogram(Map<Integer, Integer> counts) {
    StringBuilder s = new StringBuilder();
    counts.forEach((status, count) -> s.append(s.isEmpty() ? "" : ", ").append(status == 0 ? "no answer" : status)
        .append(" × ").append(count));
    return s.toString();
  }

  /** The request (to reproduce it) and the answer, each abridged, on a few lines. */
  static String describe(FuzzRequest request, Answer answer) {
    StringBuilder s = new StringBuilder();
    s.append("#").append(request.index()).append(' ').append(request.method()).append(' ')
        .append(HostileRequests.abridge(request.target(), 300)).append(" (operation ").append(request.operation().id())
        .append(") as ").append(request.caller()).append(" from ").append(request.from().getHostAddress())
        .append("\n      content type: ").append(request.contentType());
    request.headers().stream().filter(h -> !h.getKey().equals("Authorization") && !h.getKey().equals("Content-Type"))
        .forEach(h -> s.append("; ").append(h.getKey()).append(": ")
            .append(HostileRequests.abridge(HostileRequests.printable(
                new String(h.getValue(), StandardCharsets.ISO_8859_1)), 80)));
    if (request.body() != null) {
      s.append("\n      body (").append(request.body().length).append(" bytes): ")
          .append(HostileRequests.abridge(HostileRequests.printable(
              new String(request.body(), StandardCharsets.UTF_8)), 400));
    }
    s.append("\n      defects: ").append(String.join("; ", request.defects()));
    if (answer != null) {
      s.append("\n      answer: ").append(answer.status() == 0 ? "none (" + answer.error() + ")"
          : answer.status() + " " + answer.contentType() + " "
              + HostileRequests.abridge(HostileRequests.printable(answer.text()), 400));
    }
    return s.toString();
  }
}
