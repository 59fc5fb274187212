package cn.beijing.carboninclusion.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import cn.beijing.carboninclusion.common.AuditEntry;
import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.PersonalDataRetention;
import cn.beijing.carboninclusion.common.RetentionProperties;
import cn.beijing.carboninclusion.notification.NotificationService;
import cn.beijing.carboninclusion.project.ObjectionService;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Personal data past its retention period is erased by {@link PersonalDataRetention}, and not a day before: the clock
 * (the engine's, which the platform's {@code Clock} reads) is moved to just before and just after each period. The
 * job erases across the whole database, so this test has a context (and a PostgreSQL) of its own, closed after it:
 * moving time half a year on would otherwise erase the notices and contacts other tests read. The comments' period is
 * set to 90 days (a bare number is days) so that no two periods here end on the same day.
 *
 * <p>Its context is closed after it, which unregisters its engine from Camunda's process-wide registry: the build runs
 * it in a JVM of its own (surefire execution {@code own-context}, pom.xml).
 */
@TestPropertySource(properties = {"carbon-inclusion.retention.notice-recipient=30d",
    "carbon-inclusion.retention.comment-contact=90"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PersonalDataRetentionTest extends PlatformIntegrationTest {
  static final String OBJECTOR = "保留期测试异议人";
  static final String OBJECTOR_CONTACT = "13911112222 objector-retention@probe.example";
  static final String COMMENTER = "保留期测试意见人";
  static final String COMMENTER_CONTACT = "commenter-retention@probe.example";
  static final String CONTACT_NAME = "保留期测试联系人";
  static final String CONTACT_PHONE = "13633334444";
  static final String CONTACT_EMAIL = "contact-retention@probe.example";
  static final String NOTICE_TO = "notice-retention@probe.example";
  static final Duration DAY = Duration.ofDays(1);

  @Autowired TestRestTemplate http;
  @Autowired ApplicationContext context;
  @Autowired JdbcTemplate jdbc;
  @Autowired PersonalDataRetention retention;
  @Autowired RetentionProperties periods;
  @Autowired AuditTrail auditTrail;
  @Autowired ObjectionService objections;
  @Autowired NotificationService notices;
  @Autowired RuntimeService runtimeService;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired cn.beijing.carboninclusion.crypto.PersonalText personalText;
  ProjectCases cases;

  @BeforeEach
  void setUp() {
    ClockUtil.reset();
    cases = new ProjectCases(context);
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    runtimeService.createProcessInstanceQuery().processDefinitionKey("ProjectChange").list().forEach(pi ->
        runtimeService.deleteProcessInstance(pi.getId(), "test finished", true, true));
    cases.cleanUp();
  }

  @Test
  void thePeriodsAreConfigurableWithTheDocumentedDefaults() {
    RetentionProperties defaults = RetentionProperties.defaults();
    assertThat(defaults.objectionContact()).isEqualTo(Duration.ofDays(180));
    assertThat(defaults.commentContact()).isEqualTo(Duration.ofDays(180));
    assertThat(defaults.refusedChangeContact()).isEqualTo(Duration.ofDays(180));
    assertThat(defaults.closedProjectContact()).isEqualTo(Duration.ofDays(1095));
    assertThat(defaults.noticeRecipient()).isEqualTo(Duration.ofDays(30));
    assertThat(defaults.cron()).isEqualTo("0 30 2 * * *");
    assertThat(periods.commentContact()).as("configured here").isEqualTo(Duration.ofDays(90));
    assertThat(periods.objectionContact()).as("application.yml").isEqualTo(Duration.ofDays(180));
    assertThat(periods.closedProjectContact()).as("application.yml").isEqualTo(Duration.ofDays(1095));
  }

  @Test
  void personalDataIsErasedAfterItsPeriodAndUntouchedBefore() {
    // an objection, filed by anyone on a project in publicity, and decided
    Project inPublicity = cases.aProjectInPublicity();
    ResponseEntity<JsonNode> filed = http.postForEntity("/api/projects/" + inPublicity.getId() + "/objections",
        Map.of("objectorName", OBJECTOR, "contact", OBJECTOR_CONTACT, "content", "该项目的参与者范围与实际不符，请核实。"),
        JsonNode.class);
    assertThat(filed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    long objectionId = filed.getBody().get("objectionId").asLong();
    new TransactionTemplate(transactionManager).executeWithoutResult(s ->
        objections.decideOpen(inPublicity.getId(), false, "经核实，异议不成立。"));
    Instant decided = instant("select decided_at from objection where id = ?", objectionId);

    // a public comment on a methodology whose formulation ended (a published demo methodology)
    Map<String, Object> methodology = jdbc.queryForMap("select id, coalesce(published_at, updated_at, created_at) as ended"
        + " from methodology where status = 'EFFECTIVE' order by id limit 1");
    jdbc.update("insert into methodology_comment (methodology_id, commenter_name, contact, content, filed_at)"
        + " values (?, ?, ?, ?, ?)", methodology.get("id"), COMMENTER, COMMENTER_CONTACT, "建议补充监测频次。",
        methodology.get("ended"));
    long commentId = jdbc.queryForObject("select max(id) from methodology_comment", Long.class);
    Instant formulationEnded = ((Timestamp) methodology.get("ended")).toInstant();

    // a registered project whose contact changed (through the API), then cancelled
    Project registered = cases.aRegisteredProject();
    ResponseEntity<JsonNode> change = http.withBasicAuth("greentravel", "demo").postForEntity(
        "/api/projects/" + registered.getId() + "/changes", Map.of("kind", "CONTACT", "reason", "换联系人",
            "contactName", CONTACT_NAME, "contactPhone", CONTACT_PHONE, "contactEmail", CONTACT_EMAIL), JsonNode.class);
    assertThat(change.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ProcessInstance minor = runtimeService.createProcessInstanceQuery().processDefinitionKey("ProjectChange")
        .variableValueEquals("changeId", change.getBody().get("id").asLong()).singleResult();
    execute(job("Task_ApplyChange", minor));
    assertThat(contactOf(registered.getId())).contains(CONTACT_NAME, CONTACT_PHONE, CONTACT_EMAIL);
    // the cancellation's own process is tested in ProjectCancellationProcessTest; here only its end state counts
    Instant cancelled = Instant.now();
    jdbc.update("update project set status = 'CANCELLED', updated_at = ? where id = ?", Timestamp.from(cancelled),
        registered.getId());

    // a notice, delivered (to GreenMail)
    new TransactionTemplate(transactionManager).executeWithoutResult(s -> notices.enqueue(NOTICE_TO, "case-update",
        "项目", "保留期测试", "测试", "保留期测试收件人", "说明", "—", "—"));
    Instant sent = awaitSent(NOTICE_TO);

    // in the order their periods end, each held a day before and erased a day after
    List<Retained> retained = new java.util.ArrayList<>(List.of(
        new Retained("notice", sent, periods.noticeRecipient(), () -> count(
            "select count(*) from notification where recipient = ? and body is not null", NOTICE_TO)),
        // (the contact columns are SM4-encrypted at rest: read and decrypted as the platform reads them)
        new Retained("objection", decided, periods.objectionContact(), () -> holds(clear(
            "select objector_name, contact from objection where id = ?", objectionId), OBJECTOR, OBJECTOR_CONTACT)),
        new Retained("comment", formulationEnded, periods.commentContact(), () -> holds(clear(
            "select commenter_name, contact from methodology_comment where id = ?", commentId), COMMENTER,
            COMMENTER_CONTACT)),
        new Retained("cancelled project's contact", cancelled, periods.closedProjectContact(), () -> holds(
            contactOf(registered.getId()), CONTACT_PHONE))));
    retained.sort(java.util.Comparator.comparing(Retained::ends));
    retained.forEach(r -> assertThat(r.held().getAsLong()).as(r.what() + " held before any run").isPositive());
    retained.forEach(this::assertErasedOnlyAfter);

    // the records stay: the objection and its decision, the comment's text, the versions, the notice's row
    assertThat(jdbc.queryForMap("select status, content, response from objection where id = ?", objectionId))
        .containsEntry("status", "DISMISSED").containsEntry("response", "经核实，异议不成立。");
    assertThat(count("select count(*) from methodology_comment where id = ? and content = ?", commentId,
        "建议补充监测频次。")).isOne();
    assertThat(count("select count(*) from project_version where project_id = ?", registered.getId())).isEqualTo(2);
    assertThat(count("select count(*) from notification where recipient is null and status = 'SENT'"
        + " and subject like ?", "%保留期测试%")).isOne();
    assertThat(contactOf(registered.getId())).doesNotContain(CONTACT_NAME, CONTACT_PHONE, CONTACT_EMAIL);

    // every run is in the audit trail, by the system, with counts and periods, never a value
    List<AuditEntry> runs = auditTrail.of(PersonalDataRetention.CASE_TYPE, PersonalDataRetention.CASE_ID);
    assertThat(runs).hasSizeGreaterThanOrEqualTo(8).allSatisfy(run -> {
      assertThat(run.getAction()).isEqualTo(PersonalDataRetention.ACTION);
      assertThat(run.getActor()).isEqualTo(AuditTrail.SYSTEM);
      assertThat(run.getReason()).contains("objection.objector_name+contact=", "notice-recipient=30d")
          .doesNotContain(OBJECTOR, OBJECTOR_CONTACT, COMMENTER, COMMENTER_CONTACT, CONTACT_NAME, CONTACT_PHONE,
              CONTACT_EMAIL, NOTICE_TO, "保留期测试收件人");
    });
    assertThat(runs).anySatisfy(run -> assertThat(run.getReason()).contains("objection.objector_name+contact=1"));
    // both versions: the registration's (the developer's e-mail) and the changed contact's
    assertThat(runs).anySatisfy(run -> assertThat(run.getReason())
        .contains("project_version.contact_name+contact_phone+contact_email=2", "project_change.new_values(CONTACT)=1"));

    // a second run at the same time erases nothing again
    moveClockTo(cancelled.plus(periods.closedProjectContact()).plus(DAY));
    assertThat(retention.run().values()).allMatch(n -> n == 0);
  }

  @Test
  void aPendingNoticeIsNeverErased() {
    jdbc.update("insert into notification (recipient, template, subject, body, status, attempts, next_attempt_at,"
        + " created_at) values (?, 'case-update', '待发通知', '正文', 'PENDING', 0, ?, ?)", "pending-retention@probe.example",
        Timestamp.from(Instant.now().plus(Duration.ofDays(400))), Timestamp.from(Instant.now()));
    moveClockTo(Instant.now().plus(Duration.ofDays(365)));
    retention.run();
    assertThat(count("select count(*) from notification where recipient = ?", "pending-retention@probe.example"))
        .isOne();
    jdbc.update("delete from notification where recipient = ?", "pending-retention@probe.example");
  }

  /** Personal data of one kind, held since {@code event} for {@code period}; {@code held} counts what is still there. */
  record Retained(String what, Instant event, Duration period, java.util.function.LongSupplier held) {
    Instant ends() {
      return event.plus(period);
    }
  }

  private void assertErasedOnlyAfter(Retained retained) {
    moveClockTo(retained.ends().minus(DAY));
    retention.run();
    assertThat(retained.held().getAsLong()).as(retained.what() + " held a day before its period ends").isPositive();
    moveClockTo(retained.ends().plus(DAY));
    retention.run();
    assertThat(retained.held().getAsLong()).as(retained.what() + " erased a day after its period ended").isZero();
  }

  private String contactOf(Long projectId) {
    return clear("select contact_name, contact_phone, contact_email from project_version where project_id = ?"
        + " order by version_no", projectId) + clear("select new_values from project_change where project_id = ?",
        projectId);
  }

  /** The rows' values as the platform reads them: an encrypted column decrypted (crypto.PersonalText). */
  private String clear(String sql, Object... args) {
    StringBuilder values = new StringBuilder();
    jdbc.query(sql, rs -> {
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        values.append(personalText.convertToEntityAttribute(rs.getString(i))).append('|');
      }
    }, args);
    return values.toString();
  }

  private static long holds(String values, String... wanted) {
    return java.util.Arrays.stream(wanted).allMatch(values::contains) ? 1 : 0;
  }

  private Instant awaitSent(String recipient) {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      List<Timestamp> sent = jdbc.queryForList("select sent_at from notification where recipient = ?"
          + " and status = 'SENT'", Timestamp.class, recipient);
      if (!sent.isEmpty()) {
        return sent.get(0).toInstant();
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("the notice to " + recipient + " was not sent within 30 s");
  }

  private Instant instant(String sql, Object... args) {
    return jdbc.queryForObject(sql, Timestamp.class, args).toInstant();
  }

  private long count(String sql, Object... args) {
    return jdbc.queryForObject(sql, Long.class, args);
  }

  private static void moveClockTo(Instant at) {
    ClockUtil.setCurrentTime(Date.from(at));
  }
}
