package cn.beijing.carboninclusion.notification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.support.MailSupport;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The outbox (issue 26, item 4): with no mail server configured, a notice is kept for the administrators, never
 * tried, so no failure is logged per notice; the administrators read the outbox, newest first, paged; nobody else.
 */
class NoticeOutboxTest extends PlatformIntegrationTest {
  @Autowired Notifications notifications;
  @Autowired JavaMailSender mail;
  @Autowired NotificationProperties properties;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired Clock clock;
  @Autowired TestRestTemplate http;

  @Test
  void withNoMailServerANoticeIsKeptNotTriedAndTheAdministratorsReadIt() throws Exception {
    // the sender as the default start makes it: spring.mail.host empty
    NotificationSender withoutServer = new NotificationSender(notifications, mail, properties, transactionManager,
        clock, "");
    assertThat(withoutServer.mailConfigured()).isFalse();
    int mailsBefore = MailSupport.server().getReceivedMessages().length;
    Notification notice = notifications.saveAndFlush(new Notification("outbox@developer.example", "status-changed",
        "【北京市碳普惠】发件箱测试", "正文：未配置邮件服务器", Instant.now(clock)));

    withoutServer.onQueued(new NotificationService.NotificationQueued(notice.getId()));
    withoutServer.retryDue();

    Notification kept = notifications.findById(notice.getId()).orElseThrow();
    assertThat(kept.getStatus()).isEqualTo(Notification.Status.KEPT);
    assertThat(kept.getAttempts()).isZero();
    assertThat(kept.getLastError()).isNull();
    assertThat(MailSupport.server().getReceivedMessages()).hasSize(mailsBefore);

    // the administrators read it, newest first, with the total in X-Total-Count
    ResponseEntity<JsonNode> page = http.withBasicAuth("admin", "demo")
        .getForEntity("/api/admin/notices?status=KEPT&size=5", JsonNode.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(Long.parseLong(page.getHeaders().getFirst("X-Total-Count"))).isPositive();
    JsonNode first = page.getBody().get(0);
    assertThat(first.get("id").asLong()).isEqualTo(notice.getId());
    assertThat(first.get("status").asText()).isEqualTo("KEPT");
    assertThat(first.get("recipient").asText()).isEqualTo("outbox@developer.example");
    assertThat(first.get("subject").asText()).isEqualTo("【北京市碳普惠】发件箱测试");
    JsonNode summary = http.withBasicAuth("admin", "demo").getForObject("/api/admin/notices/summary",
        JsonNode.class);
    assertThat(summary.get("mailConfigured").asBoolean()).as("the test platform has a mail server").isTrue();
    assertThat(summary.get("byStatus").get("KEPT").asLong()).isPositive();

    // nobody else reads recipients; a status that does not exist is named
    for (String user : new String[] {"zhangwei", "wangfang", "greentravel"}) {
      assertThat(http.withBasicAuth(user, "demo").getForEntity("/api/admin/notices", String.class).getStatusCode())
          .as(user).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(http.getForEntity("/api/admin/notices", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    ResponseEntity<String> bad = http.withBasicAuth("admin", "demo").getForEntity("/api/admin/notices?status=LOST",
        String.class);
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody()).contains("status");
  }
}
