package cn.beijing.carboninclusion.portal;

import cn.beijing.carboninclusion.disclosure.PublishedItem;
import cn.beijing.carboninclusion.methodology.MethodologyLifecycle;
import cn.beijing.carboninclusion.portal.PortalFormats.Format;
import cn.beijing.carboninclusion.portal.PortalView.Field;
import cn.beijing.carboninclusion.portal.PortalView.Filter;
import cn.beijing.carboninclusion.portal.PortalView.Option;
import cn.beijing.carboninclusion.project.ProjectLifecycle;
import cn.beijing.carboninclusion.reduction.ReductionLifecycle;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * 信息公开平台: the public disclosure portal, in Chinese, without login, rendered on the server. Every list takes its
 * filters and {@code page} as query parameters ({@link Paged.Request}) and answers {@code ?format=json} and
 * {@code ?format=csv} with the same records; every record has a stable URL by its database id. The portal's controllers
 * (one per kind of record) read only the public services the JSON API reads (the public projects, methodologies,
 * reductions and audit reports, the registry's public queries and the disclosure feed), so it shows nothing the public
 * API does not.
 *
 * <p>This is what they share: the two layouts they answer with, a list (HTML with filters and page links, or the page
 * as JSON or CSV) and a record (HTML, or the record as JSON); and the disclosure feed's columns, which many pages show.
 */
@Component
class PortalPages {
  static final List<Column<PublishedItem>> FEED_COLUMNS = List.of(
      Column.of("id", null, PublishedItem::id),
      Column.of("publishedAt", "公开时间", PublishedItem::publishedAt),
      Column.of("kind", null, PublishedItem::kind),
      Column.of("kindLabel", "类别", i -> PortalText.kind(i.kind())),
      Column.linked("title", "标题", PublishedItem::title, PortalPages::subjectUrl),
      Column.of("body", "内容", PublishedItem::body),
      Column.of("subjectType", null, PublishedItem::subjectType),
      Column.of("subjectId", null, PublishedItem::subjectId));

  private final PortalFormats formats;

  PortalPages(PortalFormats formats) {
    this.formats = formats;
  }

  /** The stable URL of what a disclosure is about, when the portal has a page for it. */
  static String subjectUrl(PublishedItem item) {
    if (item.subjectId() == null) {
      return null;
    }
    return switch (item.subjectType()) {
      case ProjectLifecycle.CASE_TYPE -> "/portal/projects/" + item.subjectId();
      case MethodologyLifecycle.CASE_TYPE -> "/portal/methodologies/" + item.subjectId();
      case ReductionLifecycle.CASE_TYPE -> "/portal/reductions/" + item.subjectId();
      case "JOURNAL_HEADS" -> "/portal/journal-heads"; // disclosure.JournalHeadPublication: the day's heads
      default -> null;
    };
  }

  /** Disclosures as a table of the feed's columns. */
  static PortalView.Table feed(List<PublishedItem> items) {
    return PortalView.table(FEED_COLUMNS, items);
  }

  /** Answers a list as HTML, or writes it as JSON or CSV and returns null (the response is complete). */
  <T> ModelAndView list(String format, HttpServletResponse response, String title, String nav, String path,
      String intro, Map<String, String> query, List<Filter> filters, List<Column<T>> columns, Paged<T> page)
      throws IOException {
    switch (Format.of(format)) {
      case JSON -> {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("filters", query);
        body.put("page", page.page());
        body.put("size", page.size());
        body.put("totalItems", page.totalItems());
        body.put("totalPages", page.totalPages());
        body.put("items", page.items());
        formats.writeJson(response, body);
        return null;
      }
      case CSV -> {
        formats.writeCsv(response, nav, columns, page.items());
        return null;
      }
      default -> {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("nav", nav);
        model.put("title", title);
        model.put("intro", intro);
        model.put("path", path);
        model.put("filters", filters.stream().map(f -> f.options() == null ? f : new Filter(f.name(), f.label(),
            f.options().stream().map(o -> new Option(o.value(), o.label(), o.value().equals(f.value()))).toList(),
            f.value())).toList());
        model.put("table", PortalView.table(columns, page.items()));
        model.put("page", page);
        model.put("links", PortalView.links(path, query, page));
        return new ModelAndView("portal/list", model);
      }
    }
  }

  /** A record's page: its fields, its documents (long texts) and what was published about it. */
  static ModelAndView record(String nav, String title, List<Field> fields, List<Field> documents,
      PortalView.Table published) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("nav", nav);
    model.put("title", title);
    model.put("fields", fields);
    model.put("documents", documents);
    model.put("published", published);
    return new ModelAndView("portal/record", model);
  }

  /** Writes a record as JSON when asked and answers true (the response is complete); false for its page. */
  boolean json(String format, HttpServletResponse response, Object record) throws IOException {
    Format f = Format.of(format);
    if (f == Format.CSV) {
      throw new PortalFormats.UnknownFormat(format); // a record has no CSV of its own: its list's CSV has its row
    }
    if (f == Format.JSON) {
      formats.writeJson(response, record);
      return true;
    }
    return false;
  }
}
