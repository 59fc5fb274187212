package cn.beijing.carboninclusion.registry;

import cn.beijing.carboninclusion.registry.RegistryViews.JournalEntryView;
import cn.beijing.carboninclusion.registry.RegistryViews.SerialHistory;
import cn.beijing.carboninclusion.registry.RegistryViews.Statistics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 登记簿信息公开: serial search and history, totals, and the journal with its verification, without login. Accounts
 * appear by kind only; no participant, buyer or staff data, no prices.
 */
@RestController
@RequestMapping("/api/public/registry")
@Tag(name = "登记簿信息公开 public registry")
@Validated
class PublicRegistryController {
  private final RegistryQueries queries;
  private final RegistryJournal journal;
  private final JournalHeadSignatures signedHeads;
  private final PublicJournalCheck check;

  PublicRegistryController(RegistryQueries queries, RegistryJournal journal, JournalHeadSignatures signedHeads,
      PublicJournalCheck check) {
    this.check = check;
    this.queries = queries;
    this.journal = journal;
    this.signedHeads = signedHeads;
  }

  @Operation(summary = "每日以 SM2 签名的日志头，最新在前，分页：签名覆盖 signedText，可用公开的平台公钥验证")
  @GetMapping("/journal/signed-heads")
  ResponseEntity<List<JournalHeadSignatures.SignedHead>> signedHeads(@RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    var request = cn.beijing.carboninclusion.common.PublicPage.of(page, size);
    return cn.beijing.carboninclusion.common.PublicPage.answer(signedHeads.page((int) request.getOffset(),
        request.getPageSize()), signedHeads.count());
  }

  @Operation(summary = "序列号查询：一个单位或一段序列号的全部历史")
  @GetMapping("/serials/{serial}")
  SerialHistory serial(@PathVariable String serial) {
    return queries.history(serial);
  }

  @Operation(summary = "登记簿统计 (tCO2e)")
  @GetMapping("/statistics")
  Statistics statistics() {
    return queries.statistics();
  }

  @Operation(summary = "日志条目（可独立重算哈希链）")
  @GetMapping("/journal")
  ResponseEntity<List<JournalEntryView>> journal(@RequestParam(defaultValue = "0") @Min(0) long afterId,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    return cn.beijing.carboninclusion.common.PublicPage.answer(journal.entries(afterId, limit).stream()
        .map(JournalEntryView::of).toList(), journal.size());
  }

  @Operation(summary = "校验日志哈希链（全链重算，结果最多保留 carbon-inclusion.registry.public-verification-max-age，见 checkedAt）")
  @GetMapping("/journal/verify")
  JournalVerification verify() {
    return check.latest();
  }
}
