package cn.beijing.carboninclusion.portal;

import cn.beijing.carboninclusion.disclosure.JournalHeadPublication;
import cn.beijing.carboninclusion.disclosure.JournalHeadPublication.PublishedHead;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** 日志头公布: the daily published heads of the registry journal and the decisions journal, newest first. */
@Controller
class PortalJournalHeadsController {
  static final List<Column<PublishedHead>> COLUMNS = List.of(
      Column.of("id", null, PublishedHead::id),
      Column.of("date", "日期", PublishedHead::date),
      Column.of("journal", null, PublishedHead::journal),
      Column.of("journalLabel", "日志", PublishedHead::journalLabel),
      Column.of("entryCount", "条目数", PublishedHead::entryCount),
      Column.of("headHash", "日志头哈希（SM3）", PublishedHead::headHash),
      Column.of("publishedAt", "公布时间", PublishedHead::publishedAt));

  private final JournalHeadPublication publication;
  private final PortalPages pages;

  PortalJournalHeadsController(JournalHeadPublication publication, PortalPages pages) {
    this.publication = publication;
    this.pages = pages;
  }

  @GetMapping("/portal/journal-heads")
  ModelAndView heads(@RequestParam(defaultValue = "1") int page, @RequestParam(required = false) Integer size,
      @RequestParam(required = false) String format, HttpServletResponse response) throws IOException {
    Pageable request = Paged.Request.of(page, size).pageable();
    Paged<PublishedHead> found = Paged.of(new PageImpl<>(publication.page(request.getOffset(),
        request.getPageSize()), request, publication.count()));
    return pages.list(format, response, "日志头公布", "journal-heads", "/portal/journal-heads",
        "登记簿日志和决定日志是两条 SM3 哈希链，每日公布一次各自的日志头：条目数和末条目的哈希。请自行保存这些数值："
            + "任何人可从 /api/public/registry/journal 和 /api/public/decisions/journal 重算哈希链，"
            + "链在第「条目数」条处的哈希应等于当日公布的日志头哈希；不等即说明其后日志被改写。",
        Map.of(), List.of(), COLUMNS, found);
  }
}
