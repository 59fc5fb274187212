package cn.beijing.carboninclusion.common;

import org.camunda.bpm.engine.delegate.VariableScope;

/** Reading the flat process variables of the platform's models: case ids and texts. */
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

  private ProcessVariables() {}
}
