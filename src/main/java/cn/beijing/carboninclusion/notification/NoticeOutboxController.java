package cn.beijing.carboninclusion.notification;

import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.common.PublicPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 邮件通知发件箱: the administrators read the outbox (issue 26, item 4), {@link NoticeOutbox}. */
@RestController
@RequestMapping("/api/admin/notices")
@Tag(name = "邮件通知发件箱 notice outbox")
@Validated
@PreAuthorize("hasAuthority('GROUP_camunda-admin')")
class NoticeOutboxController {
  private final NoticeOutbox outbox;

  NoticeOutboxController(NoticeOutbox outbox) {
    this.outbox = outbox;
  }

  @Operation(summary = "邮件通知，最新在前，可按状态筛选（SENT、PENDING、SENDING、FAILED、KEPT：未配置邮件服务器而保留）；"
      + "总数见 X-Total-Count（平台管理员）")
  @GetMapping
  ResponseEntity<List<NoticeOutbox.Entry>> page(@RequestParam(required = false) String status,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    Notification.Status wanted = null;
    if (status != null && !status.isBlank()) {
      if (!NoticeOutbox.statuses().contains(status.strip())) {
        throw new InvalidInputException("status", "状态须为 " + String.join("、", NoticeOutbox.statuses()));
      }
      wanted = Notification.Status.valueOf(status.strip());
    }
    return PublicPage.answer(outbox.page(wanted, page, size));
  }

  @Operation(summary = "发件箱概况：各状态的通知数，是否已配置邮件服务器（平台管理员）")
  @GetMapping("/summary")
  NoticeOutbox.Summary summary() {
    return outbox.summary();
  }
}
