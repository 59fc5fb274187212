package cn.beijing.carboninclusion.methodology;

/** A methodology's reduction formula cannot be read or computed; the message says why, in Chinese. */
public class FormulaException extends RuntimeException {
  public FormulaException(String message, Throwable cause) {
    super(message, cause);
  }

  public FormulaException(String message) {
    super(message);
  }
}
