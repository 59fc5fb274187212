package cn.beijing.carboninclusion.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A two-node cluster that loses a node (issue 17, item 5; {@code bench/cluster-kill.sh}, and its short version
 * {@code ClusterKillTest} in the test command). Not a test itself.
 *
 * <p>Two platform processes ({@link ClusterNode}) on one PostgreSQL, job executors on both, a shared data folder (the
 * development keys; production gives both nodes the same keys), an SMTP server in this process (GreenMail). The driver
 * sends every request, over HTTP only, to the nodes in turn: {@code N} Class I registrations (filed with their
 * documents, technical review, publicity's timer, bureau decision), then per registered project a reduction
 * application (draft naming the demo verifier, its trip records uploaded, submitted, the verifier's report and
 * conclusion, review, approval, issuance), a transfer of one unit to
 * the exchange and the retirement of one unit. Mid-run a node is killed with {@code SIGKILL} and started again; the
 * driver carries on through the other node as a client would: a request whose answer was lost is sent again (the
 * writes carry an {@code Idempotency-Key}; a task that is gone was completed). Afterwards it waits until the cluster
 * is quiet and proves from the database and the mail server that every case reached its end state once, no job was
 * lost or stuck, no unit was issued or retired twice, every notice was delivered, the registry's journal verifies,
 * and the driver's numbers agree with the database's.
 */
public final class ClusterKill {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final Duration STEP_TIMEOUT = Duration.ofMinutes(4);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

  /** What to run: cases, client threads, kills (1: one node in the second phase; 2: also the other in the first). */
  public record Settings(int cases, int threads, int kills, Path work, String dbUrl, String dbUser, String dbPassword,
      String classpath, String heap, List<String> extra) {}

  /** What the run proved; {@link #line()} is the figure the issue asks for. */
  public record Outcome(int cases, int lost, int duplicated, boolean journalOk, int incidents, int stuckJobs,
      int incompleteEvents, int noticesSent, int noticesMissing, int noticesDeliveredTwice, int noticesTakenOver,
      int kills, int inFlightAtKill, int retriedWrites, long requests, Map<String, Long> requestsPerNode,
      double seconds, List<String> problems) {
    public String line() {
      return String.format(Locale.ROOT, "cluster: %d cases, %d lost, %d duplicated, journal %s", cases, lost,
          duplicated, journalOk ? "ok" : "BROKEN");
    }

    public List<String> lines() {
      List<String> lines = new ArrayList<>();
      lines.add(line());
      lines.add(String.format(Locale.ROOT, "cluster kills: %d count (SIGKILL, each node started again)", kills));
      lines.add(String.format(Locale.ROOT, "cluster requests in flight at a kill: %d count", inFlightAtKill));
      lines.add(String.format(Locale.ROOT, "cluster writes sent again: %d count", retriedWrites));
      lines.add(String.format(Locale.ROOT, "cluster requests: %d count (%s)", requests, requestsPerNode));
      lines.add(String.format(Locale.ROOT, "cluster incidents: %d count", incidents));
      lines.add(String.format(Locale.ROOT, "cluster stuck jobs: %d count", stuckJobs));
      lines.add(String.format(Locale.ROOT, "cluster undelivered events: %d count", incompleteEvents));
      lines.add(String.format(Locale.ROOT, "cluster notices: %d sent, %d missing, %d delivered twice, %d taken over "
          + "from a killed node", noticesSent, noticesMissing, noticesDeliveredTwice, noticesTakenOver));
      lines.add(String.format(Locale.ROOT, "cluster seconds: %.1f s", seconds));
      problems.forEach(p -> lines.add("cluster problem: " + p));
      return lines;
    }
  }

  private final Settings settings;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Node> nodes = new ArrayList<>();
  private final AtomicInteger turn = new AtomicInteger();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicInteger inFlightAtKill = new AtomicInteger();
  private final AtomicInteger retriedWrites = new AtomicInteger();
  private final AtomicInteger progress = new AtomicInteger();
  private final Path clockFile;
  private volatile boolean stopping;
  private GreenMail mail;

  private ClusterKill(Settings settings) {
    this.settings = settings;
    this.clockFile = settings.work().resolve("clock-offset");
  }

  public static Outcome run(Settings settings) throws Exception {
    return new ClusterKill(settings).go();
  }

  // ---- the run -----------------------------------------------------------------------------------------------

  private Outcome go() throws Exception {
    Files.createDirectories(settings.work());
    Files.writeString(clockFile, "0");
    int smtp = freePort();
    mail = new GreenMail(new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    nodes.add(new Node("a", freePort(), smtp));
    nodes.add(new Node("b", freePort(), smtp));
    Thread health = new Thread(this::watchHealth, "cluster-health");
    health.setDaemon(true);
    ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
    long started = System.nanoTime();
    try {
      // the first node migrates the empty database and seeds the demo; the second joins it
      nodes.get(0).start();
      nodes.get(0).awaitUp();
      nodes.get(1).start();
      nodes.get(1).awaitUp();
      health.start();
      int n = settings.cases();
      // phase 1: filed, reviewed, waiting in publicity (a kill half way when two kills are asked for)
      int phase1Writes = 3 * n;
      int kills = 0;
      Killer first = settings.kills() >= 2 ? new Killer(nodes.get(1), phase1Writes / 2) : null;
      List<Long> projects = all(pool, n, i -> toPublicity(i), first);
      kills += first != null && first.done ? 1 : 0;
      // publicity runs its course on both nodes: the clock moves past its last day; the timers fall due
      LocalDate lastDay = LocalDate.MIN;
      for (Long project : projects) {
        LocalDate end = LocalDate.parse(get("greentravel", "/api/projects/" + project).get("publicityEnd").asText());
        lastDay = end.isAfter(lastDay) ? end : lastDay;
      }
      long offset = lastDay.plusDays(1).atTime(12, 0).atZone(BEIJING).toInstant().toEpochMilli()
          - System.currentTimeMillis();
      Files.writeString(clockFile, Long.toString(offset));
      Thread.sleep(1000);
      // phase 2: decided, registered, a reduction issued, a unit transferred, a unit retired; a kill half way
      progress.set(0);
      Node victim = settings.kills() >= 2 ? nodes.get(0) : nodes.get(1);
      Killer second = new Killer(victim, 14 * n / 2);
      all(pool, n, i -> afterPublicity(i, projects.get(i)), second);
      kills += second.done ? 1 : 0;
      // every node killed is back and answers
      for (Node node : nodes) {
        node.awaitUp();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      quiesce(offset);
      return verify(projects, kills, seconds, offset);
    } finally {
      stopping = true;
      pool.shutdownNow();
      for (Node node : nodes) {
        node.stop();
      }
      mail.stop();
    }
  }

  private interface Case<T> {
    T run(int index) throws Exception;
  }

  /** Runs {@code count} cases on the pool; the killer watches the progress; every case must end or the run stops. */
  private <T> List<T> all(ExecutorService pool, int count, Case<T> each, Killer killer) throws Exception {
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int index = i;
      futures.add(pool.submit(() -> each.run(index)));
    }
    Thread watcher = null;
    if (killer != null) {
      watcher = new Thread(killer, "cluster-killer");
      watcher.setDaemon(true);
      watcher.start();
    }
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(future.get());
    }
    if (watcher != null) {
      watcher.join(Duration.ofMinutes(1).toMillis());
    }
    return results;
  }

  /** Kills a node with SIGKILL once the phase made {@code at} writes, then starts it again. */
  private final class Killer implements Runnable {
    private final Node node;
    private final int at;
    volatile boolean done;

    Killer(Node node, int at) {
      this.node = node;
      this.at = at;
    }

    @Override
    public void run() {
      try {
        while (progress.get() < at && !stopping) {
          Thread.sleep(20);
        }
        if (stopping) {
          return;
        }
        inFlightAtKill.addAndGet(node.inFlight.get());
        node.kill();
        done = true;
        System.out.printf(Locale.ROOT, "  node %s killed (SIGKILL) after %d writes, %d requests in flight%n",
            node.name, progress.get(), node.inFlightAtKill);
        Thread.sleep(2000);
        node.start();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  // ---- the cases -----------------------------------------------------------------------------------------------

  /** Files a Class I application, wangfang reviews it, publicity's timer waits; the project id. */
  private Long toPublicity(int i) throws Exception {
    Map<String, Object> application = new LinkedHashMap<>();
    application.put("name", "cluster-" + run + "-" + i);
    application.put("projectClass", "CLASS_I");
    application.put("methodologyCode", "BJCI-M-TRAVEL");
    application.put("district", "海淀区");
    application.put("address", "集群测试路 " + run + "-" + (i + 1) + " 号");
    application.put("description", "共享单车低碳出行激励（集群测试）");
    application.put("startDate", "2025-03-01");
    application.put("creditingStart", "2025-03-01");
    application.put("creditingEnd", "2030-02-28");
    application.put("revenueReturnRatio", "0.95");
    application.put("publicInterestCommitment", "所得收益用于公益，不以营利为目的。");
    application.put("revenuePlan", "减排量收益的 95% 按骑行里程返还参与者，其余用于平台运维。");
    application.put("identifiers", List.of(Map.of("scheme", "SITE", "identifier", "SITE-" + run + "-" + i,
        "alreadyCredited", false)));
    String boundary = "cluster-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    part(body, boundary, "application", null, "application/json", JSON.writeValueAsBytes(application));
    part(body, boundary, "designDocument", "pdd.pdf", "application/pdf", pdf("项目设计文件"));
    part(body, boundary, "implementationPlan", "plan.pdf", "application/pdf", pdf("组织实施方案"));
    body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    long project = created(request("greentravel", "POST", "/api/projects", body.toByteArray(),
        "multipart/form-data; boundary=" + boundary, key("p", i)), "project");
    JsonNode review = awaitTask("wangfang", "processDefinitionKey=ProjectRegistration&processInstanceBusinessKey="
        + project + "&taskDefinitionKey=Task_TechnicalReview");
    work("wangfang", review, Map.of("reviewDecision", "APPROVE", "reviewComment", "技术评估通过"));
    String instance = review.get("processInstanceId").asText();
    await("publicity timer of project " + project, () -> {
      JsonNode jobs = get("admin", "/engine-rest/job?timers=true&activityId=Timer_PublicityEnds&processInstanceId="
          + instance);
      return jobs.size() == 1 ? jobs.get(0) : null;
    });
    return project;
  }

  /** The bureau decides, the project is registered; a reduction is issued; one unit transferred, one retired. */
  private Long afterPublicity(int i, Long project) throws Exception {
    JsonNode decision = awaitTask("zhangwei", "processDefinitionKey=ProjectRegistration&processInstanceBusinessKey="
        + project + "&taskDefinitionKey=Task_BureauDecision");
    work("zhangwei", decision, Map.of("bureauDecision", "APPROVE", "bureauComment", "予以登记"));
    awaitStatus("greentravel", "/api/projects/" + project, "REGISTERED");

    Map<String, Object> draft = new LinkedHashMap<>();
    draft.put("periodStart", "2025-04-01");
    draft.put("periodEnd", "2025-06-30");
    draft.put("claimedTco2e", "3.6");
    draft.put("monitoringReport", "监测报告：轨道交通出行记录由平台采集并去标识化。");
    draft.put("submit", false);
    draft.put("verifierAgencyId", verifierId());
    long application = created(request("greentravel", "POST", "/api/projects/" + project
        + "/reduction-applications", JSON.writeValueAsBytes(draft), "application/json", key("r", i)),
        "reduction application");
    // 100 rail trips of 500 km: 100 × 500 × (0.104 − 0.032) kg = 3.6 t; uploading again replaces the upload
    StringBuilder csv = new StringBuilder("participant_id,trip_id,mode,distance_km,timestamp\n");
    for (int t = 0; t < 100; t++) {
      csv.append("p").append(t % 7).append(',').append(run).append('-').append(i).append('-').append(t)
          .append(",rail,500,2025-05-0").append(1 + t % 9).append("T08:00:00+08:00\n");
    }
    String boundary = "cluster-" + UUID.randomUUID();
    ByteArrayOutputStream upload = new ByteArrayOutputStream();
    part(upload, boundary, "file", "trips.csv", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    upload.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    expect(request("greentravel", "POST", "/api/reduction-applications/" + application + "/activities",
        upload.toByteArray(), "multipart/form-data; boundary=" + boundary, null), 200, "upload");
    progress.incrementAndGet();
    Answer submitted = request("greentravel", "POST", "/api/reduction-applications/" + application + "/submission",
        new byte[0], "application/json", null);
    if (submitted.status != 200 && !(submitted.retried && submitted.status == 409
        && !"DRAFT".equals(get("greentravel", "/api/reduction-applications/" + application).get("status").asText()))) {
      throw submitted.failure("submission");
    }
    progress.incrementAndGet();
    String query = "processDefinitionKey=ReductionRegistration&processInstanceBusinessKey=" + project
        + "&taskDefinitionKey=";
    // the engaged verifier (the demo's) files its report — filing again replaces it — and confirms the claim
    JsonNode verification = awaitTask("hecha", query + "Task_Verification");
    String reportBoundary = "cluster-" + UUID.randomUUID();
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    part(report, reportBoundary, "file", "report.pdf", "application/pdf", pdf("核查报告 " + run + "-" + i));
    report.write(("--" + reportBoundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    expect(request("hecha", "POST", "/api/reduction-applications/" + application + "/verification-report",
        report.toByteArray(), "multipart/form-data; boundary=" + reportBoundary, null), 200, "verification report");
    progress.incrementAndGet();
    work("hecha", verification, Map.of("verificationOpinion", "CONFIRMED", "verifierVerifiedTco2e", 3.6,
        "verificationComment", "核查确认"));
    work("liuyang", awaitTask("liuyang", query + "Task_TechnicalReview"),
        Map.of("reviewDecision", "APPROVE", "verifiedTco2e", 3.6, "reviewComment", "与出行记录一致"));
    work("lina", awaitTask("lina", query + "Task_BureauApproval"),
        Map.of("bureauDecision", "APPROVE", "approvedTco2e", 3.6, "bureauComment", "同意登记"));
    JsonNode issued = awaitStatus("greentravel", "/api/reduction-applications/" + application, "REGISTERED");
    long block = blockOf(issued.get("firstSerial").asText());

    created(request("greentravel", "POST", "/api/registry/transfers",
        JSON.writeValueAsBytes(Map.of("quantity", 1, "blockId", block)), "application/json", key("t", i)),
        "transfer");
    created(request("greentravel", "POST", "/api/registry/retirements",
        JSON.writeValueAsBytes(Map.of("purpose", "VOLUNTARY", "quantity", 1, "blockId", block,
            "beneficiary", "集群测试 " + run + "-" + i)), "application/json", key("x", i)), "retirement");
    return application;
  }

  /** The developer's block that starts with the issuance's first serial (the holder keeps the head of a split). */
  private long blockOf(String firstSerial) throws Exception {
    for (JsonNode block : get("greentravel", "/api/registry/holdings").get("blocks")) {
      if (block.get("firstSerial").asText().equals(firstSerial)) {
        return block.get("blockId").asLong();
      }
    }
    throw new IllegalStateException("no block starts with " + firstSerial);
  }

  private volatile Long verifier;

  /** The demo verifier's agency id, as a developer finds it in the agency list. */
  private long verifierId() throws Exception {
    if (verifier == null) {
      for (JsonNode agency : get("greentravel", "/api/agencies?kind=VERIFIER&size=200")) {
        if ("91110105MA01HC8K5C".equals(agency.get("creditCode").asText())) {
          verifier = agency.get("id").asLong();
        }
      }
    }
    if (verifier == null) {
      throw new IllegalStateException("the demo verifier is not recorded");
    }
    return verifier;
  }

  private String key(String kind, int i) {
    return "cluster-" + run + "-" + kind + i;
  }

  /** The id the write made: 201, or — its first answer lost — the 409 of its key naming what the first one made. */
  private long created(Answer answer, String what) {
    if (answer.status == 201) {
      progress.incrementAndGet();
      return answer.body.get("id").asLong();
    }
    if (answer.retried && answer.status == 409 && answer.body.has("existingId")) {
      progress.incrementAndGet();
      return answer.body.get("existingId").asLong();
    }
    throw answer.failure(what);
  }

  /** Claims and completes a task through /engine-rest; a lost answer is settled by reading the task again. */
  private void work(String user, JsonNode task, Map<String, Object> variables) throws Exception {
    String id = task.get("id").asText();
    Answer claim = request(user, "POST", "/engine-rest/task/" + id + "/claim",
        JSON.writeValueAsBytes(Map.of("userId", user)), "application/json", null);
    if (claim.status != 204) {
      Answer now = request(user, "GET", "/engine-rest/task/" + id, null, null, null);
      if (!(claim.retried && now.status == 200 && user.equals(now.body.path("assignee").asText()))) {
        throw claim.failure("claim");
      }
    }
    progress.incrementAndGet();
    Map<String, Object> typed = new LinkedHashMap<>();
    variables.forEach((name, value) -> typed.put(name, Map.of("value", value)));
    Answer complete = request(user, "POST", "/engine-rest/task/" + id + "/complete",
        JSON.writeValueAsBytes(Map.of("variables", typed)), "application/json", null);
    if (complete.status != 204) {
      Answer now = request(user, "GET", "/engine-rest/task/" + id, null, null, null);
      if (!(complete.retried && now.status == 404)) {
        throw complete.failure("complete");
      }
    }
    progress.incrementAndGet();
  }

  private JsonNode awaitTask(String user, String query) throws Exception {
    return await("task " + query, () -> {
      JsonNode tasks = get(user, "/engine-rest/task?" + query);
      return tasks.size() == 1 ? tasks.get(0) : null;
    });
  }

  private JsonNode awaitStatus(String user, String path, String ended) throws Exception {
    return await(path + " " + ended, () -> {
      JsonNode view = get(user, path);
      String status = view.get("status").asText();
      if (List.of("REJECTED", "WITHDRAWN", "CANCELLED").contains(status)) {
        throw new IllegalStateException(path + " ended " + status + ": " + view.path("statusReason").asText());
      }
      return ended.equals(status) ? view : null;
    });
  }

  private interface Probe {
    JsonNode probe() throws Exception;
  }

  private static JsonNode await(String what, Probe probe) throws Exception {
    long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
    long pause = 50;
    while (System.nanoTime() < deadline) {
      JsonNode found = probe.probe();
      if (found != null) {
        return found;
      }
      Thread.sleep(pause);
      pause = Math.min(2 * pause, 400);
    }
    throw new IllegalStateException("timed out waiting for " + what);
  }

  // ---- after the run -------------------------------------------------------------------------------------------

  /** Waits until no job is due, no notice waits and no event waits for its listener (at most five minutes). */
  private void quiesce(long offset) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try (Connection db = connect()) {
        Timestamp now = new Timestamp(System.currentTimeMillis() + offset);
        long jobs = count(db, "select count(*) from act_ru_job where retries_ > 0 and suspension_state_ = 1 "
            + "and (duedate_ is null or duedate_ <= ?)", now);
        long notices = count(db, "select count(*) from notification where status in ('PENDING', 'SENDING')");
        long events = count(db, "select count(*) from event_publication where completion_date is null");
        last = jobs + " jobs due, " + notices + " notices waiting, " + events + " events undelivered";
        if (jobs == 0 && notices == 0 && events == 0) {
          return;
        }
      }
      Thread.sleep(1000);
    }
    System.out.println("  not quiet after five minutes: " + last);
  }

  private Outcome verify(List<Long> projects, int kills, double seconds, long offset) throws Exception {
    List<String> problems = new ArrayList<>();
    int n = settings.cases();
    int lost = 0;
    int duplicated = 0;
    try (Connection db = connect()) {
      String like = "cluster-" + run + "-%";
      // projects: one per case, each REGISTERED, each with one registration process that completed
      Map<String, Long> projectStatus = groupCount(db, "select status, count(*) from project where name like ? "
          + "group by status", like);
      long projectRows = projectStatus.values().stream().mapToLong(Long::longValue).sum();
      duplicated += (int) Math.max(0, projectRows - n);
      lost += n - projectStatus.getOrDefault("REGISTERED", 0L).intValue();
      for (String key : List.of("ProjectRegistration", "ReductionRegistration")) {
        Map<String, Long> instances = groupCount(db, "select p.business_key_, count(*) from act_hi_procinst p "
            + "join project pr on p.business_key_ = cast(pr.id as varchar) where pr.name like ? "
            + "and p.proc_def_key_ = ? and p.state_ = 'COMPLETED' group by p.business_key_", like, key);
        lost += n - instances.size();
        duplicated += (int) instances.values().stream().mapToLong(c -> c - 1).sum();
        long open = count(db, "select count(*) from act_hi_procinst p join project pr on p.business_key_ = "
            + "cast(pr.id as varchar) where pr.name like ? and p.proc_def_key_ = ? and p.state_ <> 'COMPLETED'",
            like, key);
        if (open > 0) {
          problems.add(open + " " + key + " instances not COMPLETED");
          lost += (int) open;
        }
      }
      // reduction applications: one per project, REGISTERED, issued once
      Map<String, Long> applicationStatus = groupCount(db, "select a.status, count(*) from reduction_application a "
          + "join project p on p.id = a.project_id where p.name like ? group by a.status", like);
      long applicationRows = applicationStatus.values().stream().mapToLong(Long::longValue).sum();
      duplicated += (int) Math.max(0, applicationRows - n);
      lost += n - applicationStatus.getOrDefault("REGISTERED", 0L).intValue();
      long issuances = count(db, "select count(*) from registry_issuance i join project p on p.id = i.project_id "
          + "where p.name like ?", like);
      long issuedUnits = count(db, "select coalesce(sum(i.quantity), 0) from registry_issuance i "
          + "join project p on p.id = i.project_id where p.name like ?", like);
      duplicated += (int) Math.max(0, issuances - n);
      lost += (int) Math.max(0, n - issuances);
      if (issuedUnits != 3L * n) {
        problems.add("issued " + issuedUnits + " units, the driver expects " + 3L * n);
      }
      // transfers and retirements: one each per case, one unit each
      for (String table : List.of("registry_transfer", "registry_retirement")) {
        long rows = count(db, "select count(*) from " + table + " where submission_key like ?", like);
        long units = count(db, "select coalesce(sum(quantity), 0) from " + table + " where submission_key like ?",
            like);
        duplicated += (int) Math.max(0, rows - n);
        lost += (int) Math.max(0, n - rows);
        if (units != n) {
          problems.add(table + " moved " + units + " units, the driver " + n);
        }
      }
      // the units: the blocks of the run's projects that are retired hold what the driver retired
      long retiredUnits = count(db, "select coalesce(sum(b.quantity), 0) from registry_block b "
          + "join project p on p.id = b.project_id where p.name like ? and b.status = 'RETIRED'", like);
      if (retiredUnits != n) {
        problems.add(retiredUnits + " units retired in blocks, the driver retired " + n);
      }
      int incidents = (int) count(db, "select count(*) from act_ru_incident");
      Timestamp now = new Timestamp(System.currentTimeMillis() + offset - 60_000);
      int stuck = (int) count(db, "select count(*) from act_ru_job where retries_ = 0 or (suspension_state_ = 1 "
          + "and (duedate_ is null or duedate_ <= ?))", now);
      int events = (int) count(db, "select count(*) from event_publication where completion_date is null");
      // notices: every one SENT, each delivered; twice only if the node that was sending it died
      Map<Long, Integer> attempts = new HashMap<>();
      Map<Long, String> status = new HashMap<>();
      try (PreparedStatement s = db.prepareStatement("select id, status, attempts from notification");
           ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          attempts.put(rs.getLong(1), rs.getInt(3));
          status.put(rs.getLong(1), rs.getString(2));
        }
      }
      Map<Long, Integer> delivered = new HashMap<>();
      for (MimeMessage message : mail.getReceivedMessages()) {
        String[] header = message.getHeader("X-Carbon-Notice");
        if (header != null) {
          delivered.merge(Long.parseLong(header[0]), 1, Integer::sum);
        }
      }
      int sent = 0;
      int missing = 0;
      int twice = 0;
      int takenOver = 0;
      for (Map.Entry<Long, String> notice : status.entrySet()) {
        long id = notice.getKey();
        int times = delivered.getOrDefault(id, 0);
        if ("SENT".equals(notice.getValue())) {
          sent++;
        } else {
          problems.add("notice " + id + " is " + notice.getValue());
        }
        if (times == 0) {
          missing++;
        }
        if (attempts.get(id) > 1) {
          takenOver++;
        }
        if (times > 1) {
          twice += times - 1;
          if (attempts.get(id) == 1) {
            problems.add("notice " + id + " delivered " + times + " times though sent in one attempt");
          }
        }
      }
      boolean journal = true;
      for (Node node : nodes) {
        JsonNode check = JSON.readTree(node.plain("/api/public/registry/journal/verify"));
        journal &= check.get("ok").asBoolean();
      }
      Map<String, Long> perNode = new LinkedHashMap<>();
      nodes.forEach(node -> perNode.put(node.name, node.served.get()));
      return new Outcome(n, lost, duplicated, journal, incidents, stuck, events, sent, missing, twice, takenOver,
          kills, inFlightAtKill.get(), retriedWrites.get(), requests.get(), perNode, seconds, problems);
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(settings.dbUrl(), settings.dbUser(), settings.dbPassword());
  }

  private static long count(Connection db, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static Map<String, Long> groupCount(Connection db, String sql, Object... parameters) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (PreparedStatement s = db.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          counts.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return counts;
  }

  // ---- HTTP through whichever node is up -------------------------------------------------------------------------

  /** An answer; {@code retried}: an earlier attempt of the same request lost its answer (a node died under it). */
  private record Answer(int status, JsonNode body, boolean retried, String what) {
    IllegalStateException failure(String step) {
      return new IllegalStateException(step + ": " + what + " answered " + status + " " + body
          + (retried ? " (sent again after a lost answer)" : ""));
    }
  }

  private JsonNode get(String user, String path) throws Exception {
    return expect(request(user, "GET", path, null, null, null), 200, "GET " + path);
  }

  private static JsonNode expect(Answer answer, int status, String step) {
    if (answer.status != status) {
      throw answer.failure(step);
    }
    return answer.body;
  }

  /**
   * Sends a request to the next node that is up; when the connection fails or breaks (the node died), the same
   * request goes to another node, and the answer says so.
   */
  private Answer request(String user, String method, String path, byte[] body, String contentType,
      String idempotencyKey) throws Exception {
    boolean retried = false;
    long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Node node = nextUp();
      if (node == null) {
        Thread.sleep(200);
        continue;
      }
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.base + path))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo")
              .getBytes(StandardCharsets.UTF_8)))
          .header("Accept", "application/json").timeout(Duration.ofSeconds(60))
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(body));
      if (contentType != null) {
        request.header("Content-Type", contentType);
      }
      if (idempotencyKey != null) {
        request.header("Idempotency-Key", idempotencyKey);
      }
      if ("admin".equals(user) && !"GET".equals(method)) {
        request.header("X-Intervention-Reason", URLEncoder.encode("集群测试 bench/cluster-kill.sh",
            StandardCharsets.UTF_8));
      }
      requests.incrementAndGet();
      node.inFlight.incrementAndGet();
      try {
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        node.served.incrementAndGet();
        JsonNode parsed = response.body().length == 0 ? JSON.nullNode() : parseOrText(response.body());
        return new Answer(response.statusCode(), parsed, retried, method + " " + path + " as " + user);
      } catch (IOException e) {
        node.up = false;
        if (!"GET".equals(method)) {
          retried = true;
          retriedWrites.incrementAndGet();
        }
      } finally {
        node.inFlight.decrementAndGet();
      }
    }
    throw new IllegalStateException("no node answered " + method + " " + path);
  }

  private static JsonNode parseOrText(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.getNodeFactory().textNode(new String(body, StandardCharsets.UTF_8));
    }
  }

  private Node nextUp() {
    for (int k = 0; k < nodes.size(); k++) {
      Node node = nodes.get(Math.floorMod(turn.getAndIncrement(), nodes.size()));
      if (node.up) {
        return node;
      }
    }
    return null;
  }

  /** Marks a node up when its health answers, down when it does not. */
  private void watchHealth() {
    while (!stopping) {
      for (Node node : nodes) {
        node.up = node.healthy();
      }
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  // ---- the nodes -----------------------------------------------------------------------------------------------

  private final class Node {
    final String name;
    final int port;
    final int smtp;
    final String base;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicLong served = new AtomicLong();
    volatile boolean up;
    volatile int inFlightAtKill;
    Process process;

    Node(String name, int port, int smtp) {
      this.name = name;
      this.port = port;
      this.smtp = smtp;
      this.base = "http://127.0.0.1:" + port;
    }

    void start() throws IOException {
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx" + settings.heap(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "-Djava.io.tmpdir=" + settings.work(), "-Dfile.encoding=UTF-8",
          "-Dcluster.clock-file=" + clockFile,
          // an empty entry would put the working folder (and its processes/ beside the packaged ones) on the path
          "-cp", java.util.Arrays.stream(settings.classpath().split(java.io.File.pathSeparator))
              .filter(entry -> !entry.isBlank()).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator)),
          ClusterNode.class.getName(),
          "--spring.datasource.url=" + settings.dbUrl(),
          "--spring.datasource.username=" + settings.dbUser(),
          "--spring.datasource.password=" + settings.dbPassword(),
          "--server.port=" + port,
          "--carbon-inclusion.data-dir=" + settings.work().resolve("data"),
          "--spring.mail.host=127.0.0.1",
          "--spring.mail.port=" + smtp,
          // what a killed node held comes back soon (production defaults: 5 minutes, 10 minutes, 1 minute)
          "--camunda.bpm.job-execution.lock-time-in-millis=10000",
          "--camunda.bpm.job-execution.max-wait=2000",
          "--carbon-inclusion.notification.stale-claim=PT15S",
          "--carbon-inclusion.notification.retry-interval=PT2S",
          "--carbon-inclusion.events.redelivery-grace=PT5S",
          "--carbon-inclusion.events.redelivery-interval=PT5S",
          "--logging.level.root=WARN"));
      command.addAll(settings.extra());
      Path log = settings.work().resolve("node-" + name + ".log");
      process = new ProcessBuilder(command).directory(settings.work().toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    void awaitUp() throws Exception {
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("node " + name + " stopped at start (exit " + process.exitValue()
              + "): see " + settings.work().resolve("node-" + name + ".log"));
        }
        if (healthy()) {
          up = true;
          return;
        }
        Thread.sleep(500);
      }
      throw new IllegalStateException("node " + name + " not up after " + START_TIMEOUT);
    }

    boolean healthy() {
      if (process == null || !process.isAlive()) {
        return false;
      }
      try {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    /** SIGKILL: no shutdown hook, no graceful close; what it had in flight is lost. */
    void kill() throws InterruptedException {
      up = false;
      inFlightAtKill = inFlight.get();
      process.destroyForcibly();
      process.waitFor();
    }

    void stop() {
      if (process != null && process.isAlive()) {
        process.destroy();
        try {
          if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
          }
        } catch (InterruptedException e) {
          process.destroyForcibly();
        }
      }
    }

    String plain(String path) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET()
          .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString()).body();
    }
  }

  // ---- helpers -------------------------------------------------------------------------------------------------

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static byte[] pdf(String text) {
    return ("%PDF-1.4\n% " + text + " " + UUID.randomUUID() + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
  }

  private static void part(ByteArrayOutputStream body, String boundary, String name, String filename,
      String type, byte[] content) throws IOException {
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
        + (filename == null ? "" : "; filename=\"" + filename + "\"") + "\r\nContent-Type: " + type + "\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8));
    body.write(content);
    body.write("\r\n".getBytes(StandardCharsets.UTF_8));
  }

  /** {@code bench/cluster-kill.sh}: the database named by BENCH_DB_URL, or an embedded one. */
  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(env("N", "60"));
    int threads = Integer.parseInt(env("T", "6"));
    int kills = Integer.parseInt(env("KILLS", "2"));
    Path work = Path.of(env("WORK", "target/bench/cluster")).toAbsolutePath();
    String classpath = System.getProperty("java.class.path");
    String url = System.getenv("BENCH_DB_URL");
    Outcome outcome;
    if (url != null && !url.isBlank()) {
      outcome = run(new Settings(n, threads, kills, work, url, env("BENCH_DB_USER", "postgres"),
          env("BENCH_DB_PASSWORD", ""), classpath, env("HEAP", "1g"), List.of(args)));
    } else {
      try (io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres =
               io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().setRegisterShutdownHook(false).start()) {
        outcome = run(new Settings(n, threads, kills, work, postgres.getJdbcUrl("postgres", "postgres"), "postgres",
            "postgres", classpath, env("HEAP", "1g"), List.of(args)));
      }
    }
    outcome.lines().forEach(System.out::println);
    if (outcome.lost() > 0 || outcome.duplicated() > 0 || !outcome.journalOk() || !outcome.problems().isEmpty()) {
      System.exit(1);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
