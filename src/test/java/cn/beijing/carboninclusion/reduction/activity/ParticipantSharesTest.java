package cn.beijing.carboninclusion.reduction.activity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.crypto.PersonalText;
import cn.beijing.carboninclusion.developer.DeveloperService;
import cn.beijing.carboninclusion.methodology.Methodologies;
import cn.beijing.carboninclusion.methodology.MethodologyExamples;
import cn.beijing.carboninclusion.methodology.ReductionFormula;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectClass;
import cn.beijing.carboninclusion.project.Projects;
import cn.beijing.carboninclusion.reduction.ReductionApplication;
import cn.beijing.carboninclusion.reduction.ReductionApplications;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Participants credited without personal data (issue 19, item 1) on PostgreSQL: each participant's share under its
 * HMAC pseudonym, the shares summing exactly to the recorded reduction, the remainder distributed by the rule of
 * docs/participants.md, the project's secret encrypted at rest.
 */
class ParticipantSharesTest extends PlatformIntegrationTest {
  private static final String HEADER = "participant_id,trip_id,mode,distance_km,timestamp\n";
  private static final ReductionFormula TRAVEL =
      ReductionFormula.parse(MethodologyExamples.TRAVEL_FORMULA, MethodologyExamples.TRAVEL_PARAMETERS);

  @Autowired ActivityUploads uploads;
  @Autowired ReductionApplications applications;
  @Autowired Projects projects;
  @Autowired Methodologies methodologies;
  @Autowired DeveloperService developers;
  @Autowired JdbcTemplate jdbc;
  @Autowired PersonalText personalText;
  @Autowired Pseudonyms pseudonyms;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void theSharesSumExactlyToTheRecordedReductionAndTheRemainderGoesToTheLargestRemainders() {
    ReductionApplication application = application();
    String t = trip();
    // exact: a 0.0052 (bus 100 km), b 0.00000052 (walk 5 m), c 0.000000936 (walk 9 m),
    // d 0.0000012389 (bicycle 13 m) = 0.0052026949 → recorded 0.005202 (rounded down)
    // floors 0.0052 + 0 + 0 + 0.000001 = 0.005201: one unit of 10⁻⁶ left, to c (remainder 0.936 units, the largest)
    String csv = HEADER
        + "a-1," + t + "-1,bus,60,2024-05-01T08:00:00\n"
        + "b-2," + t + "-2,walk,0.005,2024-05-01T08:00:00\n"
        + "a-1," + t + "-3,bus,40,2024-05-02T08:00:00\n"
        + "c-3," + t + "-4,walk,0.009,2024-05-01T08:00:00\n"
        + "d-4," + t + "-5,bicycle,0.013,2024-05-01T08:00:00\n";

    UploadResult result = uploads.upload(application.getId(), application.getProjectId(), TRAVEL, stream(csv));

    assertThat(result.reductionTco2e()).isEqualByComparingTo("0.005202");
    Map<String, BigDecimal> shares = shares(application.getId());
    assertThat(shares).hasSize(4);
    assertThat(shares.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("0.005202");
    Pseudonyms.Of pseudonyms = pseudonymsOf(application.getProjectId());
    assertThat(shares.get(pseudonyms.of("a-1"))).isEqualByComparingTo("0.0052");
    assertThat(shares.get(pseudonyms.of("b-2"))).isEqualByComparingTo("0");
    assertThat(shares.get(pseudonyms.of("c-3"))).isEqualByComparingTo("0.000001");
    assertThat(shares.get(pseudonyms.of("d-4"))).isEqualByComparingTo("0.000001");
    assertThat(jdbc.queryForObject("select trips from participant_share where application_id = ? and pseudonym = ?",
        Long.class, application.getId(), pseudonyms.of("a-1"))).isEqualTo(2);
    assertThat(jdbc.queryForObject("select reduction_exact from participant_share where application_id = ? "
        + "and pseudonym = ?", BigDecimal.class, application.getId(), pseudonyms.of("d-4")))
        .isEqualByComparingTo("0.0000012389");
    // never the raw id; the secret is encrypted at rest
    assertThat(jdbc.queryForObject("select count(*) from participant_share where pseudonym in ('a-1','b-2','c-3',"
        + "'d-4')", Long.class)).isZero();
    assertThat(jdbc.queryForObject("select secret from participant_secret where project_id = ?", String.class,
        application.getProjectId())).startsWith("sm4gcm:");
  }

  @Test
  void tiesOfTheRemainderGoToTheSmallerPseudonyms() {
    ReductionApplication application = application();
    String t = trip();
    // five participants of 0.00000052 each (walk 5 m) = 0.0000026 → recorded 0.000002; every floor is 0:
    // two units go to the two smallest pseudonyms
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 1; i <= 5; i++) {
      csv.append("p-").append(i).append(',').append(t).append('-').append(i).append(",walk,0.005,2024-05-01T08:00:00\n");
    }

    UploadResult result = uploads.upload(application.getId(), application.getProjectId(), TRAVEL,
        stream(csv.toString()));

    assertThat(result.reductionTco2e()).isEqualByComparingTo("0.000002");
    Map<String, BigDecimal> shares = shares(application.getId());
    List<String> sorted = shares.keySet().stream().sorted().toList();
    assertThat(shares.get(sorted.get(0))).isEqualByComparingTo("0.000001");
    assertThat(shares.get(sorted.get(1))).isEqualByComparingTo("0.000001");
    assertThat(sorted.subList(2, 5)).allMatch(p -> shares.get(p).signum() == 0);

    // a new upload replaces the shares; a release removes them
    uploads.upload(application.getId(), application.getProjectId(), TRAVEL, stream(csv.toString()));
    assertThat(shares(application.getId())).hasSize(5);
    uploads.release(application.getId());
    assertThat(shares(application.getId())).isEmpty();
  }

