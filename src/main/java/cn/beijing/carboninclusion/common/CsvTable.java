package cn.beijing.carboninclusion.common;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A streamed CSV upload with a header that names its columns (any order, case-insensitive; unknown columns ignored):
 * the frame every list import shares (external registrations, ETS covered entities). It reads the header, maps the
 * known columns and refuses a header that repeats or lacks one; then it hands each well-formed line to the importer
 * and reports each malformed one (too long, not UTF-8, a field count other than the header's) as a problem of the
 * {@code row}. Blank lines are skipped; the header is line 1; memory stays one line ({@link CsvLines}).
 */
public final class CsvTable {
  /** What is wrong with one field of one line ({@code column}: a column, or {@code row} / {@code file}). */
  public record Problem(long line, String column, String message) {}

  /** Receives the problems of the header and of malformed lines. */
  public interface Problems {
    void reject(Problem problem);
  }

  /** A further check of the mapped header ({@code columnAt[i]}: the field index of known column i, or -1). */
  public interface HeaderCheck {
    boolean holds(int[] columnAt);
  }

  /** Receives each well-formed line: its number and its fields, as the header maps them. */
  public interface LineHandler {
    void line(long line, List<String> fields, int[] columnAt);
  }

  /** Turns a well-formed line into a row, or reports its problems and answers null. */
  public interface RowReader<R> {
    R row(long line, List<String> fields, int[] columnAt);
  }

  private final List<String> columns;
  private final List<String> required;
  private final int maxLineChars;

  /**
   * @param columns the known columns, lower case
   * @param required those the header must name (the others are optional)
   */
  public CsvTable(List<String> columns, List<String> required, int maxLineChars) {
    this.columns = List.copyOf(columns);
    this.required = List.copyOf(required);
    this.maxLineChars = maxLineChars;
  }

  /** Reads the whole file into rows, each accepted one handed on in file order; returns how many were accepted. */
  public <R> long readRows(Reader reader, Problems problems, HeaderCheck check, RowReader<R> rows,
      Consumer<R> accept) throws IOException {
    long[] accepted = {0};
    read(reader, problems, check, (line, fields, columnAt) -> {
      R row = rows.row(line, fields, columnAt);
      if (row != null) {
        accept.accept(row);
        accepted[0]++;
      }
    });
    return accepted[0];
  }

  /** Reads the whole file; false when the file is empty or its header is refused (then no line is read). */
  public boolean read(Reader reader, Problems problems, HeaderCheck check, LineHandler handler) throws IOException {
    CsvLines lines = new CsvLines(reader, maxLineChars);
    if (!lines.next()) {
      problems.reject(new Problem(1, "file", "文件为空，须有表头行 (empty file: a header line is required)"));
      return false;
    }
    List<String> names = new ArrayList<>();
    boolean[] repeated = {false};
    int[] columnAt = header(lines, names, problems, repeated);
    if (columnAt == null) {
      return false;
    }
    boolean complete = complete(columnAt, problems) && !repeated[0];
    if (!check.holds(columnAt) || !complete) { // every problem of the header is reported at once
      return false;
    }
    List<String> fields = new ArrayList<>();
    while (lines.next()) {
      long line = lines.number();
      if (lines.isBlank()) {
        continue;
      }
      String problem = lines.tooLong() ? "行过长 (line longer than " + maxLineChars + " characters)"
          : lines.malformed() ? "含有无效的 UTF-8 字节 (not valid UTF-8)" : lines.split(fields);
      if (problem == null && fields.size() != names.size()) {
        problem = "字段数应为 " + names.size() + "，实际为 " + fields.size() + " (expected " + names.size()
            + " fields, found " + fields.size() + ")";
      }
      if (problem != null) {
        problems.reject(new Problem(line, "row", problem));
        continue;
      }
      handler.line(line, fields, columnAt);
    }
    return true;
  }

  private int[] header(CsvLines lines, List<String> names, Problems problems, boolean[] repeated) {
    String problem = lines.tooLong() ? "表头过长 (header line too long)"
        : lines.malformed() ? "含有无效的 UTF-8 字节 (not valid UTF-8)" : lines.split(names);
    if (problem != null) {
      problems.reject(new Problem(1, "row", problem));
      return null;
    }
    int[] columnAt = new int[columns.size()];
    Arrays.fill(columnAt, -1);
    for (int i = 0; i < names.size(); i++) {
      int column = columns.indexOf(names.get(i).toLowerCase(Locale.ROOT));
      if (column >= 0) {
        if (columnAt[column] >= 0) {
          problems.reject(new Problem(1, columns.get(column), "表头中该列重复 (column appears twice in the header)"));
          repeated[0] = true;
        }
        columnAt[column] = i;
      }
    }
    return columnAt;
  }

  /** Whether every required column is named; reports each that is missing. */
  private boolean complete(int[] columnAt, Problems problems) {
    boolean ok = true;
    List<String> optional = columns.stream().filter(c -> !required.contains(c)).toList();
    for (String column : required) {
      if (columnAt[columns.indexOf(column)] < 0) {
        problems.reject(new Problem(1, column, "表头缺少该列 (column missing from the header; required: "
            + String.join(",", required) + (optional.isEmpty() ? "" : "; optional: " + String.join(",", optional))
            + ")"));
        ok = false;
      }
    }
    return ok;
  }
}
