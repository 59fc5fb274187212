package cn.beijing.carboninclusion.portal;

import static cn.beijing.carboninclusion.portal.PortalView.query;
import static cn.beijing.carboninclusion.portal.PortalView.select;

import cn.beijing.carboninclusion.disclosure.DisclosureFeed;
import cn.beijing.carboninclusion.disclosure.PublishedItem;
import cn.beijing.carboninclusion.portal.PortalView.Filter;
import cn.beijing.carboninclusion.portal.PortalView.Option;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The disclosure feed on the portal: all its items, newest first, and the bars (禁入名单) alone. */
@Controller
class PortalDisclosureController {
  /** Kinds of the disclosure feed that record bars (禁入) of developers and service agencies, and their lifting. */
  static final List<String> BAR_KINDS = List.of("DEVELOPER_BARRED", "AGENCY_BARRED", "BAR_LIFTED");

  private final DisclosureFeed feed;
  private final PortalPages pages;

  PortalDisclosureController(DisclosureFeed feed, PortalPages pages) {
    this.feed = feed;
    this.pages = pages;
  }

  @GetMapping("/portal/disclosures")
  ModelAndView disclosures(@RequestParam(required = false) String kind, @RequestParam(defaultValue = "1") int page,
      @RequestParam(required = false) Integer size, @RequestParam(required = false) String format,
      HttpServletResponse response) throws IOException {
    Pageable request = Paged.Request.of(page, size).pageable();
    Paged<PublishedItem> found = Paged.of((kind == null || kind.isBlank() ? feed.latest(request)
        : feed.latest(Set.of(kind), request)).map(PublishedItem::of));
    List<Filter> filters = List.of(select("kind", "类别", kind, PortalText.KINDS.entrySet().stream()
        .sorted(Map.Entry.comparingByKey()).map(e -> new Option(e.getKey(), e.getValue(), false)).toList()));
    return pages.list(format, response, "公开信息", "disclosures", "/portal/disclosures",
        "平台公开的全部信息，最新在前：公示、登记、异议处理结果、暂停与恢复、注销、方法学、减排量、审计结论。",
        query("kind", kind), filters, PortalPages.FEED_COLUMNS, found);
  }

  @GetMapping("/portal/bars")
  ModelAndView bars(@RequestParam(required = false) String kind, @RequestParam(defaultValue = "1") int page,
      @RequestParam(required = false) Integer size, @RequestParam(required = false) String format,
      HttpServletResponse response) throws IOException {
    List<String> kinds = kind != null && BAR_KINDS.contains(kind) ? List.of(kind) : BAR_KINDS;
    Paged<PublishedItem> found = Paged.of(feed.latest(kinds, Paged.Request.of(page, size).pageable())
        .map(PublishedItem::of));
    List<Filter> filters = List.of(select("kind", "类别", kind, BAR_KINDS.stream()
        .map(k -> new Option(k, PortalText.kind(k), false)).toList()));
    return pages.list(format, response, "禁入名单", "bars", "/portal/bars",
        "因弄虚作假等被禁止参与碳普惠的项目开发方和服务机构（含禁入期限），以及禁入的解除。", query("kind", kind),
        filters, PortalPages.FEED_COLUMNS, found);
  }
}
