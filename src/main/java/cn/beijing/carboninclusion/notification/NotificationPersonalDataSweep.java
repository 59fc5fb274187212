package cn.beijing.carboninclusion.notification;

import cn.beijing.carboninclusion.common.PersonalDataSweep;
import cn.beijing.carboninclusion.common.RetentionProperties;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Delivered notices past retention (docs/personal-data.md): the address, the text (it greets the addressee by name),
 * the idempotency key and the last error (a mail server may echo the address) become null once the notice was sent
 * (or finally failed) longer ago than {@code carbon-inclusion.retention.notice-recipient}. The row stays — template, subject, times, status — as the
 * record that the notice went out. A pending notice is never touched.
 */
@Component
class NotificationPersonalDataSweep implements PersonalDataSweep {
  private final NamedParameterJdbcTemplate jdbc;

  NotificationPersonalDataSweep(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<String, Integer> sweep(Instant now, RetentionProperties retention) {
    MapSqlParameterSource p = new MapSqlParameterSource()
        .addValue("cutoff", now.minus(retention.noticeRecipient()).atOffset(ZoneOffset.UTC));
    return Map.of("notification.recipient+body+idempotency_key+last_error", jdbc.update("""
        update notification set recipient = null, body = null, idempotency_key = null, last_error = null
        where (recipient is not null or body is not null)
          and ((status = 'SENT' and sent_at <= :cutoff) or (status in ('FAILED', 'KEPT') and next_attempt_at <= :cutoff))""",
        p));
  }
}
