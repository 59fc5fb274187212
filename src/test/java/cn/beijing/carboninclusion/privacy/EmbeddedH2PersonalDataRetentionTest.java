package cn.beijing.carboninclusion.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.CarbonInclusionApplication;
import cn.beijing.carboninclusion.common.PersonalDataRetention;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The retention job's SQL on the embedded default (H2): old personal data (an objection, a notice, a refused contact
 * change) is erased, recent data is kept, and the run is recorded. (PersonalDataRetentionTest covers the periods in detail on PostgreSQL.)
 */
class EmbeddedH2PersonalDataRetentionTest {

  @Test
  void theRetentionJobErasesOnH2() throws Exception {
    Path dataDir = Files.createTempDirectory(Path.of("target"), "h2-retention-");
    try (ConfigurableApplicationContext platform = new SpringApplicationBuilder(CarbonInclusionApplication.class)
        .run("--server.port=0", "--carbon-inclusion.data-dir=" + dataDir.toAbsolutePath(),
            "--camunda.bpm.job-execution.enabled=false", "--spring.task.scheduling.pool.size=1")) {
      JdbcTemplate jdbc = platform.getBean(JdbcTemplate.class);
      Timestamp longAgo = Timestamp.from(Instant.now().minus(Duration.ofDays(400)));
      Timestamp now = Timestamp.from(Instant.now());
      Long project = jdbc.queryForObject("select min(id) from project", Long.class);
      for (Timestamp decided : new Timestamp[] {longAgo, now}) {
        jdbc.update("insert into objection (project_id, objector_name, contact, content, status, filed_at, decided_at)"
            + " values (?, 'H2异议人', 'h2-objector@probe.example', '异议内容（H2）', 'DISMISSED', ?, ?)", project,
            decided, decided);
        jdbc.update("insert into notification (recipient, template, subject, body, status, attempts, next_attempt_at,"
            + " created_at, sent_at) values ('h2-notice@probe.example', 'case-update', 'H2通知', '正文', 'SENT', 1, ?, ?,"
            + " ?)", decided, decided, decided);
        // a contact change the reviewers refused (the project itself runs on)
        jdbc.update("insert into project_change (project_id, kind, new_values, reason, effective_from, status, filed_by,"
            + " filed_at, decided_by, decided_at) values (?, 'CONTACT', ?, '换人', current_date, 'REFUSED', 'greentravel',"
            + " ?, 'wangfang', ?)", project, "{\"contactPhone\":\"13500001111\"}", decided, decided);
      }

      Map<String, Integer> counts = platform.getBean(PersonalDataRetention.class).run();

      assertThat(counts).containsEntry("objection.objector_name+contact", 1)
          .containsEntry("notification.recipient+body+idempotency_key+last_error", 1)
          .containsEntry("project_change.new_values(CONTACT)", 1)
          .containsEntry("project_version.contact_name+contact_phone+contact_email", 0);
      assertThat(jdbc.queryForList("select new_values from project_change where kind = 'CONTACT' order by id",
          String.class)).containsExactly("{}", "{\"contactPhone\":\"13500001111\"}");
      assertThat(jdbc.queryForObject("select count(*) from objection where objector_name = 'H2异议人'", Long.class))
          .as("the recent objection keeps its objector").isOne();
      assertThat(jdbc.queryForObject("select count(*) from objection where content = '异议内容（H2）'"
          + " and objector_name is null and contact is null", Long.class)).as("the old one is anonymised").isOne();
      assertThat(jdbc.queryForObject("select count(*) from notification where subject = 'H2通知'"
          + " and recipient is null and body is null", Long.class)).isOne();
      assertThat(jdbc.queryForObject("select count(*) from notification where recipient = 'h2-notice@probe.example'",
          Long.class)).isOne();
      assertThat(jdbc.queryForObject("select count(*) from audit_entry where case_type = ? and action = ?",
          Long.class, PersonalDataRetention.CASE_TYPE, PersonalDataRetention.ACTION)).isOne();
    }
  }
}
