package cn.beijing.carboninclusion.common;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 个人信息保存期限 (PIPL art. 19, 47): erases personal data past its retention period (docs/personal-data.md). Runs on
 * {@code carbon-inclusion.retention.cron}; {@link #run()} runs it now. Each owning module answers through its
 * {@link PersonalDataSweep}; the run is one transaction and is recorded in the audit trail (case {@value #CASE_TYPE}
 * {@value #CASE_ID}, action {@value #ACTION}) with the counts and the periods applied, never a value.
 */
@Service
public class PersonalDataRetention {
  public static final String CASE_TYPE = "PERSONAL_DATA";
  public static final long CASE_ID = 0L;
  public static final String ACTION = "RETENTION_RUN";
  private static final Logger log = LoggerFactory.getLogger(PersonalDataRetention.class);

  private final List<PersonalDataSweep> sweeps;
  private final RetentionProperties retention;
  private final AuditTrail audit;
  private final Clock clock;

  public PersonalDataRetention(List<PersonalDataSweep> sweeps, RetentionProperties retention, AuditTrail audit,
      Clock clock) {
    this.sweeps = sweeps;
    this.retention = retention;
    this.audit = audit;
    this.clock = clock;
  }

  @Scheduled(cron = "${carbon-inclusion.retention.cron:" + RetentionProperties.DEFAULT_CRON + "}",
      zone = "${carbon-inclusion.calendar.zone:Asia/Shanghai}")
  void scheduled() {
    run();
  }

  /** Erases what is past its period now; returns the counts by what was erased (also recorded in the audit trail). */
  @Transactional
  public Map<String, Integer> run() {
    Instant now = Instant.now(clock);
    Map<String, Integer> counts = new LinkedHashMap<>();
    sweeps.stream()
        .sorted((a, b) -> a.getClass().getName().compareTo(b.getClass().getName()))
        .forEach(sweep -> counts.putAll(sweep.sweep(now, retention)));
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    String summary = counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
    audit.record(CASE_TYPE, CASE_ID, ACTION, null, null, "保存期限届满的个人信息已删除 (personal data past retention "
        + "erased): " + total + " rows; " + summary + "; periods: objection-contact=" + retention.objectionContact()
        .toDays() + "d, comment-contact=" + retention.commentContact().toDays() + "d, refused-change-contact="
        + retention.refusedChangeContact().toDays() + "d, closed-project-contact="
        + retention.closedProjectContact().toDays() + "d, notice-recipient=" + retention.noticeRecipient().toDays()
        + "d");
    log.info("personal data retention at {}: {} rows erased ({})", now, total, summary);
    return counts;
  }
}
