package cn.beijing.carboninclusion.decision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.crypto.Sm3;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import cn.beijing.carboninclusion.support.RawHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The decisions journal (Flyway V87, {@link DecisionJournal}) on PostgreSQL: every recorded decision is an entry of
 * one global SM3 chain that anyone recomputes from the public fields alone; a decision or an entry changed behind the
 * platform's back (triggers off, as only the database owner can) is found by the verification, which names the entry;
 * the public reads, nobody writes. Everything changed behind the platform's back is restored before the test ends (the
 * database is shared with the other tests).
 */
class DecisionJournalTest extends PlatformIntegrationTest {
  static final String BUREAU = "zhangwei";

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired JdbcTemplate jdbc;
  @Autowired DecisionJournal journal;

  ProjectCases cases;
  Project project;
  long caseDecisionId;
  long entryId;

  @BeforeEach
  void aReviewedProject() {
    cases = new ProjectCases(context);
    project = cases.aProjectInPublicity();
    caseDecisionId = jdbc.queryForObject("""
        select id from case_decision where business_key = ? and task_key = 'Task_TechnicalReview'""", Long.class,
        String.valueOf(project.getId()));
    entryId = jdbc.queryForObject("select id from decision_journal where case_decision_id = ?", Long.class,
        caseDecisionId);
  }

  @AfterEach
  void cleanUp() {
    cases.cleanUp();
  }

  @Test
  void everyDecisionIsAnEntryAnyoneRecomputesFromThePublicFieldsOnly() {
    Map<String, Object> entry = jdbc.queryForMap("select * from decision_journal where id = ?", entryId);
    assertThat(entry.get("outcome")).as("the choice, not the comment").isEqualTo("reviewDecision=APPROVE");
    assertThat(entry.get("task_key")).isEqualTo("Task_TechnicalReview");
    assertThat(entry.get("business_key")).isEqualTo(String.valueOf(project.getId()));

    // the private digest is the documented rule over the decision's non-public fields
    Map<String, Object> decision = jdbc.queryForMap("select * from case_decision where id = ?", caseDecisionId);
    assertThat(entry.get("private_digest")).isEqualTo(Sm3.hex(entry.get("private_salt") + "\n" + String.join("\n",
        String.valueOf(caseDecisionId), (String) decision.get("task_id"), (String) decision.get("process_instance_id"),
        (String) decision.get("decided_by"), (String) decision.get("decision_values"), (String) decision.get("hash"))));

    // anyone, without login, recomputes the whole chain from the public entries, not using their "content"
    String previous = "0".repeat(64);
    long after = 0;
    boolean seen = false;
    List<String> bodies = new ArrayList<>();
    while (true) {
      RawHttp.Answer page = RawHttp.send(port, "GET", "/api/public/decisions/journal?afterId=" + after
          + "&limit=1000", null, Map.of(), null);
      assertThat(page.status()).isEqualTo(200);
      bodies.add(page.body());
      JsonNode entries = page.json();
      if (entries.isEmpty()) {
        break;
      }
      for (JsonNode e : entries) {
        String content = String.join("\n", "decision-journal", e.get("id").asText(), e.get("decidedAt").asText(),
            e.get("processKey").asText(), e.get("businessKey").isNull() ? "" : e.get("businessKey").asText(),
            e.get("taskKey").asText(), e.get("route").asText(), e.get("outcome").asText(),
            e.get("privateDigest").asText());
        assertThat(e.get("previousHash").asText()).as("entry %s", e.get("id")).isEqualTo(previous);
        previous = Sm3.hex(previous + "\n" + content);
        assertThat(e.get("hash").asText()).as("entry %s", e.get("id")).isEqualTo(previous);
        seen |= e.get("id").asLong() == entryId;
        after = e.get("id").asLong();
      }
    }
    assertThat(seen).isTrue();
    JsonNode verified = RawHttp.send(port, "GET", "/api/public/decisions/journal/verify", null, Map.of(), null)
        .json();
    assertThat(verified.get("ok").asBoolean()).as(verified.toString()).isTrue();
    assertThat(verified.get("headEntryId").asLong()).isGreaterThanOrEqualTo(entryId);
    assertThat(verified.get("privateDetailsChecked").asBoolean()).isFalse();
    // no person, no reason in what the public reads
    for (String body : bodies) {
      assertThat(body).doesNotContain("技术评估通过").doesNotContain("decidedBy").doesNotContain("salt");
      ProjectCases.reviewerIds().forEach(user -> assertThat(body).doesNotContain("\"" + user + "\""));
    }
  }

