package cn.beijing.carboninclusion.reduction.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.developer.DeveloperService;
import cn.beijing.carboninclusion.methodology.Methodologies;
import cn.beijing.carboninclusion.methodology.MethodologyExamples;
import cn.beijing.carboninclusion.methodology.ReductionFormula;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectClass;
import cn.beijing.carboninclusion.project.Projects;
import cn.beijing.carboninclusion.reduction.ReductionApplication;
import cn.beijing.carboninclusion.reduction.ReductionApplications;
import cn.beijing.carboninclusion.reduction.ReductionStatus;
import cn.beijing.carboninclusion.support.CsvUpload;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import cn.beijing.carboninclusion.support.RawHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.MultiValueMap;

/**
 * Activity uploads over real HTTP on PostgreSQL (the COPY path): the exact reduction of a good file, every bad line
 * reported by number with nothing recorded, trip ids claimed once across projects, also by two racing uploads.
 */
class ActivityUploadApiTest extends PlatformIntegrationTest {
  private static final String HEADER = "participant_id,trip_id,mode,distance_km,timestamp\n";
  private static final ReductionFormula TRAVEL =
      ReductionFormula.parse(MethodologyExamples.TRAVEL_FORMULA, MethodologyExamples.TRAVEL_PARAMETERS);
  private static final ReductionStatus OPEN = ActivityUploads.OPEN_FOR_UPLOAD.iterator().next();

  @Autowired TestRestTemplate http;
  @LocalServerPort int port;
  @Autowired ActivityUploads uploads;
  @Autowired ReductionApplications applications;
  @Autowired Projects projects;
  @Autowired Methodologies methodologies;
  @Autowired DeveloperService developers;
  @Autowired AuditTrail auditTrail;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;

