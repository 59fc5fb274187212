package cn.beijing.carboninclusion.portal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The machine-readable formats of every portal list: {@code ?format=json} (the page with its records) and
 * {@code ?format=csv} (UTF-8 with a byte order mark so that Excel reads the Chinese, RFC 4180 quoting, one header row
 * of the JSON field names).
 */
@Component
class PortalFormats {
  static final String CSV_TYPE = "text/csv;charset=UTF-8";
  private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

  private final ObjectMapper json;

  PortalFormats(ObjectMapper json) {
    this.json = json;
  }

  enum Format { HTML, JSON, CSV;
    static Format of(String value) {
      if (value == null || value.isBlank() || value.equalsIgnoreCase("html")) {
        return HTML;
      }
      return switch (value.toLowerCase(java.util.Locale.ROOT)) {
        case "json" -> JSON;
        case "csv" -> CSV;
        default -> throw new UnknownFormat(value);
      };
    }
  }

  /** A {@code format} the portal does not answer (400). */
  static final class UnknownFormat extends RuntimeException {
    UnknownFormat(String format) {
      super("unknown format " + format);
    }
  }

  void writeJson(HttpServletResponse response, Object body) throws IOException {
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    json.writeValue(response.getOutputStream(), body);
  }

  <T> void writeCsv(HttpServletResponse response, String fileName, List<Column<T>> columns, List<T> rows)
      throws IOException {
    response.setContentType(CSV_TYPE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + ".csv\"");
    Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    writer.write('\uFEFF');
    try (CSVPrinter printer = new CSVPrinter(writer, CSV)) {
      printer.printRecord(columns.stream().map(Column::key).toList());
      for (T row : rows) {
        printer.printRecord(columns.stream().map(c -> PortalText.csv(c.value().apply(row))).toList());
      }
    }
  }
}
