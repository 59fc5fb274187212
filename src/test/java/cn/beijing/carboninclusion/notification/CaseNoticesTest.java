package cn.beijing.carboninclusion.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.beijing.carboninclusion.support.MailSupport;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Notices are sent after the change commits, never for a rolled-back change, and survive a mail outage. */
class CaseNoticesTest extends PlatformIntegrationTest {
  @Autowired CaseNotices notices;
  @Autowired Notifications outbox;
  @Autowired PlatformTransactionManager transactionManager;

  @Test
  void aCommittedChangeIsMailedInChinese() throws Exception {
    String to = "committed@developer.example";
    inTransaction(() -> notices.statusChanged(to, "北京绿色出行科技有限公司", "项目", "公交出行减排项目", "已提交",
        "技术评估中", "申请材料齐全，转入技术评估"));

    MimeMessage message = awaitMailTo(to);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(outbox.findByRecipientOrderByIdAsc(to))
        .singleElement().satisfies(n -> assertThat(n.getStatus()).isEqualTo(Notification.Status.SENT)));
    assertThat(message.getSubject()).isEqualTo("【北京市碳普惠】项目「公交出行减排项目」状态变更为：技术评估中");
    assertThat(message.getContent().toString()).contains("北京绿色出行科技有限公司：", "由「已提交」变更为「技术评估中」",
        "申请材料齐全，转入技术评估");
  }

  @Test
  void aRolledBackChangeLeavesNoNotice() {
    String to = "rolledback@developer.example";
    new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
      notices.statusChanged(to, "某开发方", "项目", "回滚项目", "已提交", "技术评估中", null);
      status.setRollbackOnly();
    });
    assertThat(outbox.findByRecipientOrderByIdAsc(to)).isEmpty();
  }

  @Test
  void aNoticeQueuedDuringAMailOutageIsSentWhenMailIsBack() throws Exception {
    String to = "outage@developer.example";
    MailSupport.stop();
    try {
      inTransaction(() -> notices.statusChanged(to, "某开发方", "项目", "停电项目", "已提交", "技术评估中", null));
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(outbox.findByRecipientOrderByIdAsc(to))
          .singleElement().satisfies(n -> {
            assertThat(n.getAttempts()).isGreaterThanOrEqualTo(1);
            assertThat(n.getStatus()).isIn(Notification.Status.PENDING, Notification.Status.SENDING);
            assertThat(n.getLastError()).isNotBlank();
          }));
    } finally {
      MailSupport.start();
    }
    MimeMessage mail = awaitMailTo(to);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(outbox.findByRecipientOrderByIdAsc(to))
        .singleElement().satisfies(sent -> {
          assertThat(sent.getStatus()).isEqualTo(Notification.Status.SENT);
          assertThat(sent.getAttempts()).isGreaterThanOrEqualTo(2);
          // every attempt of a notice is the same message to the reader's mail client (at least once after a crash)
          assertThat(mail.getHeader("X-Carbon-Notice")).containsExactly(String.valueOf(sent.getId()));
          assertThat(mail.getMessageID()).isEqualTo("<notice-" + sent.getId() + ".carbon-inclusion.example>");
        }));
  }

  private void inTransaction(Runnable work) {
    new TransactionTemplate(transactionManager).executeWithoutResult(status -> work.run());
  }

  private MimeMessage awaitMailTo(String recipient) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> {
      List<MimeMessage> matching = Arrays.stream(MailSupport.server().getReceivedMessages())
          .filter(m -> {
            try {
              return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(recipient));
            } catch (Exception e) {
              return false;
            }
          }).toList();
      return matching.isEmpty() ? null : matching.get(0);
    }, m -> m != null);
  }
}
