package cn.beijing.carboninclusion.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.decision.DecisionJournal;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import cn.beijing.carboninclusion.support.RawHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
 * The heads of both hash-chained journals (the registry journal, the decisions journal) are published once a day into
 * the disclosure feed, as JSON and on the portal ({@link JournalHeadPublication}); the authorities' verification
 * recomputes both chains and finds a published head the chain no longer passes through; the portal page is public,
 * in Chinese, a table with headers, and holds no user id or personal data; nobody writes.
 */
class JournalHeadPublicationTest extends PlatformIntegrationTest {
  static final String BUREAU = "zhangwei";

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired JdbcTemplate jdbc;
  @Autowired DecisionJournal journal;
  @Autowired JournalHeadPublication publication;

  ProjectCases cases;
  long entryId;

  @BeforeEach
  void aDecisionInTheJournal() {
    cases = new ProjectCases(context);
    cases.aProjectInPublicity();
    entryId = journal.head().entryCount();
  }

  @AfterEach
  void cleanUp() {
    cases.cleanUp();
  }

  @Test
  void bothHeadsArePublishedDailyAndAHeadThatNoLongerMatchesIsFound() {
    publication.publishDaily();
    assertThat(publication.publishDaily()).as("once a day").isEmpty();
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    JsonNode heads = RawHttp.send(port, "GET", "/api/public/journal-heads?page=0&size=50", null, Map.of(), null)
        .json();
    List<String> journals = new ArrayList<>();
    heads.forEach(h -> {
      if (h.get("date").asText().equals(today.toString())) {
        journals.add(h.get("journal").asText());
      }
    });
    assertThat(journals).containsExactlyInAnyOrder("decisions", "registry");
    JsonNode feed = RawHttp.send(port, "GET", "/api/public/disclosures?page=0&size=200", null, Map.of(), null).json();
    long subject = Long.parseLong(today.format(DateTimeFormatter.BASIC_ISO_DATE));
    assertThat(feed.findValues("kind").stream().map(JsonNode::asText)).contains("JOURNAL_HEADS");
    assertThat(feed).anyMatch(item -> item.get("kind").asText().equals("JOURNAL_HEADS")
        && item.get("subjectId").asLong() == subject);

    JournalHeadPublication.Verification intact = publication.verify();
    assertThat(intact.journals()).extracting(JournalHeadPublication.JournalCheck::journal)
        .containsExactly("decisions", "registry");
    intact.journals().forEach(check -> {
      assertThat(check.headsChecked()).isPositive();
      assertThat(check.mismatchedHeads()).as(check.journal()).isEmpty();
    });

    // a head published once, which the journal no longer passes through (as if rewritten since)
    jdbc.update("""
        insert into published_journal_head (journal, head_date, entry_count, head_hash, published_at)
        values ('decisions', date '2000-01-01', ?, ?, now())""", entryId, "f".repeat(64));
    try {
      RawHttp.Answer answer = RawHttp.send(port, "GET", "/api/journal-heads/verify", BUREAU, Map.of(), null);
      assertThat(answer.status()).isEqualTo(200);
      JsonNode verification = answer.json();
      assertThat(verification.get("ok").asBoolean()).isFalse();
      JsonNode decisions = verification.get("journals").get(0);
      assertThat(decisions.get("journal").asText()).isEqualTo("decisions");
      assertThat(decisions.get("mismatchedHeads")).hasSize(1);
      JsonNode mismatch = decisions.get("mismatchedHeads").get(0);
      assertThat(mismatch.get("date").asText()).isEqualTo("2000-01-01");
      assertThat(mismatch.get("entryCount").asLong()).isEqualTo(entryId);
      assertThat(mismatch.get("recomputedHash").asText())
          .isEqualTo(jdbc.queryForObject("select hash from decision_journal where id = ?", String.class, entryId));
    } finally {
      jdbc.execute("alter table published_journal_head disable trigger published_journal_head_append_only");
      try {
        jdbc.update("delete from published_journal_head where head_date = date '2000-01-01'");
      } finally {
        jdbc.execute("alter table published_journal_head enable trigger published_journal_head_append_only");
      }
    }
  }

  @Test
  void thePortalPageIsPublicAndHoldsNoPersonAndWritesAreRefused() {
    publication.publishDaily();
    RawHttp.Answer page = RawHttp.send(port, "GET", "/portal/journal-heads", null, Map.of(), null);
    assertThat(page.status()).isEqualTo(200);
    RawHttp.Answer json = RawHttp.send(port, "GET", "/portal/journal-heads?format=json", null, Map.of(), null);
    assertThat(json.json().get("items").size()).isPositive();
    assertThat(page.body()).contains("lang=\"zh-CN\"").contains("<h1>日志头公布</h1>").contains("<th")
        .contains("日志头哈希（SM3）").contains("决定日志").contains("登记簿日志")
        .contains(json.json().get("items").get(0).get("headHash").asText());
    RawHttp.Answer feed = RawHttp.send(port, "GET", "/portal/disclosures?kind=JOURNAL_HEADS", null, Map.of(), null);
    assertThat(feed.body()).as("the feed's item links to the page").contains("日志头公布")
        .contains("href=\"/portal/journal-heads\"");
    for (String body : List.of(page.body(), json.body())) {
      ProjectCases.reviewerIds().forEach(user -> assertThat(body).doesNotContain(user));
      assertThat(body).doesNotContain("greentravel").doesNotContain("技术评估通过");
    }

    // the public reads, nobody writes; the authorities' checks need the authorities
    for (String path : List.of("/api/public/journal-heads", "/api/public/decisions/journal",
        "/api/public/decisions/journal/verify", "/portal/journal-heads")) {
      for (String method : List.of("POST", "PUT", "DELETE")) {
        int status = RawHttp.send(port, method, path, null, Map.of("Content-Type", "application/json"),
            "{}".getBytes()).status();
        assertThat(status).as(method + " " + path).isIn(401, 403, 405);
      }
    }
    for (String path : List.of("/api/decisions/journal/verify", "/api/journal-heads/verify")) {
      assertThat(RawHttp.send(port, "GET", path, null, Map.of(), null).status()).as(path).isEqualTo(401);
      assertThat(RawHttp.send(port, "GET", path, "greentravel", Map.of(), null).status()).as(path).isEqualTo(403);
      assertThat(RawHttp.send(port, "GET", path, BUREAU, Map.of(), null).status()).as(path).isEqualTo(200);
    }
  }
}
