package cn.beijing.carboninclusion.disclosure;

import cn.beijing.carboninclusion.common.PublicEvent;
import cn.beijing.carboninclusion.common.PublicEvents;
import cn.beijing.carboninclusion.common.PublishedJournal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes the heads of the hash-chained journals (every {@link PublishedJournal}: the registry journal, the
 * decisions journal) once a day: for each, the day (Beijing), the number of entries and the last entry's hash, kept
 * in {@code published_journal_head} (Flyway V88, append-only), announced in the disclosure feed
 * ({@link PublicEvent.Kind#JOURNAL_HEADS}) and shown on the portal ({@code /portal/journal-heads},
 * {@code GET /api/public/journal-heads}). Copies of the heads thus exist outside the database — in the feed's readers,
 * on the portal's visitors' disks, in archives — and {@link #verify} checks every published head against the chain
 * recomputed from the rows: a journal rewritten after a head was published no longer passes through it.
 *
 * <p>Like the daily signature of the registry journal's head (registry.JournalHeadSignatures), the publication runs
 * on every node at the same hour; a day's head of a journal is published once: a node finds it published already, and
 * of two nodes publishing at the same moment the unique (journal, day) refuses the second, whose transaction rolls
 * back whole (nothing published twice, no second feed item).
 */
@Service
public class JournalHeadPublication {
  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  static final String SUBJECT_TYPE = "JOURNAL_HEADS";
  private static final Logger log = LoggerFactory.getLogger(JournalHeadPublication.class);

  private final List<PublishedJournal> journals;
  private final JdbcTemplate jdbc;
  private final PublicEvents events;
  private final Clock clock;

  JournalHeadPublication(List<PublishedJournal> journals, JdbcTemplate jdbc, PublicEvents events, Clock clock) {
    this.journals = journals.stream().sorted(Comparator.comparing(PublishedJournal::name)).toList();
    this.jdbc = jdbc;
    this.events = events;
    this.clock = clock;
  }

  /** One published head, as the public reads it. */
  public record PublishedHead(long id, String journal, String journalLabel, LocalDate date, long entryCount,
      String headHash, Instant publishedAt) {}

  /** A published head held against the recomputed chain. */
  public record HeadCheck(long id, LocalDate date, long entryCount, String publishedHash, String recomputedHash,
      boolean matches) {}

  /** One journal's check: its chain, and each of its published heads. */
  public record JournalCheck(String journal, boolean chainOk, long entriesChecked, Long firstBrokenEntryId,
      String problem, int headsChecked, List<HeadCheck> mismatchedHeads) {}

  /** The check of every journal and every published head. */
  public record Verification(boolean ok, List<JournalCheck> journals, Instant checkedAt) {}

  /**
   * Publishes today's head of each journal not yet published today (daily at 00:20 Beijing,
   * {@code carbon-inclusion.journal-heads.publication-cron}); returns what it published.
   */
  @Scheduled(cron = "${carbon-inclusion.journal-heads.publication-cron:0 20 0 * * *}", zone = "Asia/Shanghai")
  @Transactional
  public List<PublishedHead> publishDaily() {
    Instant at = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    LocalDate day = LocalDate.ofInstant(at, BEIJING);
    List<PublishedHead> published = new ArrayList<>();
    for (PublishedJournal journal : journals) {
      Integer already = jdbc.queryForObject(
          "select count(*) from published_journal_head where journal = ? and head_date = ?", Integer.class,
          journal.name(), Date.valueOf(day));
      if (already != null && already > 0) {
        continue;
      }
      PublishedJournal.Head head = journal.head();
      jdbc.update("""
          insert into published_journal_head (journal, head_date, entry_count, head_hash, published_at)
          values (?, ?, ?, ?, ?)""", journal.name(), Date.valueOf(day), head.entryCount(), head.hash(),
          Timestamp.from(at));
      published.add(jdbc.queryForObject("select * from published_journal_head where journal = ? and head_date = ?",
          (rs, n) -> row(rs), journal.name(), Date.valueOf(day)));
    }
    if (!published.isEmpty()) {
      StringBuilder body = new StringBuilder();
      for (PublishedHead head : published) {
        body.append(head.journalLabel()).append("（").append(head.journal()).append("）：").append(head.entryCount())
            .append(" 条，日志头哈希（SM3）").append(head.headHash()).append("\n");
      }
      body.append("校验方法见 /portal/journal-heads。");
      events.publish(SUBJECT_TYPE, Long.parseLong(day.format(DateTimeFormatter.BASIC_ISO_DATE)),
          PublicEvent.Kind.JOURNAL_HEADS, day + " 哈希链日志头公布", body.toString());
      log.info("journal heads of {} published: {}", day, published.stream().map(PublishedHead::journal).toList());
    }
    return published;
  }

  /** How many heads were published. */
  @Transactional(readOnly = true)
  public long count() {
    return jdbc.queryForObject("select count(*) from published_journal_head", Long.class);
  }

  /** The published heads, newest day first (within a day by journal), one page. */
  @Transactional(readOnly = true)
  public List<PublishedHead> page(long offset, int limit) {
    return jdbc.query("""
        select * from published_journal_head order by head_date desc, journal, id desc
        offset ? rows fetch next ? rows only""", (rs, n) -> row(rs), offset, limit);
  }

  /**
   * Recomputes each journal from its rows, with the details that are not public, and holds every head ever
   * published against it: a published head matches when the chain recomputed up to its entry count ends in its hash.
   * A journal rewritten, shortened or re-chained after a head was published is found here, even when the rewritten
   * chain is consistent in itself.
   */
  @Transactional(readOnly = true)
  public Verification verify() {
    List<JournalCheck> checks = new ArrayList<>();
    boolean ok = true;
    for (PublishedJournal journal : journals) {
      Map<Long, List<PublishedHead>> byCount = new LinkedHashMap<>();
      jdbc.query("select * from published_journal_head where journal = ? order by id", (rs, n) -> row(rs),
          journal.name()).forEach(head -> byCount.computeIfAbsent(head.entryCount(), c -> new ArrayList<>()).add(head));
      PublishedJournal.Recomputed recomputed = journal.recompute(byCount.keySet());
      List<HeadCheck> mismatched = new ArrayList<>();
      int heads = 0;
      for (Map.Entry<Long, List<PublishedHead>> entry : byCount.entrySet()) {
        String hash = recomputed.hashesAt().get(entry.getKey());
        for (PublishedHead head : entry.getValue()) {
          heads++;
          if (!head.headHash().equals(hash)) {
            mismatched.add(new HeadCheck(head.id(), head.date(), head.entryCount(), head.headHash(), hash, false));
          }
        }
      }
      ok &= recomputed.ok() && mismatched.isEmpty();
      checks.add(new JournalCheck(journal.name(), recomputed.ok(), recomputed.entriesChecked(),
          recomputed.firstBrokenEntryId(), recomputed.problem(), heads, mismatched));
    }
    return new Verification(ok, checks, Instant.now(clock));
  }

  private PublishedHead row(java.sql.ResultSet rs) throws java.sql.SQLException {
    String journal = rs.getString("journal");
    String label = journals.stream().filter(j -> j.name().equals(journal)).map(PublishedJournal::label).findFirst()
        .orElse(journal);
    return new PublishedHead(rs.getLong("id"), journal, label, rs.getObject("head_date", LocalDate.class),
        rs.getLong("entry_count"), rs.getString("head_hash"),
        rs.getObject("published_at", OffsetDateTime.class).toInstant());
  }
}