  @Test
  void manyParticipantsSumExactly() {
    ReductionApplication application = application();
    String t = trip();
    StringBuilder csv = new StringBuilder(HEADER);
    String[] modes = {"bus", "rail", "bicycle", "walk"};
    for (int i = 0; i < 2000; i++) {
      csv.append("u").append(i % 613).append(',').append(t).append('-').append(i).append(',')
          .append(modes[i % 4]).append(',').append(new BigDecimal(i % 97 + 1).movePointLeft(i % 4)).append(
              ",2024-05-01T08:00:00\n");
    }

    UploadResult result = uploads.upload(application.getId(), application.getProjectId(), TRAVEL,
        stream(csv.toString()));

    Map<String, BigDecimal> shares = shares(application.getId());
    assertThat(shares).hasSize(613);
    assertThat(shares.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(result.reductionTco2e());
    assertThat(shares.values()).allMatch(s -> s.scale() <= 6 && s.signum() >= 0);
  }

  @Test
  void aFirstUploadHoldingItsTransactionOpenDoesNotHoldUpAnotherAndBothUseOneSecret() throws Exception {
    Long projectId = application().getProjectId();
    TransactionTemplate upload = new TransactionTemplate(transactions);
    CountDownLatch firstHasItsSecret = new CountDownLatch(1);
    CountDownLatch secondIsDone = new CountDownLatch(1);
    ExecutorService uploads = Executors.newFixedThreadPool(2);
    try {
      Future<String> first = uploads.submit(() -> upload.execute(status -> {
        String pseudonym = pseudonyms.of(projectId).of("x-1");
        firstHasItsSecret.countDown();
        await(secondIsDone);
        status.setRollbackOnly(); // the first upload then fails
        return pseudonym;
      }));
      assertThat(firstHasItsSecret.await(30, TimeUnit.SECONDS)).isTrue();
      // the second neither waits for the first's transaction nor makes a second secret
      String second = uploads.submit(() -> upload.execute(status -> pseudonyms.of(projectId).of("x-1")))
          .get(20, TimeUnit.SECONDS);
      secondIsDone.countDown();

      assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo(second);
      assertThat(jdbc.queryForObject("select count(*) from participant_secret where project_id = ?", Long.class,
          projectId)).isOne();
      // the first rolled back, the secret stayed: the second's pseudonyms are still the project's
      assertThat(pseudonymsOf(projectId).of("x-1")).isEqualTo(second);
    } finally {
      secondIsDone.countDown();
      uploads.shutdownNow();
    }
  }

  @Test
  void anUploadWhoseSecretIsMadeByAnotherBetweenItsReadAndItsInsertUsesTheOther() throws Exception {
    Long projectId = application().getProjectId();
    String theOthers = Base64.getEncoder().encodeToString(new byte[32]);
    TransactionTemplate upload = new TransactionTemplate(transactions);
    CountDownLatch otherHasInserted = new CountDownLatch(1);
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      // another node has inserted the project's secret and not committed yet
      Future<?> other = nodes.submit(() -> upload.executeWithoutResult(status -> {
        jdbc.update("insert into participant_secret (project_id, secret, created_at) values (?, ?, now())",
            projectId, personalText.convertToDatabaseColumn(theOthers));
        otherHasInserted.countDown();
        waitForALockWait();
      }));
      assertThat(otherHasInserted.await(30, TimeUnit.SECONDS)).isTrue();
      // this upload does not see it, inserts its own, waits on the unique key, is refused when the other commits
      String pseudonym = nodes.submit(() -> upload.execute(status -> pseudonyms.of(projectId).of("x-1")))
          .get(30, TimeUnit.SECONDS);
      other.get(5, TimeUnit.SECONDS);

      assertThat(pseudonym).isEqualTo(new Pseudonyms.Of(new byte[32]).of("x-1"));
      assertThat(jdbc.queryForObject("select count(*) from participant_secret where project_id = ?", Long.class,
          projectId)).isOne();
    } finally {
      nodes.shutdownNow();
    }
  }

