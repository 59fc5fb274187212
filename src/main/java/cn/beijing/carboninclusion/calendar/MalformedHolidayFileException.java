package cn.beijing.carboninclusion.calendar;

/**
 * Thrown when a holiday file cannot be used; the message names the file and, for a bad row,
 * its 1-based line number so that an operator can fix it directly.
 */
public class MalformedHolidayFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Line number used when the problem is not tied to one line (e.g. an unreadable file). */
  public static final int NO_LINE = 0;

  private final String source;
  private final int lineNumber;

  public MalformedHolidayFileException(String source, int lineNumber, String problem) {
    this(source, lineNumber, problem, null);
  }

  public MalformedHolidayFileException(String source, int lineNumber, String problem, Throwable cause) {
    super(describe(source, lineNumber, problem), cause);
    this.source = source;
    this.lineNumber = lineNumber;
  }

  /** Description of the file that was being read (a path or a classpath location). */
  public String getSource() {
    return source;
  }

  /** 1-based line number of the offending row, or {@link #NO_LINE}. */
  public int getLineNumber() {
    return lineNumber;
  }

  private static String describe(String source, int lineNumber, String problem) {
    String where = lineNumber == NO_LINE ? source : source + ", line " + lineNumber;
    return "Malformed holiday file " + where + ": " + problem;
  }
}
