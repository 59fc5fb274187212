package cn.beijing.carboninclusion.portal;

import cn.beijing.carboninclusion.portal.PortalFormats.Format;
import cn.beijing.carboninclusion.portal.PortalView.Field;
import cn.beijing.carboninclusion.registry.JournalVerification;
import cn.beijing.carboninclusion.registry.PublicJournalCheck;
import cn.beijing.carboninclusion.registry.RegistryQueries;
import cn.beijing.carboninclusion.registry.RegistryViews.Statistics;
import cn.beijing.carboninclusion.registry.RetirementPurpose;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The registry on the portal: its statistics and the check of its journal's hash chain (a page, JSON or CSV). */
@Controller
class PortalRegistryController {
  private final RegistryQueries registry;
  private final PublicJournalCheck journal;
  private final PortalFormats formats;

  PortalRegistryController(RegistryQueries registry, PublicJournalCheck journal, PortalFormats formats) {
    this.registry = registry;
    this.journal = journal;
    this.formats = formats;
  }

  /** One figure of the registry's CSV. */
  record Metric(String item, Object value) {}

  @GetMapping("/portal/registry")
  ModelAndView registry(@RequestParam(required = false) String format, HttpServletResponse response)
      throws IOException {
    Statistics s = registry.statistics();
    JournalVerification v = journal.latest();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("statistics", s);
    body.put("journalVerification", v);
    List<Field> statistics = new ArrayList<>(List.of(Field.of("已签发", s.issued()),
        Field.of("划转至交易所", s.transferredToExchange()), Field.of("交易所已接收", s.receivedByExchange()),
        Field.of("已交易", s.traded()), Field.of("已消纳", s.retired())));
    for (Map.Entry<RetirementPurpose, Long> e : s.retiredByPurpose().entrySet()) {
      statistics.add(Field.of("　其中：" + e.getKey().name(), e.getValue()));
    }
    statistics.add(Field.of("已作废", s.cancelled()));
    statistics.add(Field.of("存量（签发 − 消纳 − 作废）", s.outstanding()));
    Format f = Format.of(format);
    if (f == Format.JSON) {
      formats.writeJson(response, body);
      return null;
    }
    if (f == Format.CSV) {
      List<Metric> rows = new ArrayList<>(List.of(new Metric("issued", s.issued()),
          new Metric("transferredToExchange", s.transferredToExchange()),
          new Metric("receivedByExchange", s.receivedByExchange()), new Metric("traded", s.traded()),
          new Metric("retired", s.retired())));
      s.retiredByPurpose().forEach((purpose, quantity) -> rows.add(new Metric("retired." + purpose.name(), quantity)));
      rows.addAll(List.of(new Metric("cancelled", s.cancelled()), new Metric("outstanding", s.outstanding()),
          new Metric("unit", s.unit()), new Metric("journalEntries", s.journalEntries()),
          new Metric("journalHeadHash", s.journalHeadHash()), new Metric("journalVerified", v.ok()),
          new Metric("journalEntriesChecked", v.entriesChecked()), new Metric("journalCheckedAt", v.checkedAt())));
      formats.writeCsv(response, "registry", List.of(Column.of("item", null, Metric::item),
          Column.of("value", null, Metric::value)), rows);
      return null;
    }
    List<Field> verification = List.of(Field.of("结果", v.ok() ? "通过：日志完整，哈希链未被篡改" : "未通过"),
        Field.of("已校验条目", v.entriesChecked()), Field.of("首个异常条目", v.firstBrokenEntryId()),
        Field.of("问题", v.problem()), Field.of("最新条目", v.headEntryId()), Field.of("最新哈希", v.headHash()),
        Field.of("校验时间", v.checkedAt()));
    return new ModelAndView("portal/registry", Map.of("nav", "registry", "title", "登记簿", "unit", s.unit(),
        "statistics", statistics, "verification", verification, "verified", v.ok()));
  }
}
