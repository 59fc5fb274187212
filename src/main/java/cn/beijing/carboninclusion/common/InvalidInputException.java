package cn.beijing.carboninclusion.common;

import java.util.Map;

/** Input that passed Bean Validation but breaks a business rule; names the offending field(s). */
public class InvalidInputException extends RuntimeException {
  private final Map<String, String> fieldErrors;

  public InvalidInputException(String field, String message) {
    this(Map.of(field, message));
  }

  public InvalidInputException(Map<String, String> fieldErrors) {
    super("invalid input: " + fieldErrors);
    this.fieldErrors = Map.copyOf(fieldErrors);
  }

  public Map<String, String> fieldErrors() { return fieldErrors; }
}
