package cn.beijing.carboninclusion.registry.ets;

import cn.beijing.carboninclusion.common.CsvTable;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.List;

/**
 * Reads a list of covered entities line by line, holding one line of at most {@value #MAX_LINE_CHARS} characters at
 * a time, and checks every field of every line.
 *
 * <p>The file: UTF-8 (an optional byte order mark), comma-separated, a header naming the columns in any order
 * (case-insensitive; other columns are ignored): {@code credit_code, name, compliance_year, verified_emissions}. A
 * field may be quoted ({@code "a,b"}, {@code ""} for a quote) but may not span lines. Blank lines are skipped; the
 * header is line 1. A line listing the same credit code and year as an earlier one is found by the import, which
 * sees every line.
 */
final class CoveredEntityCsv {
  static final String CREDIT_CODE = "credit_code";
  static final String NAME = "name";
  static final String COMPLIANCE_YEAR = "compliance_year";
  static final String VERIFIED_EMISSIONS = "verified_emissions";
  static final List<String> COLUMNS = List.of(CREDIT_CODE, NAME, COMPLIANCE_YEAR, VERIFIED_EMISSIONS);
  static final int MAX_LINE_CHARS = 4096;
  private static final CsvTable TABLE = new CsvTable(COLUMNS, COLUMNS, MAX_LINE_CHARS);
  /** The first compliance year of the Beijing ETS (its pilot started in 2013). */
  static final int FIRST_YEAR = 2013;

  /** One line that holds. */
  record Row(long line, String creditCode, String name, int complianceYear, BigDecimal verifiedEmissions) {}

  /** What is wrong with one field of one line ({@code column}: a column, or {@code row} / {@code file}). */
  record Problem(long line, String column, String message) {}

  /** Receives each line's outcome, in file order. */
  interface Sink {
    void accept(Row row);

    void reject(Problem problem);
  }

  private final int lastYear;

  /** @param lastYear the latest compliance year a line may name (the year after the list's date) */
  CoveredEntityCsv(int lastYear) {
    this.lastYear = lastYear;
  }

  /** Reads the whole file; returns the number of lines that hold. */
  long read(Reader reader, Sink sink) throws IOException {
    return TABLE.readRows(reader, p -> sink.reject(new Problem(p.line(), p.column(), p.message())),
        columnAt -> true, (line, fields, columnAt) -> row(line, fields, columnAt, sink), sink::accept);
  }

  private Row row(long line, List<String> fields, int[] at, Sink sink) {
    boolean ok = true;
    String code = field(fields, at, CREDIT_CODE);
    String creditCode = null;
    if (code.isEmpty()) {
      ok = missing(line, CREDIT_CODE, sink);
    } else {
      String problem = CreditCodes.problem(code);
      if (problem != null) {
        ok = reject(line, CREDIT_CODE, problem, sink);
      } else {
        creditCode = CreditCodes.normalise(code);
      }
    }
    String name = field(fields, at, NAME);
    if (name.isEmpty()) {
      ok = missing(line, NAME, sink);
    } else if (name.codePointCount(0, name.length()) > 300) {
      ok = reject(line, NAME, "超过 300 个字符 (longer than 300 characters)", sink);
    } else if (name.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0xFFFE || c == 0xFFFF)) {
      ok = reject(line, NAME, "含有控制字符 (control characters)", sink);
    }
    Integer year = null;
    String yearText = field(fields, at, COMPLIANCE_YEAR);
    if (yearText.isEmpty()) {
      ok = missing(line, COMPLIANCE_YEAR, sink);
    } else if (!yearText.matches("[0-9]{4}")) {
      ok = reject(line, COMPLIANCE_YEAR, "不是四位年份 (not a four-digit year: '" + abbreviate(yearText) + "')", sink);
    } else {
      year = Integer.valueOf(yearText);
      if (year < FIRST_YEAR || year > lastYear) {
        ok = reject(line, COMPLIANCE_YEAR, "履约年度应在 " + FIRST_YEAR + " 至 " + lastYear + " 之间 (out of range: "
            + FIRST_YEAR + " to the year after the list's date)", sink);
      }
    }
    BigDecimal emissions = null;
    String amount = field(fields, at, VERIFIED_EMISSIONS);
    if (amount.isEmpty()) {
      ok = missing(line, VERIFIED_EMISSIONS, sink);
    } else {
      try {
        emissions = new BigDecimal(amount);
        if (emissions.signum() <= 0) {
          ok = reject(line, VERIFIED_EMISSIONS, "经核查排放量须大于 0 (must be positive, tCO2e)", sink);
        } else if (emissions.scale() > 4 || emissions.precision() - emissions.scale() > 14) {
          ok = reject(line, VERIFIED_EMISSIONS, "至多 14 位整数、4 位小数 (at most 14 integer and 4 decimal digits)",
              sink);
        }
      } catch (NumberFormatException e) {
        ok = reject(line, VERIFIED_EMISSIONS, "不是数字 (not a number: '" + abbreviate(amount) + "')", sink);
      }
    }
    return ok ? new Row(line, creditCode, name, year, emissions) : null;
  }

  private static String field(List<String> fields, int[] at, String column) {
    return fields.get(at[COLUMNS.indexOf(column)]);
  }

  private static boolean missing(long line, String column, Sink sink) {
    return reject(line, column, "必填 (required)", sink);
  }

  private static boolean reject(long line, String column, String message, Sink sink) {
    sink.reject(new Problem(line, column, message));
    return false;
  }

  static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }
}
