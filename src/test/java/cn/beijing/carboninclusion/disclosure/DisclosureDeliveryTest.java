package cn.beijing.carboninclusion.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.common.PublicEvent;
import cn.beijing.carboninclusion.common.PublicEvents;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The disclosure feed is written by a listener, after the step's commit, through Spring Modulith's event publication
 * registry: a listener that fails keeps its publication, which is delivered again (as on restart, or by
 * common.EventRedelivery), and a delivery repeated after the entry was written (a crash between the entry's commit and
 * the completion mark) publishes nothing twice.
 */
class DisclosureDeliveryTest extends PlatformIntegrationTest {
  static final long SUBJECT = 987_654_321L;

  @Autowired PublicEvents publicEvents;
  @Autowired IncompleteEventPublications incomplete;
  @Autowired EventSerializer serializer;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate http;

  @AfterEach
  void cleanUp() {
    jdbc.update("alter table disclosure_entry drop constraint if exists ck_test_delivery_fails");
    jdbc.update("delete from disclosure_entry where subject_id = ?", SUBJECT);
    jdbc.update("delete from event_publication where serialized_event like ?", "%" + SUBJECT + "%");
  }

  @Test
  void aPageOfTheFeedBeyondWhatAQueryCanSkipIsEmptyNotA500() {
    // page × size beyond an int was JPA's "Page offset exceeds Integer.MAX_VALUE" (found by fuzz.OpenApiFuzzTest)
    ResponseEntity<JsonNode> answer = http.getForEntity("/api/public/disclosures?page=2147483647&size=200",
        JsonNode.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody()).isEmpty();
  }

  @Test
  void aFailedDeliveryIsDeliveredAgainOnceAndARepeatedDeliveryPublishesNothingTwice() {
    jdbc.update("alter table disclosure_entry add constraint ck_test_delivery_fails check (subject_id <> " + SUBJECT
        + ")");
    PublicEvent event = new TransactionTemplate(transactionManager).execute(s -> publicEvents.publish("PROJECT",
        SUBJECT, PublicEvent.Kind.PROJECT_REGISTERED, "项目登记：投递测试", "登记编号 BJCI-TEST。"));

    // the step committed; its listener failed: no entry, and the publication is kept
    assertThat(entries()).isZero();
    assertThat(outstanding()).isOne();
    String listener = jdbc.queryForObject(
        "select listener_id from event_publication where serialized_event like ?", String.class, "%" + SUBJECT + "%");

    jdbc.update("alter table disclosure_entry drop constraint ck_test_delivery_fails");
    incomplete.resubmitIncompletePublications(publication -> true);
    assertThat(entries()).isOne();
    assertThat(outstanding()).isZero();
    incomplete.resubmitIncompletePublications(publication -> true);
    assertThat(entries()).isOne();

    // the node died after the entry committed but before the publication was marked complete: delivered again
    jdbc.update("insert into event_publication (id, listener_id, event_type, serialized_event, publication_date)"
        + " values (?, ?, ?, ?, ?)", UUID.randomUUID(), listener, PublicEvent.class.getName(),
        serializer.serialize(event).toString(), Timestamp.from(Instant.now()));
    incomplete.resubmitIncompletePublications(publication -> true);
    assertThat(entries()).as("one entry per event, however often it is delivered").isOne();
    assertThat(outstanding()).isZero();
    assertThat(jdbc.queryForObject("select event_id from disclosure_entry where subject_id = ?", UUID.class, SUBJECT))
        .isEqualTo(event.eventId());
  }

  @Test
  void aStepThatRollsBackPublishesNothing() {
    new TransactionTemplate(transactionManager).executeWithoutResult(s -> {
      publicEvents.publish("PROJECT", SUBJECT, PublicEvent.Kind.PROJECT_CANCELLED, "项目注销：回滚测试", "—");
      s.setRollbackOnly();
    });
    assertThat(entries()).isZero();
    assertThat(outstanding()).isZero();
  }

  private long entries() {
    return jdbc.queryForObject("select count(*) from disclosure_entry where subject_id = ?", Long.class, SUBJECT);
  }

  private long outstanding() {
    return jdbc.queryForObject("select count(*) from event_publication where serialized_event like ?", Long.class,
        "%" + SUBJECT + "%");
  }
}
