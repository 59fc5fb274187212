package cn.beijing.carboninclusion.common;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;

/**
 * The {@code SchemeRules} decision table ({@code processes/scheme-rules.dmn}): input {@code rule} (a
 * {@link SchemeRule#key()}), outputs {@code value} and {@code description}. Reads every rule the same way at run time
 * (through the engine's DecisionService, {@link SchemeRuleBook}) and at deploy time (a stand-alone DMN engine on the
 * model being deployed, {@link #problems}), so a table the platform could not read is refused before it is deployed.
 */
public final class SchemeRulesDecision {
  public static final String KEY = "SchemeRules";
  public static final String INPUT = "rule";
  public static final String VALUE = "value";
  public static final String DESCRIPTION = "description";

  private SchemeRulesDecision() {}

  /** Reads every known rule with {@code evaluate} (one evaluation per rule, input {@code rule}). */
  static Map<SchemeRule, SchemeRuleSet.Entry> read(Function<VariableMap, DmnDecisionTableResult> evaluate) {
    Map<SchemeRule, SchemeRuleSet.Entry> entries = new EnumMap<>(SchemeRule.class);
    for (SchemeRule rule : SchemeRule.values()) {
      entries.put(rule, readOne(rule, evaluate));
    }
    return entries;
  }

  private static SchemeRuleSet.Entry readOne(SchemeRule rule,
      Function<VariableMap, DmnDecisionTableResult> evaluate) {
    DmnDecisionTableResult result;
    try {
      result = evaluate.apply(Variables.createVariables().putValue(INPUT, rule.key()));
    } catch (RuntimeException e) {
      return problem(rule, null, null, "求值失败（" + e.getMessage() + "）");
    }
    if (result.isEmpty()) {
      return problem(rule, null, null, "决策表中没有该规则的行（输入 rule = \"" + rule.key() + "\"）");
    }
    if (result.size() > 1) {
      return problem(rule, null, null, "决策表中有 " + result.size() + " 行匹配该规则，应只有一行");
    }
    DmnDecisionRuleResult row = result.get(0);
    Object rawValue = row.getEntry(VALUE);
    Object description = row.getEntry(DESCRIPTION);
    String raw = rawValue == null ? null : rawValue.toString();
    String label = description == null ? null : description.toString();
    if (raw == null || raw.isBlank()) {
      return problem(rule, raw, label, "取值为空，应为" + rule.kind().expected());
    }
    try {
      return new SchemeRuleSet.Entry(rule, raw.trim(), label, rule.parse(raw), null);
    } catch (IllegalArgumentException e) {
      return problem(rule, raw, label, "取值" + e.getMessage());
    }
  }

  private static SchemeRuleSet.Entry problem(SchemeRule rule, String raw, String label, String problem) {
    return new SchemeRuleSet.Entry(rule, raw, label, null, problem);
  }

  /**
   * The reasons to refuse a DMN resource that defines the {@code SchemeRules} decision, each naming the rule; empty
   * when the resource does not define it or every known rule has exactly one row with a value that parses.
   */
  public static List<String> problems(String resourceName, byte[] dmn) {
    DmnModelInstance model = Dmn.readModelFromStream(new ByteArrayInputStream(dmn));
    if (!(model.getModelElementById(KEY) instanceof Decision)) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    DmnDecision decision;
    try {
      decision = Engine.DMN.parseDecision(KEY, model);
    } catch (RuntimeException e) {
      return List.of(resourceName + " " + KEY + "：决策无法解析（" + e.getMessage() + "）");
    }
    if (!decision.isDecisionTable()) {
      return List.of(resourceName + " " + KEY + "：应为决策表（输入 rule，输出 value、description）");
    }
    read(variables -> Engine.DMN.evaluateDecisionTable(decision, variables)).values().stream()
        .filter(entry -> entry.problem() != null)
        .forEach(entry -> problems.add(resourceName + " " + KEY + "：规则参数「" + entry.rule().key() + "」"
            + entry.problem()));
    return problems;
  }

  /**
   * The raw value of each known rule in a DMN resource defining {@code SchemeRules} (rule key → value; a rule without
   * a single row maps to its problem), for the diff a change proposal shows; empty when the resource does not define
   * the decision.
   */
  public static Map<String, String> values(byte[] dmn) {
    DmnModelInstance model = Dmn.readModelFromStream(new ByteArrayInputStream(dmn));
    if (!(model.getModelElementById(KEY) instanceof Decision)) {
      return Map.of();
    }
    DmnDecision decision = Engine.DMN.parseDecision(KEY, model);
    Map<String, String> values = new java.util.LinkedHashMap<>();
    read(variables -> Engine.DMN.evaluateDecisionTable(decision, variables)).values().forEach(entry ->
        values.put(entry.rule().key(), entry.problem() != null ? "（" + entry.problem() + "）" : entry.raw()));
    return values;
  }

  /** A stand-alone DMN engine (FEEL, like the process engine's), built on first use. */
  private static final class Engine {
    static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
  }
}
