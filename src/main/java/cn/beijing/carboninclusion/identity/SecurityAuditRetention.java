package cn.beijing.carboninclusion.identity;

import cn.beijing.carboninclusion.common.SecurityAudit.Event;
import cn.beijing.carboninclusion.common.SecurityAudit.Outcome;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the security audit for its retention period ({@code carbon-inclusion.security-audit.retention}, a period, at
 * least {@value #MINIMUM} — GB/T 22239-2019 and the Cybersecurity Law art. 21 ask for six months; a shorter one stops
 * the platform at start) and no longer. Once a day it deletes the oldest rows older than that — always a prefix of
 * the chain, so what remains still verifies — and records the purge, with the hash the first kept row chains from
 * (its anchor), as a new row of the audit. PostgreSQL refuses to delete any row younger than six months, whatever
 * the configuration says.
 */
@Component
public class SecurityAuditRetention {
  static final String MINIMUM = "P6M";
  private static final Logger log = LoggerFactory.getLogger(SecurityAuditRetention.class);

  private final JdbcTemplate jdbc;
  private final SecurityAuditLog audit;
  private final Clock clock;
  private final Period retention;
  private final ZoneId zone = ZoneId.of("Asia/Shanghai");

  public SecurityAuditRetention(JdbcTemplate jdbc, SecurityAuditLog audit, Clock clock,
      @Value("${carbon-inclusion.security-audit.retention:P6M}") Period retention) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.clock = clock;
    Instant now = Instant.now();
    Instant minimum = now.atZone(zone).minus(Period.parse(MINIMUM)).toInstant();
    if (now.atZone(zone).minus(retention).toInstant().isAfter(minimum)) {
      throw new IllegalStateException("carbon-inclusion.security-audit.retention=" + retention
          + " is shorter than the six months the security audit must be kept (" + MINIMUM + ")");
    }
    this.retention = retention;
  }

  /** Deletes the rows past retention (a prefix of the chain) and records it; returns how many went. */
  @Scheduled(cron = "${carbon-inclusion.security-audit.purge-cron:0 40 3 * * *}", zone = "Asia/Shanghai")
  @Transactional
  public int purge() {
    Instant cutoff = Instant.now(clock).atZone(zone).minus(retention).toInstant();
    // the prefix: every row before the first one still within retention
    Long firstKept = jdbc.queryForObject("select min(id) from security_audit where occurred_at >= ?", Long.class,
        Timestamp.from(cutoff));
    Long bound = firstKept != null ? firstKept
        : jdbc.queryForObject("select coalesce(max(id), 0) + 1 from security_audit", Long.class);
    String anchor = jdbc.query("select previous_hash from security_audit where id = ?",
        rs -> rs.next() ? rs.getString(1) : null, bound);
    int deleted = jdbc.update("delete from security_audit where id < ? and occurred_at < ?", bound,
        Timestamp.from(cutoff));
    if (deleted > 0) {
      if (anchor == null) {
        anchor = jdbc.queryForObject("select last_hash from security_audit_head where id = 1", String.class);
      }
      audit.record(Event.AUDIT_PURGED, "system", "security_audit", Outcome.SUCCESS,
          "保留期 " + retention + " 届满，删除 " + deleted + " 条 (" + deleted + " rows past retention); anchor "
              + anchor);
      log.info("security audit: {} rows past retention {} deleted", deleted, retention);
    }
    return deleted;
  }
}
