package cn.beijing.carboninclusion.common;

/** Text as the platform stores and shows it. */
public final class Texts {
  private Texts() {
  }

  /** Text cut to {@code max} characters (an ellipsis marks the cut); {@code null} stays {@code null}. */
  public static String abridged(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max - 1) + "…";
  }

  /**
   * A text a spreadsheet shows as text: a cell beginning with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a
   * return (a formula to Excel and WPS) gets a leading quote; {@code null} is empty.
   */
  public static String spreadsheetSafe(String text) {
    if (text == null) {
      return "";
    }
    return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
  }
}
