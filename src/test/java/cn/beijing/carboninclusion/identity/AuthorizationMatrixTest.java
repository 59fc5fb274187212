package cn.beijing.carboninclusion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.registry.IssueRequest;
import cn.beijing.carboninclusion.registry.IssuedBlock;
import cn.beijing.carboninclusion.registry.Registry;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import cn.beijing.carboninclusion.support.RawHttp;
import cn.beijing.carboninclusion.support.RawHttp.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The authorization matrix of docs/security.md, asserted cell by cell against the running platform: the table is the
 * one source. Every operation under /api of the OpenAPI document has its row (a new operation without one fails), every
 * row names an operation that exists, and each of the engine REST operations the platform relies on has its row.
 *
 * <p>Each cell is probed with a real request as that column's demo user, aimed at real cases of the developer
 * greentravel (the "developer" column; sunroof is "a developer of another organisation"). A probe writes nothing
 * when allowed: write bodies are empty ({@code {}} or an empty multipart), so an allowed caller meets the operation's
 * validation (400) and a refused one its refusal, which the platform decides before it reads a body. Denied means 401
 * (anonymous), 403, or 404 for a case the caller may not know of; for the engine's queries, which filter rather than
 * refuse, an answer that does not hold the probed case.
 */
class AuthorizationMatrixTest extends PlatformIntegrationTest {
  static final Path DOCUMENT = Path.of("docs/security.md");
  static final String BEGIN = "<!-- authorization-matrix:begin -->";
  static final String END = "<!-- authorization-matrix:end -->";
  static final Map<String, String> COLUMNS = columns();
  /** The engine REST operations the platform relies on (Tasklist, Cockpit, Admin, developers' own tasks). */
  static final List<String> ENGINE_OPERATIONS = List.of(
      "GET /engine-rest/task", "POST /engine-rest/task/{id}/claim", "POST /engine-rest/task/{id}/complete",
      "PUT /engine-rest/task/{id}/variables/{varName}", "GET /engine-rest/process-instance",
      "GET /engine-rest/process-instance/{id}/variables", "GET /engine-rest/history/process-instance",
      "POST /engine-rest/deployment/create", "POST /engine-rest/message", "POST /engine-rest/job/{id}/execute",
      "GET /engine-rest/filter", "GET /engine-rest/filter/{id}/list", "GET /engine-rest/user",
      "GET /engine-rest/group");
  private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired JdbcTemplate jdbc;
  @Autowired Registry registry;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired FilterService filterService;

  private ProjectCases cases;
  private final Map<String, String> values = new LinkedHashMap<>();
  private final List<String> markers = new ArrayList<>();
  private Task reviewTask;
  private ProcessInstance inPublicity;
  private String startReviewJob;

  private static Map<String, String> columns() {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("anonymous", null);
    columns.put("bureau", "zhangwei");
    columns.put("techcenter", "wangfang");
    columns.put("exchange", "chenjing");
    columns.put("developer", "greentravel");
    columns.put("expert", "expertgao");
    columns.put("camunda-admin", "admin");
    columns.put("other developer", "sunroof");
    return columns;
  }

  @BeforeEach
  void cases() {
    cases = new ProjectCases(context);
  }

  @AfterEach
  void cleanUp() {
    cases.cleanUp();
  }

