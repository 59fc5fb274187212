package cn.beijing.carboninclusion.common;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;

/**
 * The rule values of one deployed version of the {@code SchemeRules} decision, parsed. Immutable: a decision
 * definition id names exactly one version, so {@link SchemeRuleBook} keeps one per id.
 *
 * @param definitionId the decision definition's id (one version)
 * @param version its version number
 * @param deploymentId the deployment it came with
 * @param deploymentName that deployment's name (the Modeler sends the file name)
 * @param deploymentTime when it was deployed
 * @param entries every known rule, in {@link SchemeRule} order, with its raw cell, description and parsed value, or
 *     the problem that makes it unreadable
 */
public record SchemeRuleSet(String definitionId, int version, String deploymentId, String deploymentName,
    Instant deploymentTime, Map<SchemeRule, Entry> entries) {

  /** One row as read: {@code value} is null exactly when {@code problem} is not. */
  public record Entry(SchemeRule rule, String raw, String description, Object value, String problem) {}

  /** Working days of a time limit. */
  public int days(SchemeRule rule) {
    return (Integer) value(rule, SchemeRule.Kind.WORKING_DAYS);
  }

  /** A time limit as a working-day duration the engine's business calendar understands, e.g. {@code P20WD}. */
  public String duration(SchemeRule rule) {
    return workingDays(days(rule));
  }

  /** A whole number (rounds, years, persons). */
  public int count(SchemeRule rule) {
    return (Integer) value(rule, SchemeRule.Kind.COUNT);
  }

  /** A share between 0 and 1. */
  public BigDecimal share(SchemeRule rule) {
    return (BigDecimal) value(rule, SchemeRule.Kind.SHARE);
  }

  /** A period of calendar time. */
  public Period period(SchemeRule rule) {
    return (Period) value(rule, SchemeRule.Kind.PERIOD);
  }

  public List<Entry> list() {
    return List.copyOf(entries.values());
  }

  /** A working-day duration the engine's business calendar understands, e.g. {@code P20WD}. */
  public static String workingDays(int days) {
    return "P" + days + "WD";
  }

  private Object value(SchemeRule rule, SchemeRule.Kind kind) {
    if (rule.kind() != kind) {
      throw new IllegalArgumentException(rule.key() + " is " + rule.kind() + ", not " + kind);
    }
    Entry entry = entries.get(rule);
    if (entry == null || entry.problem() != null) {
      throw new SchemeRuleUnavailable("规则参数「" + rule.key() + "」不可用（SchemeRules 决策第 " + version + " 版，部署 "
          + deploymentId + "）：" + (entry == null ? "决策表中没有该规则的行" : entry.problem())
          + "。请在 Camunda Modeler 中修正 scheme-rules.dmn 并重新部署 (scheme rule " + rule.key() + " unavailable)");
    }
    return entry.value();
  }
}
