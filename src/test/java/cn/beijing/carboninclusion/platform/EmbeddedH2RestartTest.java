package cn.beijing.carboninclusion.platform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.CarbonInclusionApplication;
import cn.beijing.carboninclusion.calendar.HolidayCalendar;
import cn.beijing.carboninclusion.calendar.HolidaySchedules;
import cn.beijing.carboninclusion.common.PublicEvent;
import cn.beijing.carboninclusion.common.PublicEvents;
import cn.beijing.carboninclusion.registry.ets.EtsCoveredEntities;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.nio.file.Path;
import java.time.LocalDate;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The embedded default: the platform starts on an H2 file database under its data folder, seeds the demo once,
 * and a restart keeps the data, creates no new deployment of unchanged models, and delivers the events a listener
 * had not completed before the stop.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedH2RestartTest {

  @Test
  void startsOnH2AndARestartKeepsWorkWithoutRedeploying(CapturedOutput output) throws Exception {
    Path dataDir = Files.createTempDirectory(Path.of("target"), "h2-restart-");
    String[] args = {
        "--server.port=0",
        "--carbon-inclusion.data-dir=" + dataDir.toAbsolutePath(),
        "--camunda.bpm.job-execution.enabled=false",
        "--spring.task.scheduling.pool.size=1",
        "--carbon-inclusion.events.redelivery-interval=PT1H"};

    long deployments;
    long developers;
    try (ConfigurableApplicationContext first = start(args)) {
      JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
      assertThat(jdbc.queryForObject("select count(*) from \"flyway_schema_history\" where \"success\"", Long.class))
          .isPositive();
      assertThat(first.getBean(IdentityService.class).createUserQuery().userId("zhangwei").count()).isOne();
      deployments = first.getBean(RepositoryService.class).createDeploymentQuery().count();
      developers = jdbc.queryForObject("select count(*) from developer_organisation", Long.class);
      assertThat(deployments).isPositive();
      assertThat(developers).isEqualTo(3);
      // the demo's cases: one application in review, one in publicity (objections open), one Class II disclosed
      assertThat(jdbc.queryForList("select status from project order by id", String.class))
          .containsExactlyInAnyOrder("SUBMITTED", "IN_PUBLICITY", "DISCLOSED");
      assertThat(first.getEnvironment().getProperty("spring.datasource.url")).startsWith("jdbc:h2:file:");
      // the demo's list of ETS covered entities (version 1, example entities), in force for 2025
      EtsCoveredEntities.Listed demoEntity = first.getBean(EtsCoveredEntities.class)
          .inForce("91110105MA01B0001R", 2025).orElseThrow();
      assertThat(demoEntity.name()).contains("示例");
      assertThat(demoEntity.verifiedEmissions()).isEqualByComparingTo("20000");
      assertThat(demoEntity.version()).isOne();
      // the bundled holiday file seeds the holiday schedules of a fresh database: 2025 and 2026, version 1 each
      assertThat(first.getBean(HolidaySchedules.class).years()).extracting(y -> y.year() + "v" + y.current().version())
          .containsExactly("2025v1", "2026v1");
      assertThat(first.getBean(HolidayCalendar.class).isWorkingDay(LocalDate.of(2026, 10, 1))).isFalse();

      // no mail server in the default start: the demo's notices are kept in the outbox, none is tried and failed
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
          "select count(*) from notification where status = 'KEPT'", Long.class) > 0);
      assertThat(jdbc.queryForObject("select count(*) from notification where attempts > 0 or status = 'FAILED'",
          Long.class)).isZero();
      // a quiet start: no WARN a newcomer cannot act on. The one allowed says that next year's holiday schedule is
      // missing (from 1 November until the bureau uploads it; docs/operations.md)
      List<String> warnings = output.getAll().lines().filter(line -> line.contains(" WARN ")).toList();
      System.out.println("default start WARN lines: " + warnings.size() + warnings);
      assertThat(warnings).allSatisfy(line -> assertThat(line).contains("calendar.Holiday"));

      // a disclosure whose delivery fails before the node stops: the restart delivers it, once
      jdbc.update("alter table disclosure_entry add constraint ck_test_down check (subject_id <> 4242)");
      new TransactionTemplate(first.getBean(PlatformTransactionManager.class)).executeWithoutResult(s ->
          first.getBean(PublicEvents.class).publish("PROJECT", 4242L, PublicEvent.Kind.PROJECT_REGISTERED,
              "项目登记：重启投递", "—"));
      assertThat(jdbc.queryForObject("select count(*) from disclosure_entry where subject_id = 4242", Long.class))
          .isZero();
      assertThat(jdbc.queryForObject("select count(*) from event_publication", Long.class)).isOne();
      jdbc.update("alter table disclosure_entry drop constraint ck_test_down");
    }
    try (ConfigurableApplicationContext second = start(args)) {
      RepositoryService repository = second.getBean(RepositoryService.class);
      assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
      assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("ProjectRegistration")
          .latestVersion().singleResult().getVersion()).isOne();
      assertThat(second.getBean(JdbcTemplate.class)
          .queryForObject("select count(*) from developer_organisation", Long.class)).isEqualTo(developers);
      assertThat(second.getBean(JdbcTemplate.class)
          .queryForObject("select count(*) from disclosure_entry where subject_id = 4242", Long.class)).isOne();
      assertThat(second.getBean(JdbcTemplate.class)
          .queryForObject("select count(*) from event_publication", Long.class)).isZero();
      assertThat(second.getBean(EtsCoveredEntities.class).versions()).as("the demo list is seeded once").isOne();
      assertThat(second.getBean(HolidaySchedules.class).years()).as("the holiday schedules are seeded once")
          .allSatisfy(y -> assertThat(y.versions()).isOne()).hasSize(2);
    }
  }

  private static ConfigurableApplicationContext start(String[] args) {
    return new SpringApplicationBuilder(CarbonInclusionApplication.class).run(args);
  }
}