  @Test
  void everyCellOfTheMatrixHoldsOnTheRunningPlatform() throws IOException {
    Map<String, Map<String, String>> table = read();
    JsonNode document = new ObjectMapper().readTree(RawHttp.send(port, "GET", "/v3/api-docs", null, Map.of(),
        null).body());
    Map<String, JsonNode> operations = operations(document);

    Set<String> rows = new LinkedHashSet<>(table.keySet());
    Set<String> missing = new TreeSet<>(operations.keySet());
    missing.addAll(ENGINE_OPERATIONS);
    missing.removeAll(table.keySet());
    rows.addAll(missing);
    Set<String> unknown = new TreeSet<>(table.keySet());
    unknown.removeAll(operations.keySet());
    ENGINE_OPERATIONS.forEach(unknown::remove);
    rows.removeAll(unknown);

    fixtures();
    List<String> wrong = new ArrayList<>();
    StringBuilder observed = new StringBuilder();
    StringBuilder statuses = new StringBuilder();
    int cells = 0;
    for (String row : rows) {
      StringBuilder line = new StringBuilder("| `" + row + "` |");
      for (Map.Entry<String, String> column : COLUMNS.entrySet()) {
        Observation seen = row.contains(" /api/") ? api(row, operations.get(row), column.getValue())
            : engine(row, column.getValue());
        String expected = table.getOrDefault(row, Map.of()).get(column.getKey());
        String verdict = expected == null ? null : verdict(expected, column.getKey(), seen);
        if (verdict != null) {
          wrong.add(row + " × " + column.getKey() + ": " + verdict);
        }
        line.append(' ').append(seen.cell(column.getKey())).append(" |");
        statuses.append(' ').append(seen.status());
        cells++;
      }
      observed.append(line).append('\n');
      statuses.append("  ").append(row).append('\n');
    }
    System.out.println("authorization matrix: " + rows.size() + " operations (" + operations.size()
        + " under /api, " + ENGINE_OPERATIONS.size() + " of /engine-rest) × " + COLUMNS.size() + " callers = "
        + cells + " cells, " + wrong.size() + " contradicted");
    if (!wrong.isEmpty() || !missing.isEmpty() || !unknown.isEmpty()) {
      System.out.println("the platform as observed:\n" + observed + "\nstatuses (columns in order):\n" + statuses);
    }
    assertThat(missing).as("operations without a row in the matrix of " + DOCUMENT).isEmpty();
    assertThat(unknown).as("rows of the matrix that name no operation").isEmpty();
    assertThat(wrong).as("cells of the matrix the platform contradicts").isEmpty();
  }

  // ------------------------------------------------------------------ the table

