package cn.beijing.carboninclusion.common;

/**
 * A scheme rule cannot be read from the deployed {@code SchemeRules} decision: no such decision, no row for the
 * rule, or a value that does not parse. The message names the rule and the decision version; the step that needed
 * the rule fails (an incident in Cockpit, or a 500 on the API) rather than running with a guessed value.
 */
public class SchemeRuleUnavailable extends IllegalStateException {
  public SchemeRuleUnavailable(String message) {
    super(message);
  }
}
