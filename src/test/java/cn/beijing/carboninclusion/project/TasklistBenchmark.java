package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.CarbonInclusionApplication;
import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.common.SchemeRuleSet;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.developer.DeveloperService;
import cn.beijing.carboninclusion.methodology.Methodologies;
import cn.beijing.carboninclusion.methodology.Methodology;
import cn.beijing.carboninclusion.reduction.ReductionApplication;
import cn.beijing.carboninclusion.reduction.ReductionApplications;
import cn.beijing.carboninclusion.reduction.ReductionStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Benchmark of the reviewers' task lists at volume (not a test: surefire never runs it; {@code bench/tasklist.sh}
 * does). Starts the whole platform with demo data on the PostgreSQL server named by {@code BENCH_DB_URL} (with
 * {@code BENCH_DB_USER}, {@code BENCH_DB_PASSWORD}), brings the open tasks up to {@code TASKS} (default 100,000)
 * through the engine — process instances of the real models (一类项目登记, 减排量审核) with their domain rows, started
 * at their human tasks — then asks, over HTTP with HTTP Basic and authorization on:
 * <ul>
 *   <li>{@code GET /engine-rest/filter/{id}/list?firstResult=0&maxResults=50} of 技术中心待办 as wangfang (techcenter)
 *       and of 生态环境局待办 as zhangwei (bureau): the filters sort by due date;</li>
 *   <li>{@code GET /api/projects?status=UNDER_REVIEW&page=0&size=50} as zhangwei;</li>
 *   <li>{@code GET /engine-rest/version} (HTTP Basic only: the authentication's cost) and the anonymous
 *       {@code GET /actuator/health} (no authentication).</li>
 * </ul>
 * Prints {@code name: value unit} lines. A database that already holds the tasks is reused ({@code KEEP=1} in the
 * script). Arguments are passed to the platform as settings ({@code --key=value}).
 */
public final class TasklistBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    String url = System.getenv("BENCH_DB_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException("BENCH_DB_URL names the PostgreSQL database (bench/tasklist.sh sets it)");
    }
    int tasks = Integer.parseInt(env("TASKS", "100000"));
    int requests = Integer.parseInt(env("REQUESTS", "400"));
    int port = Integer.parseInt(env("APP_PORT", "18082"));
    List<String> settings = new ArrayList<>(List.of(
        "--spring.datasource.url=" + url,
        "--spring.datasource.username=" + env("BENCH_DB_USER", "postgres"),
        "--spring.datasource.password=" + env("BENCH_DB_PASSWORD", ""),
        "--server.port=" + port,
        "--carbon-inclusion.data-dir=target/bench-data",
        "--camunda.bpm.job-execution.enabled=false",
        "--spring.mail.host=127.0.0.1",
        "--logging.level.root=WARN"));
    settings.addAll(Arrays.asList(args));
    ConfigurableApplicationContext app = new SpringApplicationBuilder(CarbonInclusionApplication.class)
        .run(settings.toArray(String[]::new));
    try {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      System.out.printf(Locale.ROOT, "database: PostgreSQL %s; fsync=%s, synchronous_commit=%s, shared_buffers=%s, "
              + "work_mem=%s, random_page_cost=%s%n", jdbc.queryForObject("show server_version", String.class),
          jdbc.queryForObject("show fsync", String.class),
          jdbc.queryForObject("show synchronous_commit", String.class),
          jdbc.queryForObject("show shared_buffers", String.class), jdbc.queryForObject("show work_mem", String.class),
          jdbc.queryForObject("show random_page_cost", String.class));
      System.out.printf(Locale.ROOT, "jvm: %s, %d cores, max heap %d MiB%n", System.getProperty("java.vm.version"),
          Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
      seed(app, tasks);
      jdbc.execute("analyze");  // what autovacuum does on a live server; the seeding outran it
      System.out.printf(Locale.ROOT, "open tasks: %d (techcenter %d, bureau %d, assigned to developers %d); "
              + "authorizations %d; projects %d%n",
          jdbc.queryForObject("select count(*) from act_ru_task", Long.class),
          jdbc.queryForObject("select count(*) from act_ru_identitylink where group_id_ = 'techcenter' "
              + "and type_ = 'candidate' and task_id_ is not null", Long.class),
          jdbc.queryForObject("select count(*) from act_ru_identitylink where group_id_ = 'bureau' "
              + "and type_ = 'candidate' and task_id_ is not null", Long.class),
          jdbc.queryForObject("select count(*) from act_ru_task where assignee_ is not null", Long.class),
          jdbc.queryForObject("select count(*) from act_ru_authorization", Long.class),
          jdbc.queryForObject("select count(*) from project", Long.class));
      System.out.printf(Locale.ROOT, "engine indexes of the platform: %s%n", jdbc.queryForList("select indexname "
          + "from pg_indexes where indexname like 'ix_engine_%' order by indexname", String.class));
      measure(port, requests);
    } finally {
      app.close();
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  // ------------------------------------------------------------------------------------------------------ seeding

  /** Where a seeded case waits, in turn: 60 % techcenter, 30 % bureau, 10 % developers (supplements). */
  private enum Stop {
    REGISTRATION_REVIEW, REGISTRATION_REVIEW_2, REGISTRATION_REVIEW_3, REGISTRATION_REVIEW_4,
    REGISTRATION_REVIEW_5, REGISTRATION_REVIEW_6, REGISTRATION_REVIEW_7, REGISTRATION_REVIEW_8,
    HANDLE_OBJECTIONS, HANDLE_OBJECTIONS_2,
    BUREAU_DECISION, BUREAU_DECISION_2, BUREAU_DECISION_3, BUREAU_DECISION_4, BUREAU_DECISION_5,
    REDUCTION_REVIEW, REDUCTION_REVIEW_2, REDUCTION_APPROVAL,
    SUPPLEMENT, SUPPLEMENT_2
  }

  private static void seed(ConfigurableApplicationContext app, int target) throws Exception {
    JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
    long open = jdbc.queryForObject("select count(*) from act_ru_task", Long.class);
    if (open >= target) {
      System.out.printf(Locale.ROOT, "seeding: %d open tasks already%n", open);
      return;
    }
    int missing = (int) (target - open);
    DeveloperService developerService = app.getBean(DeveloperService.class);
    List<String> users = List.of("greentravel", "sunroof", "lowcarbon");
    List<DeveloperOrganisation> developers = users.stream()
        .map(u -> developerService.organisationOf(u).orElseThrow()).toList();
    Methodology methodology = app.getBean(Methodologies.class).findByCodeAndVersion("BJCI-M-TRAVEL", 1)
        .orElseThrow();
    SchemeRuleSet rules = app.getBean(SchemeRuleBook.class).current();
    TransactionTemplate tx = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
    Projects projects = app.getBean(Projects.class);
    ReductionApplications reductions = app.getBean(ReductionApplications.class);
    RuntimeService runtime = app.getBean(RuntimeService.class);
    AtomicInteger next = new AtomicInteger((int) open);
    AtomicInteger done = new AtomicInteger();
    int batch = 200;
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      workers.add(pool.submit(() -> {
        while (true) {
          int from = next.getAndAdd(batch);
          if (from >= target) {
            return null;
          }
          int to = Math.min(from + batch, target);
          tx.executeWithoutResult(status -> {
            for (int i = from; i < to; i++) {
              int d = i % developers.size();
              seedOne(i, users.get(d), developers.get(d), methodology, rules, projects, reductions, runtime);
            }
          });
          int n = done.addAndGet(to - from);
          if (n % 10000 < batch) {
            System.out.printf(Locale.ROOT, "seeding: %d of %d in %.0f s%n", n, missing,
                (System.nanoTime() - start) / 1e9);
          }
        }
      }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    pool.shutdown();
    System.out.printf(Locale.ROOT, "seeding: %d process instances started in %.0f s%n", done.get(),
        (System.nanoTime() - start) / 1e9);
  }

  /** One case: its domain rows, then its process instance of the real model, started at the human task. */
  private static void seedOne(int i, String user, DeveloperOrganisation developer, Methodology methodology,
      SchemeRuleSet rules, Projects projects, ReductionApplications reductions, RuntimeService runtime) {
    Stop stop = Stop.values()[i % Stop.values().length];
    String name = stop.name().startsWith("REDUCTION") ? "减排量基准测试项目-" + i : "任务清单基准测试项目-" + i;
    Instant now = Instant.now();
    Project project = new Project(ProjectClass.CLASS_I, methodology.getId(), developer.getId(), name,
        List.of("东城区", "西城区", "朝阳区", "海淀区", "丰台区").get(i % 5), now);
    project.describe("北京市某路 " + i + " 号", "基准测试数据", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 1),
        LocalDate.of(2034, 12, 31));
    project.planImplementation(new BigDecimal("0.60"), "公益承诺", "收益用于出行奖励");
    ProjectStatus status = switch (stop) {
      case HANDLE_OBJECTIONS, HANDLE_OBJECTIONS_2, BUREAU_DECISION, BUREAU_DECISION_2, BUREAU_DECISION_3,
          BUREAU_DECISION_4, BUREAU_DECISION_5 -> ProjectStatus.IN_PUBLICITY;
      case REDUCTION_REVIEW, REDUCTION_REVIEW_2, REDUCTION_APPROVAL -> ProjectStatus.REGISTERED;
      case SUPPLEMENT, SUPPLEMENT_2 -> ProjectStatus.SUPPLEMENT_REQUESTED;
      default -> ProjectStatus.UNDER_REVIEW;
    };
    project.moveTo(status, now, "基准测试");
    projects.save(project);
    // the due dates of cases filed on different days: 1 to 20 working days ahead, independent of where the case
    // waits (i % 20 chooses that), so that every group has tasks due soon
    String due = "P" + (1 + (i / Stop.values().length) % 20) + "WD";
    Map<String, Object> variables = new HashMap<>();
    variables.put(ProjectVariables.PROJECT_ID, project.getId());
    variables.put(ProjectVariables.DEVELOPER_ID, developer.getId());
    variables.put(ProjectVariables.PROJECT_NAME, project.getName());
    variables.put(ProjectVariables.DEVELOPER_NAME, developer.getName());
    variables.put(ProjectVariables.METHODOLOGY_CODE, methodology.getCode() + " " + methodology.getName());
    variables.put(ProjectVariables.CHECK_SUMMARY, "");
    variables.put(ProjectVariables.REVIEW_COMMENT, "");
    String businessKey = String.valueOf(project.getId());
    if (status == ProjectStatus.REGISTERED) {
      ReductionApplication application = new ReductionApplication(project.getId(), LocalDate.of(2025, 1, 1),
          LocalDate.of(2025, 12, 31), new BigDecimal("120.5"), now);
      application.moveTo(ReductionStatus.UNDER_REVIEW);
      reductions.save(application);
      variables.put("applicationId", application.getId());
      variables.put("registrationNo", "—");
      variables.put("monitoringPeriod", "2025-01-01 至 2025-12-31");
      variables.put("claimedTco2e", 120.5);
      variables.put("projectSuspended", false);
      variables.put("changePending", false);
      variables.put("reviewDue", due);
      variables.put("decisionDue", due);
      runtime.createProcessInstanceByKey("ReductionRegistration").businessKey(businessKey).setVariables(variables)
          .startBeforeActivity(stop == Stop.REDUCTION_APPROVAL ? "Task_BureauApproval" : "Task_TechnicalReview")
          .execute();
      return;
    }
    variables.put(ProjectVariables.APPLICANT, user);
    variables.put(ProjectVariables.OBJECTION_SUMMARY, "");
    variables.put(ProjectVariables.OBJECTION_COUNT, 0L);
    variables.put(ProjectVariables.SUPPLEMENT_ROUND, 0);
    variables.put(ProjectVariables.MAX_SUPPLEMENT_ROUNDS, rules.count(SchemeRule.MAX_SUPPLEMENT_ROUNDS));
    variables.put(ProjectVariables.REVIEW_DUE, due);
    variables.put(ProjectVariables.SUPPLEMENT_DUE, due);
    variables.put(ProjectVariables.PUBLICITY_DURATION, rules.duration(SchemeRule.PUBLICITY_WORKING_DAYS));
    variables.put(ProjectVariables.DECISION_DUE, due);
    String activity = switch (status) {
      case IN_PUBLICITY -> stop.name().startsWith("HANDLE") ? "Task_HandleObjections" : "Task_BureauDecision";
      case SUPPLEMENT_REQUESTED -> "Task_SubmitSupplement";
      default -> "Task_TechnicalReview";
    };
    runtime.createProcessInstanceByKey("ProjectRegistration").businessKey(businessKey).setVariables(variables)
        .startBeforeActivity(activity).execute();
  }

  // -------------------------------------------------------------------------------------------------- measuring

  private static void measure(int port, int requests) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String base = "http://127.0.0.1:" + port;
    String techcenterFilter = filterId(http, base, "wangfang", "技术中心待办");
    String bureauFilter = filterId(http, base, "zhangwei", "生态环境局待办");
    System.out.printf(Locale.ROOT, "filters: 技术中心待办 %s, 生态环境局待办 %s%n", techcenterFilter, bureauFilter);
    String page = "?firstResult=0&maxResults=50";
    double[] techcenter = run(http, base + "/engine-rest/filter/" + techcenterFilter + "/list" + page, "wangfang",
        requests, 50);
    double[] bureau = run(http, base + "/engine-rest/filter/" + bureauFilter + "/list" + page, "zhangwei",
        requests, 50);
    double[] projects = run(http, base + "/api/projects?status=UNDER_REVIEW&page=0&size=50", "zhangwei", requests, 50);
    double[] developerProjects = run(http, base + "/api/projects?status=UNDER_REVIEW&page=0&size=50", "greentravel",
        requests, 50);
    double[] basic = run(http, base + "/engine-rest/version", "wangfang", requests, -1);
    double[] anonymous = run(http, base + "/actuator/health", null, requests, -1);
    print("tasklist_techcenter", techcenter);
    print("tasklist_bureau", bureau);
    print("projects_status", projects);
    print("projects_status_developer", developerProjects);
    // the count Tasklist shows beside each filter (it visits every task of the group): fewer rounds
    int counts = Integer.parseInt(env("COUNT_REQUESTS", "20"));
    if (counts > 0) {
      System.out.printf(Locale.ROOT, "filter counts: 技术中心待办 %s, 生态环境局待办 %s%n",
          get(http, base + "/engine-rest/filter/" + techcenterFilter + "/count", "wangfang").body(),
          get(http, base + "/engine-rest/filter/" + bureauFilter + "/count", "zhangwei").body());
      print("tasklist_techcenter_count", run(http, base + "/engine-rest/filter/" + techcenterFilter + "/count",
          "wangfang", counts, -1));
      print("tasklist_bureau_count", run(http, base + "/engine-rest/filter/" + bureauFilter + "/count",
          "zhangwei", counts, -1));
    }
    print("basic_auth_version", basic);
    print("anonymous_health", anonymous);
    double share = (percentile(basic, 50) - percentile(anonymous, 50));
    System.out.printf(Locale.ROOT, "basic_auth_cost_p50_ms: %.2f ms%n", share);
    System.out.printf(Locale.ROOT, "basic_auth_share_techcenter_p50: %.0f %%%n", 100 * share
        / percentile(techcenter, 50));
    System.out.printf(Locale.ROOT, "basic_auth_share_bureau_p50: %.0f %%%n", 100 * share / percentile(bureau, 50));
  }

  private static String filterId(HttpClient http, String base, String user, String name) throws Exception {
    HttpResponse<String> answer = get(http, base + "/engine-rest/filter?name="
        + URLEncoder.encode(name, StandardCharsets.UTF_8), user);
    JsonNode filters = JSON.readTree(answer.body());
    if (answer.statusCode() != 200 || filters.size() != 1) {
      throw new IllegalStateException("filter " + name + " as " + user + ": " + answer.statusCode() + " "
          + answer.body());
    }
    return filters.get(0).get("id").asText();
  }

  /** Warms up, then asks {@code n} times in a row; milliseconds per request, sorted. */
  private static double[] run(HttpClient http, String url, String user, int n, int expectedRows) throws Exception {
    for (int i = 0; i < Math.max(5, n / 10); i++) {
      check(get(http, url, user), url, expectedRows);
    }
    double[] millis = new double[n];
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      HttpResponse<String> answer = get(http, url, user);
      millis[i] = (System.nanoTime() - start) / 1e6;
      check(answer, url, expectedRows);
    }
    Arrays.sort(millis);
    return millis;
  }

  private static void check(HttpResponse<String> answer, String url, int expectedRows) throws Exception {
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(url + ": HTTP " + answer.statusCode() + " " + answer.body());
    }
    if (expectedRows > 0 && JSON.readTree(answer.body()).size() != expectedRows) {
      throw new IllegalStateException(url + ": expected " + expectedRows + " rows, got "
          + JSON.readTree(answer.body()).size());
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url, String user) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json");
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo")
          .getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static double percentile(double[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static void print(String name, double[] sorted) {
    for (int p : new int[] {50, 95, 99}) {
      System.out.printf(Locale.ROOT, "%s_p%d_ms: %.1f ms%n", name, p, percentile(sorted, p));
    }
  }

  static {
    // the load average at the start (the machine is shared): printed with the figures
    try {
      System.out.println("load: " + Files.readString(Path.of("/proc/loadavg")).trim());
    } catch (java.io.IOException e) {
      System.out.println("load: unknown");
    }
  }
}
