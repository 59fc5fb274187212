package cn.beijing.carboninclusion.decision;

import cn.beijing.carboninclusion.common.PublicPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The decisions journal's HTTP API: public entries and check, and the authorities' check with the decisions. */
final class DecisionJournalControllers {
  private DecisionJournalControllers() {}

  /**
   * 决定日志信息公开, without login: the entries in order (public fields, the private digest, the hashes) and the
   * chain's verification from them. Never who decided, never the reasons.
   */
  @RestController
  @RequestMapping("/api/public/decisions")
  @Tag(name = "决定日志信息公开 public decisions journal")
  @Validated
  static class Public {
    private final DecisionJournal journal;
    private final Duration maxAge;
    private final Clock clock;
    private volatile DecisionJournalVerification latest;

    Public(DecisionJournal journal,
        @Value("${carbon-inclusion.decisions.public-verification-max-age:PT5M}") Duration maxAge, Clock clock) {
      this.journal = journal;
      this.maxAge = maxAge;
      this.clock = clock;
    }

    @Operation(summary = "决定日志条目（公开字段与非公开明细的摘要，可独立重算哈希链）")
    @GetMapping("/journal")
    ResponseEntity<List<DecisionJournal.Entry>> journal(@RequestParam(defaultValue = "0") @Min(0) long afterId,
        @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
      return PublicPage.answer(journal.entries(afterId, limit), journal.size());
    }

    @Operation(summary = "校验决定日志哈希链（由公开字段全链重算；结果最多保留 "
        + "carbon-inclusion.decisions.public-verification-max-age，见 checkedAt）")
    @GetMapping("/journal/verify")
    DecisionJournalVerification verify() {
      DecisionJournalVerification known = latest;
      if (known != null && !maxAge.isZero() && known.checkedAt().plus(maxAge).isAfter(Instant.now(clock))) {
        return known;
      }
      synchronized (this) {
        known = latest;
        if (known == null || maxAge.isZero() || !known.checkedAt().plus(maxAge).isAfter(Instant.now(clock))) {
          known = journal.verify(false);
          latest = known;
        }
        return known;
      }
    }
  }

  /** The authorities' verification: the chain, and each entry against its recorded decision. */
  @RestController
  @RequestMapping("/api/decisions")
  @Tag(name = "决定日志 decisions journal")
  static class Internal {
    private final DecisionJournal journal;

    Internal(DecisionJournal journal) {
      this.journal = journal;
    }

    @Operation(summary = "校验决定日志哈希链及每条与决定记录（决定人、理由）的一致性 (bureau, techcenter)")
    @GetMapping("/journal/verify")
    @PreAuthorize("hasAnyAuthority('GROUP_bureau', 'GROUP_techcenter')")
    DecisionJournalVerification verify() {
      return journal.verify(true);
    }
  }
}
