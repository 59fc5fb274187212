package cn.beijing.carboninclusion.portal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/** What the portal's templates read: plain strings prepared here, so the templates hold no logic. */
final class PortalView {
  private PortalView() {}

  record Option(String value, String label, boolean selected) {}

  /** A filter of a list: a select when it has options, else a text field. */
  record Filter(String name, String label, List<Option> options, String value) {
    public boolean isText() {
      return options == null;
    }
  }

  record Cell(String text, String href) {}

  record Table(List<String> headers, List<List<Cell>> rows) {}

  /** Page navigation and the machine-readable formats of the same query. */
  record Links(String previous, String next, String json, String csv) {}

  record Field(String label, String value, String href) {
    static Field of(String label, Object value) {
      return new Field(label, PortalText.html(value), null);
    }
  }

  /** A select filter; an enum's value is its name. */
  static Filter select(String name, String label, Object value, List<Option> options) {
    return new Filter(name, label, options, value == null ? "" : value instanceof Enum<?> e ? e.name()
        : value.toString());
  }

  static Filter text(String name, String label, String value) {
    return new Filter(name, label, null, value == null ? "" : value);
  }

  /** A list's query from name, value pairs (an enum's value is its name), in order, for its links and its JSON. */
  static Map<String, String> query(Object... pairs) {
    Map<String, String> query = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      Object value = pairs[i + 1];
      query.put((String) pairs[i], value == null ? null : value instanceof Enum<?> e ? e.name() : value.toString());
    }
    return query;
  }

  /** A record's fields: its list's labelled columns. */
  static <T> List<Field> fields(List<Column<T>> columns, T item) {
    return columns.stream().filter(c -> c.label() != null).map(c -> Field.of(c.label(), c.value().apply(item)))
        .toList();
  }

  static <T> Table table(List<Column<T>> columns, List<T> items) {
    List<Column<T>> shown = columns.stream().filter(c -> c.label() != null).toList();
    return new Table(shown.stream().map(Column::label).toList(), items.stream().map(item -> shown.stream()
        .map(c -> new Cell(PortalText.html(c.value().apply(item)), c.link() == null ? null : c.link().apply(item)))
        .toList()).toList());
  }

  static Links links(String path, Map<String, String> query, Paged<?> page) {
    return new Links(page.page() > 1 ? url(path, query, page.page() - 1, null) : null,
        page.page() < page.totalPages() ? url(path, query, page.page() + 1, null) : null,
        url(path, query, page.page(), "json"), url(path, query, page.page(), "csv"));
  }

  static String url(String path, Map<String, String> query, Integer page, String format) {
    UriComponentsBuilder url = UriComponentsBuilder.fromPath(path);
    query.forEach((k, v) -> {
      if (v != null && !v.isBlank()) {
        url.queryParam(k, v);
      }
    });
    if (page != null && page > 1) {
      url.queryParam("page", page);
    }
    if (format != null) {
      url.queryParam("format", format);
    }
    return url.encode().build().toUriString();
  }
}
