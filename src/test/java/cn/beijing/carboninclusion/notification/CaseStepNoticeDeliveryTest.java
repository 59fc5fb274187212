package cn.beijing.carboninclusion.notification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.common.CaseHistory;
import cn.beijing.carboninclusion.common.CaseStep;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A case step's notice is queued by a listener of the step's event after commit: a failed delivery is kept and
 * delivered again, and however often the event is delivered, the recipient gets one notice.
 */
class CaseStepNoticeDeliveryTest extends PlatformIntegrationTest {
  static final String TO = "redelivery-" + UUID.randomUUID() + "@developer.example";

  @Autowired CaseHistory history;
  @Autowired ApplicationEventPublisher events;
  @Autowired IncompleteEventPublications incomplete;
  @Autowired EventSerializer serializer;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired JdbcTemplate jdbc;

  @AfterEach
  void cleanUp() {
    jdbc.update("alter table notification drop constraint if exists ck_test_notice_fails");
    jdbc.update("delete from event_publication where serialized_event like ?", "%" + TO + "%");
  }

  @Test
  void aStepIsNoticedOnceHoweverOftenItIsDelivered() {
    jdbc.update("alter table notification add constraint ck_test_notice_fails check (recipient <> '" + TO + "')");
    CaseStep step = new CaseStep(UUID.randomUUID(), CaseStep.Type.STATUS_CHANGED, "PROJECT", 4711L, "项目",
        "投递测试项目", TO, "某开发方", "已提交", "技术评估中", "申请材料齐全", Instant.now());
    new TransactionTemplate(transactionManager).executeWithoutResult(s -> events.publishEvent(step));

    assertThat(notices()).isZero();
    assertThat(outstanding()).isOne();
    String listener = jdbc.queryForObject("select listener_id from event_publication where serialized_event like ?",
        String.class, "%" + TO + "%");

    jdbc.update("alter table notification drop constraint ck_test_notice_fails");
    incomplete.resubmitIncompletePublications(publication -> true);
    assertThat(notices()).isOne();
    assertThat(outstanding()).isZero();

    jdbc.update("insert into event_publication (id, listener_id, event_type, serialized_event, publication_date)"
        + " values (?, ?, ?, ?, ?)", UUID.randomUUID(), listener, CaseStep.class.getName(),
        serializer.serialize(step).toString(), Timestamp.from(Instant.now()));
    incomplete.resubmitIncompletePublications(publication -> true);
    assertThat(notices()).as("one notice per event and recipient").isOne();
    assertThat(jdbc.queryForObject("select idempotency_key from notification where recipient = ?", String.class, TO))
        .as("the key names the event and a digest of the address, not the address")
        .isEqualTo(CaseStepNotices.key(step.eventId(), TO)).startsWith(step.eventId() + ":").doesNotContain(TO);
  }

  @Test
  void aStepWithoutAnAddressIsNoticedToNobody() {
    new TransactionTemplate(transactionManager).executeWithoutResult(s -> history.tell(CaseStep.Type.UPDATE,
        new CaseHistory.Kind("PROJECT", "项目"), 4712L, "无地址项目", CaseHistory.Addressee.NOBODY, null, "说明", "—"));
    assertThat(jdbc.queryForObject("select count(*) from event_publication where serialized_event like ?",
        Long.class, "%无地址项目%")).isZero();
  }

  private long notices() {
    return jdbc.queryForObject("select count(*) from notification where recipient = ?", Long.class, TO);
  }

  private long outstanding() {
    return jdbc.queryForObject("select count(*) from event_publication where serialized_event like ?", Long.class,
        "%" + TO + "%");
  }
}
