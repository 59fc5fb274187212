package cn.beijing.carboninclusion.common;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Reading the flat process variables of the platform's models: case ids, texts and amounts. */
public final class ProcessVariables {

  /** The id a variable holds (numbers arrive as Integer or Long); fails loudly when it is missing. */
  public static Long id(VariableScope scope, String name) {
    if (scope.getVariable(name) instanceof Number id) {
      return id.longValue();
    }
    throw new IllegalStateException("process variable " + name + " missing or not a number: "
        + scope.getVariable(name));
  }

  /** A text variable, trimmed; empty when it is not set. */
  public static String text(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null ? "" : value.toString().trim();
  }

  /**
   * An amount (forms send numbers as Long or Double, the REST API as text); {@code null} when it is not set.
   *
   * @throws NumberFormatException when it is not a number
   */
  public static BigDecimal decimal(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    return new BigDecimal(value.toString().trim());
  }

  /**
   * A date a task's form sends (ISO {@code YYYY-MM-DD}).
   *
   * @throws TaskInputRejected (400 naming the field) when it is missing or not a date
   */
  public static LocalDate date(VariableScope scope, String name, String label) {
    try {
      return LocalDate.parse(text(scope, name));
    } catch (DateTimeParseException e) {
      throw new TaskInputRejected(label + "须为日期 YYYY-MM-DD (" + name + ")");
    }
  }

  /**
   * A date a task's form sends that may not be before {@code earliest} (today, or another date of the same
   * decision, named by {@code earliestLabel}).
   *
   * @throws TaskInputRejected (400 naming the field) when it is missing, not a date or too early
   */
  public static LocalDate dateNotBefore(VariableScope scope, String name, String label, LocalDate earliest,
      String earliestLabel) {
    LocalDate date = date(scope, name, label);
    if (date.isBefore(earliest)) {
      throw new TaskInputRejected(label + "不得早于" + earliestLabel + " " + earliest + " (" + name + ")");
    }
    return date;
  }

  private ProcessVariables() {}
}
