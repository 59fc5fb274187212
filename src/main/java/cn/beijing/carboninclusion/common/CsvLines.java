package cn.beijing.carboninclusion.common;

import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * The lines of a CSV upload, one at a time, in fixed buffers (a line longer than the limit is marked and its excess
 * skipped), so memory does not grow with the file: the reader under every streamed CSV upload (activity records,
 * external registrations, ETS covered entities). Lines are numbered from 1; a UTF-8 byte-order mark on line 1 is
 * dropped; a replacement character marks bytes that were not valid UTF-8. {@link #split} splits a line into trimmed
 * fields (RFC 4180 quoting within one line).
 */
public final class CsvLines {
  private final Reader reader;
  private final char[] buffer = new char[1 << 16];
  private int position;
  private int limit;
  private final char[] line;
  private int length;
  private boolean tooLong;
  private boolean malformed;
  private long number;

  public CsvLines(Reader reader, int maxLineChars) {
    this.reader = reader;
    this.line = new char[maxLineChars];
  }

  /** Advances to the next line; false at the end of the file. */
  public boolean next() throws IOException {
    length = 0;
    tooLong = false;
    malformed = false;
    boolean any = false;
    while (true) {
      if (position == limit) {
        limit = reader.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          if (any) {
            number++;
            stripBom();
          }
          return any;
        }
      }
      char c = buffer[position++];
      any = true;
      if (c == '\n') {
        if (length > 0 && line[length - 1] == '\r' && !tooLong) {
          length--;
        }
        number++;
        stripBom();
        return true;
      }
      if (c == '\uFFFD') {
        malformed = true;
      }
      if (length < line.length) {
        line[length++] = c;
      } else {
        tooLong = true;
      }
    }
  }

  private void stripBom() {
    if (number == 1 && length > 0 && line[0] == '\uFEFF') {
      System.arraycopy(line, 1, line, 0, --length);
    }
  }

  public long number() { return number; }

  public boolean tooLong() { return tooLong; }

  public boolean malformed() { return malformed; }

  public boolean isBlank() {
    for (int i = 0; i < length; i++) {
      if (!Character.isWhitespace(line[i])) {
        return false;
      }
    }
    return !tooLong;
  }

  /** Splits the line into trimmed fields; returns what is wrong with its quoting, or null. */
  public String split(List<String> fields) {
    fields.clear();
    int i = 0;
    while (true) {
      while (i < length && (line[i] == ' ' || line[i] == '\t')) {
        i++;
      }
      if (i < length && line[i] == '"') {
        StringBuilder value = new StringBuilder();
        i++;
        boolean closed = false;
        while (i < length) {
          char c = line[i++];
          if (c == '"') {
            if (i < length && line[i] == '"') {
              value.append('"');
              i++;
            } else {
              closed = true;
              break;
            }
          } else {
            value.append(c);
          }
        }
        if (!closed) {
          return "引号未闭合 (unterminated quoted field; a field may not span lines)";
        }
        while (i < length && (line[i] == ' ' || line[i] == '\t')) {
          i++;
        }
        if (i < length && line[i] != ',') {
          return "引号后应为逗号 (a quoted field must be followed by a comma)";
        }
        fields.add(value.toString().strip());
      } else {
        int start = i;
        while (i < length && line[i] != ',') {
          i++;
        }
        fields.add(new String(line, start, i - start).strip());
      }
      if (i >= length) {
        break;
      }
      i++; // the comma
    }
    return null;
  }
}