  private void waitForALockWait() {
    // on a connection of its own, outside this thread's transaction (pg_stat_activity is a snapshot per transaction)
    try (java.sql.Connection outside = jdbc.getDataSource().getConnection()) {
      outside.setAutoCommit(true);
      for (int i = 0; i < 200; i++) {
        try (java.sql.ResultSet waiting = outside.createStatement().executeQuery("select count(*) from "
            + "pg_stat_activity where wait_event_type = 'Lock' and query like '%insert into participant_secret%'")) {
          waiting.next();
          if (waiting.getLong(1) > 0) {
            return;
          }
        }
        sleep(100);
      }
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("the second upload never waited on the other's insert");
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private Map<String, BigDecimal> shares(Long applicationId) {
    return jdbc.queryForList("select pseudonym, credited_tco2e from participant_share where application_id = ?",
        applicationId).stream().collect(Collectors.toMap(r -> (String) r.get("pseudonym"),
        r -> ((BigDecimal) r.get("credited_tco2e")).stripTrailingZeros()));
  }

  private Pseudonyms.Of pseudonymsOf(Long projectId) {
    // the test reads the secret through the platform's decryption, as the platform does
    String stored = jdbc.queryForObject("select secret from participant_secret where project_id = ?", String.class,
        projectId);
    return new Pseudonyms.Of(Base64.getDecoder().decode(personalText.convertToEntityAttribute(stored)));
  }

  private ReductionApplication application() {
    Long developerId = developers.organisationOf("greentravel").orElseThrow().getId();
    Long methodologyId = methodologies.findByCodeAndVersion("BJCI-M-TRAVEL", 1).orElseThrow().getId();
    Project project = projects.save(new Project(ProjectClass.CLASS_I, methodologyId, developerId,
        "低碳出行-" + UUID.randomUUID(), "海淀区", Instant.now()));
    ReductionApplication application = new ReductionApplication(project.getId(), LocalDate.of(2024, 1, 1),
        LocalDate.of(2024, 12, 31), BigDecimal.ZERO, Instant.now());
    application.moveTo(ActivityUploads.OPEN_FOR_UPLOAD.iterator().next());
    return applications.save(application);
  }

  private static String trip() {
    return "T" + UUID.randomUUID().toString().substring(0, 13);
  }

  private static ByteArrayInputStream stream(String csv) {
    return new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
  }
}