  @Test
  void aGoodFileIsComputedExactlyAndRecorded() throws Exception {
    ReductionApplication application = application("greentravel", OPEN);
    String t = trip();
    String csv = "\uFEFF" + HEADER
        + "p-7f3a," + t + "-1,bus,100,2024-05-01T08:00:00+08:00\n"
        + "p-7f3a," + t + "-2,rail,250,2024-05-01T18:10:00+08:00\n"
        + "p-91c2," + t + "-3,bicycle,10,2024-05-02T07:45:00\n"
        + "p-91c2," + t + "-4,walk,3,2024-05-02T12:00:00Z\n"
        + "\n";

    ResponseEntity<JsonNode> response = post("greentravel", application.getId(), csv);

    // (0.104-0.052)×100 + (0.104-0.032)×250 + (0.104-0.0087)×10 + (0.104-0)×3 = 5.2 + 18 + 0.953 + 0.312
    // = 24.465 kg CO2 = 0.024465 tCO2e
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode body = response.getBody();
    assertThat(body.get("rows").asLong()).isEqualTo(4);
    assertThat(body.get("reductionTco2e").decimalValue()).isEqualByComparingTo("0.024465");
    assertThat(body.get("sha256").asText()).isEqualTo(sha256(csv));
    UploadResult recorded = uploads.resultFor(application.getId()).orElseThrow();
    assertThat(recorded.rows()).isEqualTo(4);
    assertThat(recorded.reductionTco2e()).isEqualByComparingTo("0.024465");
    assertThat(claimsOf(application.getId())).isEqualTo(4);
    assertThat(auditTrail.of(ActivityUploads.CASE_TYPE, application.getId()))
        .extracting(entry -> entry.getAction()).contains("ACTIVITIES_UPLOADED");

    // the developer, the technical center and (not) another developer read it
    assertThat(http.withBasicAuth("greentravel", "demo").getForObject(activities(application.getId()),
        JsonNode.class).get("sha256").asText()).isEqualTo(sha256(csv));
    assertThat(http.withBasicAuth("wangfang", "demo").getForEntity(activities(application.getId()), JsonNode.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(http.withBasicAuth("sunroof", "demo").getForEntity(activities(application.getId()), JsonNode.class)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

    // uploading again while the application is open replaces the upload (its own trip ids are not "claimed")
    assertThat(post("greentravel", application.getId(), csv).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(claimsOf(application.getId())).isEqualTo(4);
  }

  @Test
  void malformedRowsAreReportedByLineAndNothingIsRecorded() {
    ReductionApplication application = application("greentravel", OPEN);
    String t = trip();
    String csv = HEADER
        + "p1," + t + "-1,bus,10,2024-05-01T08:00:00\n"      // 2 good
        + "p1," + t + "-2,rail,10\n"                          // 3 a field missing
        + "p1," + t + "-3,rail,,2024-05-01T08:00:00\n"        // 4 distance missing
        + "p1," + t + "-4,rail,1O,2024-05-01T08:00:00\n"      // 5 bad number
        + "p1," + t + "-5,walk,-1.5,2024-05-01T08:00:00\n"    // 6 negative distance
        + "p1," + t + "-6,taxi,5,2024-05-01T08:00:00\n"       // 7 unknown mode
        + "p1," + t + "-7,bus,5,01/05/2024 08:00\n"           // 8 bad timestamp
        + "p1," + t + "-8,bus,5,2024-05-01T08:00:00\n";       // 9 good

    ResponseEntity<JsonNode> response = post("greentravel", application.getId(), csv);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    List<JsonNode> rowErrors = new ArrayList<>();
    response.getBody().get("rowErrors").forEach(rowErrors::add);
    assertThat(rowErrors).extracting(e -> e.get("line").asLong(), e -> e.get("field").asText()).containsExactly(
        tuple(3L, "row"), tuple(4L, "distance_km"), tuple(5L, "distance_km"), tuple(6L, "distance_km"),
        tuple(7L, "mode"), tuple(8L, "timestamp"));
    assertThat(response.getBody().get("errors").has("line 7: mode")).isTrue();
    assertThat(response.getBody().get("errors").get("line 7: mode").asText()).contains("taxi");
    assertThat(uploads.resultFor(application.getId())).isEmpty();
    assertThat(claimsOf(application.getId())).isZero();
    assertThat(jdbc.queryForObject("select count(*) from claimed_activity where activity_id like ?", Long.class,
        t + "%")).isZero();
  }

  @Test
  void aTripIdRepeatedInTheFileIsAnErrorOnTheLaterLine() {
    ReductionApplication application = application("greentravel", OPEN);
    String t = trip();
    ResponseEntity<JsonNode> response = post("greentravel", application.getId(), HEADER
        + "p1," + t + "-1,bus,10,2024-05-01T08:00:00\n"
        + "p1," + t + "-2,bus,10,2024-05-01T09:00:00\n"
        + "p2," + t + "-1,rail,4,2024-05-01T10:00:00\n");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    JsonNode error = response.getBody().get("rowErrors").get(0);
    assertThat(response.getBody().get("rowErrors")).hasSize(1);
    assertThat(error.get("line").asLong()).isEqualTo(4);
    assertThat(error.get("field").asText()).isEqualTo("trip_id");
    assertThat(error.get("message").asText()).contains("line 2");
    assertThat(uploads.resultFor(application.getId())).isEmpty();
    assertThat(claimsOf(application.getId())).isZero();
  }

  @Test
  void aTripIdClaimedInAnotherProjectsApplicationIsRefusedUntilReleased() {
    String t = trip();
    ReductionApplication other = application("sunroof", OPEN);
    uploads.upload(other.getId(), other.getProjectId(), TRAVEL,
        stream(HEADER + "q1," + t + "-shared,bus,8,2024-05-01T08:00:00\n"));
    ReductionApplication mine = application("greentravel", OPEN);
    String csv = HEADER
        + "p1," + t + "-own,bus,10,2024-05-01T08:00:00\n"
        + "p1," + t + "-shared,bus,8,2024-05-01T08:00:00\n";

    ResponseEntity<JsonNode> refused = post("greentravel", mine.getId(), csv);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().get("rowErrors")).hasSize(1);
    assertThat(refused.getBody().get("rowErrors").get(0).get("line").asLong()).isEqualTo(3);
    assertThat(refused.getBody().get("rowErrors").get(0).get("message").asText()).contains("already claimed");
    assertThat(uploads.resultFor(mine.getId())).isEmpty();
    assertThat(claimsOf(mine.getId())).isZero();

    // once the other application lets its activities go (e.g. withdrawn), they may be claimed here
    assertThat(uploads.release(other.getId())).isOne();
    assertThat(post("greentravel", mine.getId(), csv).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void whileOneUploadHoldsATripIdARacingUploadWaitsAndIsRefused() throws Exception {
    String t = trip();
    String csv = HEADER + "p1," + t + "-a,bus,10,2024-05-01T08:00:00\n" + "p1," + t + "-b,rail,5,2024-05-01T09:00:00\n";
    ReductionApplication first = application("greentravel", OPEN);
    ReductionApplication second = application("sunroof", OPEN);
    CountDownLatch firstUploaded = new CountDownLatch(1);
    CountDownLatch firstMayCommit = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<UploadResult> winner = threads.submit(() -> transactions.execute(status -> {
        UploadResult result = uploads.upload(first.getId(), first.getProjectId(), TRAVEL, stream(csv));
        firstUploaded.countDown();
        awaitLatch(firstMayCommit);
        return result;
      }));
      assertThat(firstUploaded.await(30, TimeUnit.SECONDS)).isTrue();
      Future<UploadResult> loser = threads.submit(() ->
          uploads.upload(second.getId(), second.getProjectId(), TRAVEL, stream(csv)));
      // the second upload passed every check and now waits on the first one's uncommitted claims
      await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("""
          select count(*) from pg_stat_activity
          where wait_event_type = 'Lock' and query like 'insert into claimed_activity%'""", Long.class) == 1);
      firstMayCommit.countDown();

      assertThat(winner.get(30, TimeUnit.SECONDS).rows()).isEqualTo(2);
      assertThatThrownBy(() -> loser.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(ActivityUploadRejected.class)
          .cause().satisfies(e -> assertThat(((ActivityUploadRejected) e).errors())
              .extracting(RowError::line, RowError::field).containsExactly(tuple(2L, "trip_id"), tuple(3L, "trip_id")));
    } finally {
      firstMayCommit.countDown();
      threads.shutdownNow();
    }
    assertThat(uploads.resultFor(first.getId())).isPresent();
    assertThat(uploads.resultFor(second.getId())).isEmpty();
    assertThat(claimsOf(first.getId())).isEqualTo(2);
    assertThat(claimsOf(second.getId())).isZero();
  }

  @Test
  void twoUploadsStartedTogetherWithTheSameTripsClaimThemOnce() throws Exception {
    String t = trip();
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i < 5_000; i++) {
      csv.append("p").append(i % 97).append(',').append(t).append('-').append(i).append(",rail,7.5,2024-05-01T08:00:00\n");
    }
    List<ReductionApplication> racing = List.of(application("greentravel", OPEN), application("sunroof", OPEN));
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    List<Future<UploadResult>> outcomes = new ArrayList<>();
    try {
      for (ReductionApplication application : racing) {
        outcomes.add(threads.submit(() -> {
          start.await(30, TimeUnit.SECONDS);
          return uploads.upload(application.getId(), application.getProjectId(), TRAVEL, stream(csv.toString()));
        }));
      }
      int accepted = 0;
      int refused = 0;
      for (Future<UploadResult> outcome : outcomes) {
        try {
          assertThat(outcome.get(60, TimeUnit.SECONDS).rows()).isEqualTo(5_000);
          accepted++;
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(ActivityUploadRejected.class);
          refused++;
        }
      }
      assertThat(accepted).isOne();
      assertThat(refused).isOne();
    } finally {
      threads.shutdownNow();
    }
    assertThat(jdbc.queryForObject("select count(*) from claimed_activity where activity_id like ?", Long.class,
        t + "-%")).isEqualTo(5_000);
    assertThat(claimsOf(racing.get(0).getId()) + claimsOf(racing.get(1).getId())).isEqualTo(5_000);
  }

  @Test
  void aFormulaThatCannotComputeTheRecordsRejectsTheUploadHalfWayAndTheConnectionStaysUsable() {
    ReductionFormula broken = ReductionFormula.parse(
        "sum(for t in activities return t.distanceKm * get value(EF_mode, t.mode)) / count(activities[false])",
        MethodologyExamples.TRAVEL_PARAMETERS);
    ReductionApplication application = application("greentravel", OPEN);
    String t = trip();
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i < 3_000; i++) {  // beyond one chunk: the failure comes while the COPY is still open
      csv.append("p1,").append(t).append('-').append(i).append(",bus,2,2024-05-01T08:00:00\n");
    }
    for (int round = 0; round < 3; round++) {  // each round on a pooled connection the previous one gave back
      assertThatThrownBy(() -> uploads.upload(application.getId(), application.getProjectId(), broken,
          stream(csv.toString())))
          .isInstanceOfSatisfying(ActivityUploadRejected.class, rejected -> assertThat(rejected.errors())
              .singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(2)));
    }
    assertThat(uploads.resultFor(application.getId())).isEmpty();
    assertThat(uploads.upload(application.getId(), application.getProjectId(), TRAVEL, stream(csv.toString()))
        .rows()).isEqualTo(3_000);
  }

  @Test
  void onlyTheOwningDeveloperUploadsAndOnlyWhileTheApplicationIsOpen() {
    String csv = HEADER + "p1," + trip() + ",bus,10,2024-05-01T08:00:00\n";
    ReductionApplication application = application("greentravel", OPEN);
    assertThat(post("sunroof", application.getId(), csv).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(post("wangfang", application.getId(), csv).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post("greentravel", 987_654_321L, csv).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.postForEntity(activities(application.getId()), multipart(csv), JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);

    ReductionApplication decided = application("greentravel", ReductionStatus.APPROVED);
    ResponseEntity<JsonNode> closed = post("greentravel", decided.getId(), csv);
    assertThat(closed.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(uploads.resultFor(application.getId())).isEmpty();
    assertThat(uploads.resultFor(decided.getId())).isEmpty();
  }

  @Test
  void aMultipartBodyWithoutItsBoundaryIsA400NotA500AndRecordsNothing() {
    ReductionApplication application = application("greentravel", OPEN);
    String csv = HEADER + "p1," + trip() + ",bus,10,2024-05-01T08:00:00\n";
    byte[] body = RawHttp.multipart("b4", "\r\n", RawHttp.Part.of(
        "Content-Disposition: form-data; name=\"file\"; filename=\"trips.csv\"\r\nContent-Type: text/csv", csv));
    for (String type : new String[] {"multipart/form-data", "multipart/form-data; boundary=other"}) {
      RawHttp.Answer answer = RawHttp.send(port, "POST", activities(application.getId()), "greentravel",
          java.util.Map.of("Content-Type", type), body);
      assertThat(answer.status()).as(type).isEqualTo(400);
      assertThat(answer.problem()).isTrue();
      assertThat(answer.json().get("errors").fieldNames()).toIterable().containsAnyOf("body", "file");
    }
    assertThat(uploads.resultFor(application.getId())).isEmpty();
  }

  private ResponseEntity<JsonNode> post(String user, Long applicationId, String csv) {
    return http.withBasicAuth(user, "demo").postForEntity(activities(applicationId), multipart(csv), JsonNode.class);
  }

  private static HttpEntity<MultiValueMap<String, Object>> multipart(String csv) {
    return CsvUpload.of("trips.csv", csv);
  }

  private static String activities(Long applicationId) {
    return "/api/reduction-applications/" + applicationId + "/activities";
  }

  /** A project of the developer under the travel methodology, with one reduction application in {@code status}. */
  private ReductionApplication application(String developerUser, ReductionStatus status) {
    Long developerId = developers.organisationOf(developerUser).orElseThrow().getId();
    Long methodologyId = methodologies.findByCodeAndVersion("BJCI-M-TRAVEL", 1).orElseThrow().getId();
    Project project = projects.save(new Project(ProjectClass.CLASS_I, methodologyId, developerId,
        "低碳出行-" + UUID.randomUUID(), "海淀区", Instant.now()));
    ReductionApplication application = new ReductionApplication(project.getId(), LocalDate.of(2024, 1, 1),
        LocalDate.of(2024, 12, 31), BigDecimal.ZERO, Instant.now());
    application.moveTo(status);
    return applications.save(application);
  }

  private long claimsOf(Long applicationId) {
    return jdbc.queryForObject("select count(*) from claimed_activity where application_id = ?", Long.class,
        applicationId);
  }

  /** A prefix of trip ids no other test uses. */
  private static String trip() {
    return "T" + UUID.randomUUID().toString().substring(0, 13);
  }

  private static ByteArrayInputStream stream(String csv) {
    return new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256(String csv) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv.getBytes(StandardCharsets.UTF_8)));
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
