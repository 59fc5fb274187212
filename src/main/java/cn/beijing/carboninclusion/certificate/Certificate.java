package cn.beijing.carboninclusion.certificate;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What one certificate says, before it is set as a PDF: its kind (the document's title), its number, the statement,
 * the fields and the date it is issued on. Everything is in Chinese; serials, numbers and hashes as the registry
 * writes them.
 *
 * @param title the kind of document, e.g. 项目登记证书
 * @param number the certificate number, derived from what it certifies, so that it is the same on every download
 * @param statement what the issuer certifies, one paragraph
 * @param fields the certified facts, in order
 * @param note a closing remark in small print (how to verify), or null
 * @param issuedOn the date the certificate bears (the date of what it certifies)
 */
record Certificate(String title, String number, String statement, List<Field> fields, String note,
    LocalDate issuedOn) {
  /** 北京市碳普惠: the scheme every certificate is issued under. */
  static final String SCHEME = "北京市碳普惠";
  /** The competent authority that issues the certificates. */
  static final String ISSUER = "北京市生态环境局";
  static final DateTimeFormatter CHINESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

  /** One certified fact: a label and its lines. */
  record Field(String label, List<Line> lines) {
    static Field of(String label, String value) {
      return new Field(label, List.of(Line.of(value)));
    }

    /** A field of verbatim lines (serials, numbers, hashes). */
    static Field verbatim(String label, String... lines) {
      return verbatim(label, List.of(lines));
    }

    static Field verbatim(String label, List<String> lines) {
      return new Field(label, lines.stream().map(Line::verbatim).toList());
    }
  }

  /**
   * A line of a field. A {@code verbatim} line (a serial, a number, a hash) is never broken: its type shrinks until
   * it fits, so it reads back, and can be copied, as one string.
   */
  record Line(String text, boolean verbatim) {
    static Line of(String text) {
      return new Line(text == null || text.isBlank() ? "—" : text, false);
    }

    static Line verbatim(String text) {
      return new Line(text == null || text.isBlank() ? "—" : text, true);
    }
  }

  static String chineseDate(LocalDate date) {
    return date == null ? "—" : CHINESE_DATE.format(date);
  }

  /** The attachment's name: the title and the number, e.g. {@code 项目登记证书-BJCI-C-P-2025-0001.pdf}. */
  String filename() {
    return title + "-" + number + ".pdf";
  }

  /** The name for clients that cannot read a UTF-8 file name: {@code certificate-BJCI-C-P-2025-0001.pdf}. */
  String asciiFilename() {
    return "certificate-" + number.replaceAll("[^A-Za-z0-9._-]", "_") + ".pdf";
  }

  /** {@code Content-Disposition} of the PDF: an attachment with an ASCII name and the UTF-8 name (RFC 6266). */
  String contentDisposition() {
    return "attachment; filename=\"" + asciiFilename() + "\"; filename*=UTF-8''" + rfc5987(filename());
  }

  /** RFC 5987 {@code value-chars}: attr-chars as they are, every other byte of the UTF-8 form percent-encoded. */
  static String rfc5987(String value) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      boolean attrChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$&+-.^_`|~".indexOf(c) >= 0;
      if (attrChar) {
        encoded.append(c);
      } else {
        encoded.append('%').append(String.format("%02X", b & 0xFF));
      }
    }
    return encoded.toString();
  }
}