  static Map<String, Map<String, String>> read() throws IOException {
    String text = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    assertThat(begin).as(BEGIN + " in " + DOCUMENT).isNotNegative();
    assertThat(end).as(END + " in " + DOCUMENT).isGreaterThan(begin);
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    List<String> header = null;
    for (String line : text.substring(begin + BEGIN.length(), end).split("\n")) {
      line = line.strip();
      if (!line.startsWith("|") || line.startsWith("|--") || line.startsWith("| --")) {
        continue;
      }
      List<String> cells = new ArrayList<>();
      for (String cell : line.substring(1, line.length() - 1).split("\\|")) {
        cells.add(cell.strip().replace("`", ""));
      }
      if (header == null) {
        header = cells;
        assertThat(header.subList(1, header.size())).as("the matrix's columns").containsExactlyElementsOf(
            COLUMNS.keySet());
        continue;
      }
      assertThat(cells).as("cells of " + cells.get(0)).hasSize(header.size());
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 1; i < cells.size(); i++) {
        assertThat(cells.get(i)).as(cells.get(0) + " × " + header.get(i)).isIn("allow", "deny", "own");
        row.put(header.get(i), cells.get(i));
      }
      assertThat(rows.put(cells.get(0), row)).as("a second row for " + cells.get(0)).isNull();
    }
    return rows;
  }

  static Map<String, JsonNode> operations(JsonNode document) {
    Map<String, JsonNode> operations = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      if (!path.getKey().startsWith("/api/")) {
        continue;
      }
      path.getValue().fields().forEachRemaining(op -> operations.put(
          op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), op.getValue()));
    }
    return operations;
  }

  // ------------------------------------------------------------------ verdicts

  /** What a probe saw: allowed or denied, the status, and whether the answer held greentravel's cases. */
  record Observation(boolean allowed, int status, boolean foreign) {
    String cell(String column) {
      if (!allowed) {
        return "deny";
      }
      return column.equals("other developer") && !foreign ? "own" : "allow";
    }
  }

  /**
   * Null when the observation agrees with the cell, else why not. {@code own}: allowed, and for another developer an
   * answer without greentravel's cases; {@code deny}: refused (401 for an anonymous caller).
   */
  static String verdict(String expected, String column, Observation seen) {
    return switch (expected) {
      case "allow" -> seen.allowed() ? null : "allowed in the table, answered " + seen.status();
      case "own" -> !seen.allowed() ? "own only in the table, but refused (" + seen.status() + ")"
          : column.equals("other developer") && seen.foreign()
              ? "own only in the table, but the answer holds greentravel's case" : null;
      default -> seen.allowed() ? "denied in the table, answered " + seen.status()
          : column.equals("anonymous") && seen.status() != 401
              ? "an anonymous caller is refused with 401, answered " + seen.status() : null;
    };
  }

  // ------------------------------------------------------------------ probes of /api

  private Observation api(String row, JsonNode operation, String user) {
    String method = row.substring(0, row.indexOf(' '));
    String path = row.substring(row.indexOf(' ') + 1);
    Matcher variables = VARIABLE.matcher(path);
    StringBuilder target = new StringBuilder();
    while (variables.find()) {
      variables.appendReplacement(target, Matcher.quoteReplacement(value(path, variables.group(1))));
    }
    variables.appendTail(target);
    Map<String, String> headers = new LinkedHashMap<>();
    byte[] body = null;
    JsonNode content = operation.path("requestBody").path("content");
    if (content.has("multipart/form-data")) {
      headers.put("Content-Type", "multipart/form-data; boundary=matrix");
      body = "--matrix--\r\n".getBytes(StandardCharsets.ISO_8859_1);
    } else if (content.size() > 0) {
      headers.put("Content-Type", "application/json");
      body = "{}".getBytes(StandardCharsets.UTF_8);
    } else if (!method.equals("GET")) {
      headers.put("Content-Type", "application/json");
    }
    Answer answer = RawHttp.send(port, method, target.toString(), user, headers, body);
    int status = answer.status();
    assertThat(status).as(row + " as " + user + " (" + answer.body() + ")").isLessThan(500);
    boolean allowed = status != 401 && status != 403 && status != 404;
    return new Observation(allowed, status, allowed && markers.stream().anyMatch(answer.body()::contains));
  }

  private String value(String path, String variable) {
    String key = switch (variable) {
      case "id", "projectId" -> path.replaceFirst("^/api/(public/)?([a-z-]+(/[a-z-]+)?)/\\{.*$", "$2");
      default -> variable;
    };
    String value = values.get(key);
    if (value == null) {
      throw new AssertionError("no probe value for {" + variable + "} of " + path + " (key " + key + ")");
    }
    return value;
  }

  // ------------------------------------------------------------------ probes of /engine-rest

  private Observation engine(String row, String user) {
    Function<Answer, Boolean> holds = a -> true;
    String method = row.substring(0, row.indexOf(' '));
    String target;
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    byte[] body = null;
    String task = reviewTask.getId();
    String instance = reviewTask.getProcessInstanceId();
    switch (row) {
      case "GET /engine-rest/task" -> {
        target = "/engine-rest/task?processInstanceId=" + instance;
        holds = a -> a.body().contains(task);
      }
      case "POST /engine-rest/task/{id}/claim" -> {
        target = "/engine-rest/task/" + task + "/claim";
        body = json("{\"userId\":\"" + user + "\"}");
      }
      case "POST /engine-rest/task/{id}/complete" -> {
        target = "/engine-rest/task/" + task + "/complete";
        body = json("{\"variables\":{}}");
      }
      case "PUT /engine-rest/task/{id}/variables/{varName}" -> {
        target = "/engine-rest/task/" + task + "/variables/reviewComment";
        body = json("{\"value\":\"\",\"type\":\"Integer\"}");
      }
      case "GET /engine-rest/process-instance" -> {
        target = "/engine-rest/process-instance?processInstanceIds=" + instance;
        holds = a -> a.body().contains(instance);
      }
      case "GET /engine-rest/process-instance/{id}/variables" ->
          target = "/engine-rest/process-instance/" + instance + "/variables";
      case "GET /engine-rest/history/process-instance" -> {
        target = "/engine-rest/history/process-instance?processInstanceId=" + instance;
        holds = a -> a.body().contains(instance);
      }
      case "POST /engine-rest/deployment/create" -> {
        target = "/engine-rest/deployment/create";
        headers.put("Content-Type", "multipart/form-data; boundary=matrix");
        body = RawHttp.multipart("matrix", "\r\n",
            RawHttp.Part.of("Content-Disposition: form-data; name=\"deployment-name\"", "matrix-probe"),
            RawHttp.Part.of("Content-Disposition: form-data; name=\"broken.bpmn\"; filename=\"broken.bpmn\"\r\n"
                + "Content-Type: application/xml", "<definitions"));
      }
      case "POST /engine-rest/message" -> {
        target = "/engine-rest/message";
        assertThat(runtimeService.createEventSubscriptionQuery().processInstanceId(inPublicity.getId())
            .eventType("message").eventName("Message_ObjectionFiled").count())
            .as("the objection message awaited in publicity").isOne();
        body = json("{\"messageName\":\"Message_ObjectionFiled\",\"processInstanceId\":\"" + inPublicity.getId()
            + "\"}");
      }
      case "POST /engine-rest/job/{id}/execute" -> {
        target = "/engine-rest/job/" + startReviewJob + "/execute";
        headers.put("X-Intervention-Reason", "matrix");
      }
      case "GET /engine-rest/filter" -> {
        target = "/engine-rest/filter?name=" + java.net.URLEncoder.encode("技术中心待办", StandardCharsets.UTF_8);
        holds = a -> a.body().contains("技术中心待办");
      }
      case "GET /engine-rest/filter/{id}/list" -> {
        String filter = filterService.createFilterQuery().filterName("技术中心待办").singleResult().getId();
        target = "/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=2000";
        holds = a -> a.body().contains(task);
      }
      case "GET /engine-rest/user" -> {
        target = "/engine-rest/user?id=lina";
        holds = a -> a.body().contains("\"lina\"");
      }
      case "GET /engine-rest/group" -> {
        target = "/engine-rest/group?id=techcenter";
        holds = a -> a.body().contains("\"techcenter\"");
      }
      default -> throw new AssertionError("no probe for " + row);
    }
    if (method.equals("GET")) {
      headers.remove("Content-Type");
    }
    Answer answer = RawHttp.send(port, method, target, user, headers, body);
    int status = answer.status();
    if (System.getProperty("matrix.debug") != null) {
      System.out.println("DEBUG " + row + " as " + user + ": " + status + " " + answer.body());
    }
    boolean allowed = status != 401 && status != 403 && status != 404 && holds.apply(answer);
    restore(row, user, status);
    return new Observation(allowed, status, false);
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A probe that was allowed and changed something is undone, so that every column meets the same case. */
  private void restore(String row, String user, int status) {
    if (row.endsWith("/claim") && status < 300) {
      taskService.setAssignee(reviewTask.getId(), null);
    }
    if (row.endsWith("/execute") && status < 300) {
      startReviewJob = null;
      fixtureJob();
    }
  }

  // ------------------------------------------------------------------ fixtures

  private void fixtures() {
    Project registered = cases.aRegisteredProject();
    Project inReview = cases.aProjectInTechnicalReview();
    reviewTask = cases.technicalReviewOf(inReview);
    Project publicity = cases.aProjectInPublicity();
    inPublicity = cases.registrationOf(publicity);
    fixtureJob();
    markers.add(registered.getName());
    markers.add(registered.getRegistrationNo());
    markers.add(inReview.getName());

    long project = registered.getId();
    values.put("projects", String.valueOf(project));
    values.put("tokenId", String.valueOf(context.getBean(ApiTokens.class).issue("greentravel", "matrix").id()));
    values.put("documentId", String.valueOf(jdbc.queryForObject(
        "select min(id) from project_document where project_id = ?", Long.class, project)));
    values.put("changeId", String.valueOf(change(project)));
    long application = reductionApplication(project);
    values.put("reduction-applications", String.valueOf(application));
    upload(application);
    payouts(application);
    values.put("period", String.valueOf(application));
    values.put("pseudonym", jdbc.queryForObject("select min(pseudonym) from participant_share where application_id = ?",
        String.class, application));
    // submitted, in verification, the engaged verifier's report filed
    Answer submitted = RawHttp.send(port, "POST", "/api/reduction-applications/" + application + "/submission",
        "greentravel", Map.of("Content-Type", "application/json"), null);
    assertThat(submitted.status()).as("a submission: " + submitted.body()).isEqualTo(200);
    ProcessInstance verification = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey("ReductionRegistration").variableValueEquals("applicationId", application)
        .singleResult();
    managementService.executeJob(managementService.createJobQuery().processInstanceId(verification.getId())
        .singleResult().getId());
    cases.fileVerificationReport(application);
    values.put("methodologies", String.valueOf(jdbc.queryForObject("select min(id) from methodology", Long.class)));
    values.put("public/methodologies", values.get("methodologies"));
    values.put("public/projects", String.valueOf(project));
    values.put("developers", String.valueOf(registered.getDeveloperId()));
    long issuanceApplication = ThreadLocalRandom.current().nextLong(3_000_000_000L, 4_000_000_000L);
    IssuedBlock block = new TransactionTemplate(transactionManager).execute(s -> registry.issue(new IssueRequest(
        issuanceApplication, project, registered.getRegistrationNo(), registered.getDeveloperId(), 2025, 100)));
    values.put("registry/issuances", String.valueOf(jdbc.queryForObject(
        "select id from registry_issuance where application_id = ?", Long.class, issuanceApplication)));
    values.put("serial", block.firstSerial());
    values.put("accountNo", jdbc.queryForObject(
        "select 'BJCI-A-' || lpad(id::text, 8, '0') from registry_account where developer_id = ? order by id limit 1",
        String.class, registered.getDeveloperId()));
    values.put("registry/retirements", String.valueOf(retirement(block)));
    values.put("registry/transfers", String.valueOf(transfer(block)));
    long agency = agency();
    values.put("agencies", String.valueOf(agency));
    values.put("bars", String.valueOf(bar(agency)));
    values.put("userId", "lina");
    values.put("audit-reports", String.valueOf(auditReport(project)));
    values.put("year", String.valueOf(spotCheckYear()));
  }

  /** A decided (public) audit report of the project with the audit firm's signed document. */
  private long auditReport(long project) {
    long firm = jdbc.queryForObject("select id from service_agency where credit_code = '91110108MA03AU1D2U'",
        Long.class);
    jdbc.update("""
        insert into audit_report (project_id, period_label, period_start, period_end, due_at, status, agency_id,
          agency_name, agency_credit_code, proceeds, operating_costs, returned_amount, report_summary, filed_by,
          filed_at, decided_by, decided_at, decision_comment, audit_opinion)
        values (?, '2019年度', date '2019-01-01', date '2020-01-01', timestamp with time zone '2020-03-31 00:00:00+08',
          'ACCEPTED', ?, '北京信诚会计师事务所（示例）', '91110108MA03AU1D2U', 0, 0, 0, '授权矩阵测试', 'kuaiji',
          current_timestamp, 'liuyang', current_timestamp, '合格', 'UNQUALIFIED')""", project, firm);
    long report = jdbc.queryForObject("select id from audit_report where project_id = ? and period_label = '2019年度'",
        Long.class, project);
    jdbc.update("""
        insert into audit_report_document (audit_report_id, agency_id, filename, content_type, size_bytes, sha256,
          content, uploaded_by, uploaded_at)
        values (?, ?, 'audit.pdf', 'application/pdf', 9, ?, ?, 'kuaiji', current_timestamp)""", report, firm,
        "0".repeat(64), "%PDF-1.4\n".getBytes(StandardCharsets.ISO_8859_1));
    return report;
  }

  /** A year with a spot-check draw on record (GET /api/public/spot-checks/{year}); the matrix draws nothing itself. */
  private int spotCheckYear() {
    int year = 2098;
    jdbc.update("""
        insert into spot_check_draw (draw_year, seed_phrase, seed, project_population, agency_population,
          project_sample, agency_sample, population_digest, drawn_at, drawn_by)
        values (?, 'matrix', ?, 0, 0, 0, 0, ?, now(), 'zhangwei') on conflict (draw_year) do nothing""",
        year, "0".repeat(64), "0".repeat(64));
    return year;
  }

  private void fixtureJob() {
    Project filed = cases.fileAs("greentravel", ProjectCases.aCompleteApplication());
    ProcessInstance registration = cases.registrationOf(filed);
    startReviewJob = managementService.createJobQuery().processInstanceId(registration.getId()).singleResult()
        .getId();
  }

  private long change(long project) {
    Answer answer = RawHttp.send(port, "POST", "/api/projects/" + project + "/changes", "greentravel",
        Map.of("Content-Type", "application/json"), json("""
            {"kind":"ADDRESS","reason":"办公地址搬迁（授权矩阵测试）","address":"海淀区中关村大街 2 号"}"""));
    assertThat(answer.status()).as("a change: " + answer.body()).isEqualTo(201);
    return answer.json().get("id").asLong();
  }

  private long reductionApplication(long project) {
    Answer answer = RawHttp.send(port, "POST", "/api/projects/" + project + "/reduction-applications",
        "greentravel", Map.of("Content-Type", "application/json"), json("""
            {"periodStart":"2025-04-01","periodEnd":"2025-06-30","claimedTco2e":"1",
             "monitoringReport":"监测报告：授权矩阵测试。","activities":[],"submit":false,"verifierAgencyId":%d}"""
            .formatted(cases.demoVerifierId())));
    assertThat(answer.status()).as("a reduction application: " + answer.body()).isEqualTo(201);
    return answer.json().get("id").asLong();
  }

  private void upload(long application) {
    Answer answer = RawHttp.send(port, "POST", "/api/reduction-applications/" + application + "/activities",
        "greentravel", Map.of("Content-Type", "multipart/form-data; boundary=matrix"), RawHttp.multipart("matrix",
            "\r\n", RawHttp.Part.of("Content-Disposition: form-data; name=\"file\"; filename=\"trips.csv\"\r\n"
                + "Content-Type: text/csv", "participant_id,trip_id,mode,distance_km,timestamp\n"
                + "p1,matrix-" + application + "-1,rail,10,2025-05-02T08:00:00+08:00\n")));
    assertThat(answer.status()).as("an upload: " + answer.body()).isEqualTo(200);
  }

  private void payouts(long application) {
    Answer answer = RawHttp.send(port, "POST", "/api/reduction-applications/" + application + "/payouts",
        "greentravel", Map.of("Content-Type", "multipart/form-data; boundary=matrix"), RawHttp.multipart("matrix",
            "\r\n", RawHttp.Part.of("Content-Disposition: form-data; name=\"file\"; filename=\"payouts.csv\"\r\n"
                + "Content-Type: text/csv", "participant_id,amount_yuan,date,channel\np1,1.00,2025-06-01,wechat\n")));
    assertThat(answer.status()).as("a payout ledger: " + answer.body()).isEqualTo(200);
  }

  private long retirement(IssuedBlock block) {
    Answer answer = RawHttp.send(port, "POST", "/api/registry/retirements", "greentravel",
        Map.of("Content-Type", "application/json"), json("""
            {"purpose":"ORGANISATION_NEUTRALITY","quantity":1,"blockId":%d,"beneficiary":"授权矩阵测试"}"""
            .formatted(block.blockId())));
    assertThat(answer.status()).as("a retirement: " + answer.body()).isEqualTo(201);
    return answer.json().get("id").asLong();
  }

  private long transfer(IssuedBlock block) {
    Answer answer = RawHttp.send(port, "POST", "/api/registry/transfers", "greentravel",
        Map.of("Content-Type", "application/json"), json("""
            {"blockId":%d,"quantity":1}""".formatted(block.blockId())));
    assertThat(answer.status()).as("a transfer: " + answer.body()).isEqualTo(201);
    return answer.json().get("id").asLong();
  }

  private long agency() {
    Answer answer = RawHttp.send(port, "POST", "/api/agencies", "zhangwei", Map.of("Content-Type", "application/json"),
        json("""
            {"creditCode":"%s","name":"授权矩阵测试核查机构-%s","kind":"VERIFIER"}"""
            .formatted(ProjectCases.aCreditCode(), java.util.UUID.randomUUID())));
    assertThat(answer.status()).as("an agency: " + answer.body()).isEqualTo(201);
    return answer.json().get("id").asLong();
  }

  private long bar(long agency) {
    Answer answer = RawHttp.send(port, "POST", "/api/bars", "zhangwei", Map.of("Content-Type", "application/json"),
        json("""
            {"subjectKind":"AGENCY","subjectId":%d,"reason":"授权矩阵测试：虚假核查"}""".formatted(agency)));
    assertThat(answer.status()).as("a bar: " + answer.body()).isEqualTo(201);
    return answer.json().get("id").asLong();
  }

}
