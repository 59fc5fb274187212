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
}