  @Test
  void aDecisionChangedInTheDatabaseIsFoundByVerificationNamingItsEntry() {
    assertThat(findings()).as("before").noneMatch(f -> f.get("entryId").asLong() == entryId);
    jdbc.execute("alter table case_decision disable trigger case_decision_append_only");
    try {
      jdbc.update("update case_decision set decided_by = 'someone-else' where id = ?", caseDecisionId);
      List<JsonNode> found = findings();
      assertThat(found).as("the changed decision is found at its entry")
          .anyMatch(f -> f.get("entryId").asLong() == entryId && f.get("caseDecisionId").asLong() == caseDecisionId
              && f.get("problem").asText().contains("摘要不符"));
      // the public chain itself is intact: the public cannot tell who decided, the authorities can
      assertThat(journal.verify(false).ok()).isTrue();
    } finally {
      jdbc.update("update case_decision set decided_by = ? where id = ?", "wangfang", caseDecisionId);
      jdbc.execute("alter table case_decision enable trigger case_decision_append_only");
    }
    assertThat(findings()).as("restored").noneMatch(f -> f.get("entryId").asLong() == entryId);
  }

  @Test
  void anEntryChangedOrRemovedOrADecisionSlippedInIsFound() {
    jdbc.execute("alter table decision_journal disable trigger decision_journal_append_only");
    try {
      jdbc.update("update decision_journal set outcome = 'reviewDecision=REJECT' where id = ?", entryId);
      DecisionJournalVerification changed = journal.verify(false);
      assertThat(changed.ok()).isFalse();
      assertThat(changed.firstBrokenEntryId()).isEqualTo(entryId);
      assertThat(changed.problem()).contains("内容与其哈希不符");
      JsonNode publicCheck = RawHttp.send(port, "GET", "/api/public/decisions/journal/verify", null, Map.of(), null)
          .json();
      assertThat(publicCheck.get("firstBrokenEntryId").asLong()).isEqualTo(entryId);
      jdbc.update("update decision_journal set outcome = 'reviewDecision=APPROVE' where id = ?", entryId);
      assertThat(journal.verify(false).ok()).isTrue();

      Map<String, Object> kept = jdbc.queryForMap("select * from decision_journal where id = ?", entryId);
      jdbc.update("delete from decision_journal where id = ?", entryId);
      DecisionJournalVerification removed = journal.verify(false);
      assertThat(removed.firstBrokenEntryId()).isEqualTo(entryId);
      assertThat(removed.problem()).contains("缺失");
      jdbc.update("""
          insert into decision_journal (id, case_decision_id, decided_at, process_key, business_key, task_key, route,
              outcome, private_digest, private_salt, previous_hash, hash)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", kept.get("id"), kept.get("case_decision_id"),
          kept.get("decided_at"), kept.get("process_key"), kept.get("business_key"), kept.get("task_key"),
          kept.get("route"), kept.get("outcome"), kept.get("private_digest"), kept.get("private_salt"),
          kept.get("previous_hash"), kept.get("hash"));
    } finally {
      jdbc.update("update decision_journal set outcome = 'reviewDecision=APPROVE' where id = ?", entryId);
      jdbc.execute("alter table decision_journal enable trigger decision_journal_append_only");
    }
    assertThat(journal.verify(false).ok()).isTrue();

    // a decision inserted behind the platform's back is in no entry
    Long slipped = jdbc.queryForObject("""
        insert into case_decision (task_id, process_instance_id, process_key, business_key, task_key, route,
            decided_by, decided_at, decision_values)
        values ('no-task', 'no-instance', 'ProjectRegistration', ?, 'Task_BureauDecision', 'COMPLETE', 'someone',
            now(), '{"bureauDecision":"APPROVE"}') returning id""", Long.class, String.valueOf(project.getId()));
    try {
      assertThat(findings()).anyMatch(f -> f.get("entryId").isNull() && f.get("caseDecisionId").asLong() == slipped
          && f.get("problem").asText().contains("不在决定日志中"));
    } finally {
      jdbc.execute("alter table case_decision disable trigger case_decision_append_only");
      try {
        jdbc.update("delete from case_decision where id = ?", slipped);
      } finally {
        jdbc.execute("alter table case_decision enable trigger case_decision_append_only");
      }
    }
  }

  @Test
  void decisionsRecordedBeforeTheJournalAreJournalledOnceInTheOrderOfTheirIds() {
    // as before V87: decisions in case_decision that no entry holds, and a journal not yet completed
    String caseKey = "backfill-" + System.nanoTime();
    List<Long> earlier = new ArrayList<>();
    for (String decision : List.of("REJECT", "APPROVE")) {
      earlier.add(jdbc.queryForObject("""
          insert into case_decision (task_id, process_instance_id, process_key, business_key, task_key, route,
              decided_by, decided_at, decision_values)
          values (?, ?, 'ProjectRegistration', ?, 'Task_BureauDecision', 'COMPLETE', 'zhangwei', now(), ?)
          returning id""", Long.class, "task-" + caseKey + "-" + decision, "instance-" + caseKey, caseKey,
          "{\"bureauComment\":\"张伟的理由\",\"bureauDecision\":\"" + decision + "\"}"));
    }
    long before = journal.size();
    jdbc.update("update decision_journal_head set backfilled = false where id = 1");

    journal.backfillOnStart();
    journal.backfillOnStart(); // a second node, or a second start: nothing more

    List<Map<String, Object>> entries = jdbc.queryForList(
        "select id, case_decision_id, outcome from decision_journal where business_key = ? order by id", caseKey);
    assertThat(entries).extracting(e -> ((Number) e.get("case_decision_id")).longValue())
        .as("in the order of the decisions' ids").containsExactlyElementsOf(earlier);
    assertThat(entries).extracting(e -> e.get("outcome"))
        .containsExactly("bureauDecision=REJECT", "bureauDecision=APPROVE");
    assertThat(entries).extracting(e -> ((Number) e.get("id")).longValue()).containsExactly(before + 1, before + 2);
    assertThat(journal.size()).isEqualTo(before + 2);
    assertThat(jdbc.queryForObject("select backfilled from decision_journal_head where id = 1", Boolean.class))
        .isTrue();
    assertThat(journal.verify(false).ok()).isTrue();
    assertThat(findings()).noneMatch(f -> earlier.contains(f.get("caseDecisionId").asLong()));
  }

  @Test
  void anyoneReadsNobodyWritesTheAuthoritiesCheck() {
    for (String path : List.of("/api/public/decisions/journal", "/api/public/decisions/journal/verify")) {
      assertThat(RawHttp.send(port, "GET", path, null, Map.of(), null).status()).as(path).isEqualTo(200);
      for (String method : List.of("POST", "PUT", "DELETE")) {
        int status = RawHttp.send(port, method, path, null, Map.of("Content-Type", "application/json"),
            "{}".getBytes()).status();
        assertThat(status).as(method + " " + path).isIn(401, 403, 405);
      }
    }
    String path = "/api/decisions/journal/verify";
    assertThat(RawHttp.send(port, "GET", path, null, Map.of(), null).status()).isEqualTo(401);
    assertThat(RawHttp.send(port, "GET", path, "greentravel", Map.of(), null).status()).isEqualTo(403);
    assertThat(RawHttp.send(port, "GET", path, "wangfang", Map.of(), null).status()).isEqualTo(200);
  }

  private List<JsonNode> findings() {
    RawHttp.Answer answer = RawHttp.send(port, "GET", "/api/decisions/journal/verify", BUREAU, Map.of(), null);
    assertThat(answer.status()).isEqualTo(200);
    JsonNode verification = answer.json();
    assertThat(verification.get("privateDetailsChecked").asBoolean()).isTrue();
    List<JsonNode> found = new ArrayList<>();
    verification.get("findings").forEach(found::add);
    return found;
  }
}
