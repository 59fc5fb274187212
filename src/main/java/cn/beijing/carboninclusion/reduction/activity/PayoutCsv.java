package cn.beijing.carboninclusion.reduction.activity;

import cn.beijing.carboninclusion.common.CsvLines;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a payout ledger line by line, holding one line: UTF-8, comma-separated, a header naming
 * {@code participant_id, amount_yuan, date, channel} in any order (extra columns ignored), one payout per line
 * (a field may be quoted as in RFC 4180, within its line). Blank lines are skipped; lines are numbered as in an editor (the header is line 1). docs/participants.md.
 */
final class PayoutCsv {
  static final String PARTICIPANT_ID = "participant_id";
  static final String AMOUNT = "amount_yuan";
  static final String DATE = "date";
  static final String CHANNEL = "channel";
  static final List<String> COLUMNS = List.of(PARTICIPANT_ID, AMOUNT, DATE, CHANNEL);
  static final int MAX_LINE_CHARS = 4096;
  static final int MAX_CHANNEL_CHARS = 50;
  static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000");

  /** One valid line. */
  record Payout(long line, String participantId, BigDecimal amountYuan, LocalDate date, String channel) {}

  interface Sink {
    void accept(Payout payout);

    void reject(RowError error);
  }

  private final LocalDate latest;

  /** @param latest the latest date a payout may bear (today) */
  PayoutCsv(LocalDate latest) {
    this.latest = latest;
  }

  /**
   * Reads the whole file; returns the number of valid lines. Lines are read by {@link CsvLines} in fixed buffers: a
   * line longer than {@value #MAX_LINE_CHARS} characters is refused, never held.
   */
  long read(Reader reader, Sink sink) throws IOException {
    CsvLines lines = new CsvLines(reader, MAX_LINE_CHARS);
    List<String> names = new ArrayList<>();
    if (!lines.next()) {
      sink.reject(new RowError(1, "file", "文件为空 (empty file: a header line is required)"));
      return 0;
    }
    String problem = lines.tooLong() ? "表头过长 (header line too long)"
        : lines.malformed() ? "含有无效的 UTF-8 字节 (not valid UTF-8)" : lines.split(names);
    if (problem != null) {
      sink.reject(new RowError(1, "header", problem));
      return 0;
    }
    names.replaceAll(n -> n.toLowerCase(Locale.ROOT));
    int[] at = new int[COLUMNS.size()];
    for (int c = 0; c < COLUMNS.size(); c++) {
      at[c] = names.indexOf(COLUMNS.get(c));
      if (at[c] < 0) {
        sink.reject(new RowError(1, "header", "表头缺少列 " + COLUMNS.get(c) + " (header lacks column '"
            + COLUMNS.get(c) + "'; required: " + String.join(",", COLUMNS) + ")"));
        return 0;
      }
    }
    long accepted = 0;
    List<String> fields = new ArrayList<>();
    while (lines.next()) {
      long number = lines.number();
      if (lines.isBlank()) {
        continue;
      }
      problem = lines.tooLong() ? "行过长 (line longer than " + MAX_LINE_CHARS + " characters)"
          : lines.malformed() ? "含有无效的 UTF-8 字节 (not valid UTF-8)" : lines.split(fields);
      if (problem == null && fields.size() != names.size()) {
        problem = "字段数应为 " + names.size() + "，实为 " + fields.size() + " (expected " + names.size()
            + " fields, found " + fields.size() + ")";
      }
      if (problem != null) {
        sink.reject(new RowError(number, "row", problem));
        continue;
      }
      Payout payout = parse(number, fields.toArray(String[]::new), at, sink);
      if (payout != null) {
        sink.accept(payout);
        accepted++;
      }
    }
    return accepted;
  }

  private Payout parse(long line, String[] fields, int[] at, Sink sink) {
    boolean ok = true;
    String participant = fields[at[0]].strip();
    if (participant.isEmpty() || participant.length() > 200) {
      sink.reject(new RowError(line, PARTICIPANT_ID, "参与者编号为空或过长 (participant_id missing or longer than 200)"));
      ok = false;
    }
    BigDecimal amount = null;
    String amountText = fields[at[1]].strip();
    try {
      amount = new BigDecimal(amountText);
      if (amount.signum() <= 0) {
        sink.reject(new RowError(line, AMOUNT, "金额须大于零 (amount must be positive: '" + amountText + "')"));
        ok = false;
      } else if (amount.stripTrailingZeros().scale() > 2 || amount.compareTo(MAX_AMOUNT) > 0) {
        sink.reject(new RowError(line, AMOUNT, "金额至多两位小数且不超过 " + MAX_AMOUNT.toPlainString()
            + " 元 (amount: at most 2 decimals and " + MAX_AMOUNT.toPlainString() + " yuan: '" + amountText + "')"));
        ok = false;
      }
    } catch (NumberFormatException e) {
      sink.reject(new RowError(line, AMOUNT, "不是数字 (not a number: '" + shorten(amountText) + "')"));
      ok = false;
    }
    LocalDate date = null;
    String dateText = fields[at[2]].strip();
    try {
      date = LocalDate.parse(dateText);
      if (date.isAfter(latest)) {
        sink.reject(new RowError(line, DATE, "日期晚于今天 (date after today: " + dateText + ")"));
        ok = false;
      }
    } catch (DateTimeParseException e) {
      sink.reject(new RowError(line, DATE, "日期须为 yyyy-MM-dd (date must be ISO yyyy-MM-dd: '" + shorten(dateText)
          + "')"));
      ok = false;
    }
    String channel = fields[at[3]].strip();
    if (channel.isEmpty() || channel.length() > MAX_CHANNEL_CHARS) {
      sink.reject(new RowError(line, CHANNEL, "发放渠道为空或过长 (channel missing or longer than "
          + MAX_CHANNEL_CHARS + ")"));
      ok = false;
    }
    return ok ? new Payout(line, participant, amount.setScale(2), date, channel) : null;
  }

  private static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
