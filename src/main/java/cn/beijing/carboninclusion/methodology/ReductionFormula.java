package cn.beijing.carboninclusion.methodology;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * A methodology's machine-readable reduction formula: a FEEL expression (the DMN expression language) over named
 * parameters and the list {@code activities} of activity records, e.g.
 * {@code sum(for t in activities return t.distanceKm * (EF_baseline - get value(EF_mode, t.mode))) / 1000}.
 * The parameters document (JSON) names each parameter with its unit and value, the fields of an activity record,
 * example activities and the result they must give, so a proposal can be checked and any application recomputed.
 * Its {@code activityLevel} says what one activity record is: {@code "trip"} — one trip of one participant (the
 * records are uploaded as a file, each trip claimed once across all projects, and aggregate figures are refused) —
 * or {@code "aggregate"} (the default) — a total for the monitoring period, such as a meter's net generation.
 */
public final class ReductionFormula {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final FeelEngine FEEL = new ScalaFeelEngineFactory().createInstance();
  /** Relative tolerance between the computed and the stated example result. */
  private static final BigDecimal EXAMPLE_TOLERANCE = new BigDecimal("0.000001");

  /** What one activity record of the formula is. */
  public enum ActivityLevel {
    /** One trip (行程) of one participant: records are uploaded, never given as aggregates. */
    TRIP("trip", "逐笔行程"),
    /** A total of the monitoring period (e.g. a meter's net generation). */
    AGGREGATE("aggregate", "汇总数据");

    private final String key;
    private final String label;

    ActivityLevel(String key, String label) {
      this.key = key;
      this.label = label;
    }

    public String key() {
      return key;
    }

    public String label() {
      return label;
    }
  }

  /** One named parameter: a number, or a table of numbers by key (e.g. a factor per travel mode). */
  public record Parameter(String name, String label, String unit, Object value, boolean example) {}

  private final String expression;
  private final String unit;
  private final List<Parameter> parameters;
  private final List<String> activityFields;
  private final List<Map<String, Object>> exampleActivities;
  private final BigDecimal exampleResult;
  private final ActivityLevel activityLevel;

  private ReductionFormula(String expression, String unit, List<Parameter> parameters, List<String> activityFields,
      List<Map<String, Object>> exampleActivities, BigDecimal exampleResult, ActivityLevel activityLevel) {
    this.activityLevel = activityLevel;
    this.expression = expression;
    this.unit = unit;
    this.parameters = List.copyOf(parameters);
    this.activityFields = List.copyOf(activityFields);
    this.exampleActivities = exampleActivities;
    this.exampleResult = exampleResult;
  }

  /** Reads a formula; {@link FormulaException} names what is wrong with it. */
  public static ReductionFormula parse(String expression, String parametersJson) {
    if (expression == null || expression.isBlank()) {
      throw new FormulaException("未给出减排量计算公式");
    }
    if (parametersJson == null || parametersJson.isBlank()) {
      throw new FormulaException("未给出公式参数");
    }
    JsonNode root;
    try {
      root = JSON.readTree(parametersJson);
    } catch (JsonProcessingException e) {
      throw new FormulaException("公式参数不是有效的 JSON：" + e.getOriginalMessage(), e);
    }
    List<Parameter> parameters = new ArrayList<>();
    for (JsonNode p : root.path("parameters")) {
      String name = p.path("name").asText("");
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new FormulaException("参数名无效（须为字母、数字、下划线）：" + name);
      }
      JsonNode value = p.path("value");
      Object converted;
      if (value.isNumber()) {
        converted = value.decimalValue();
      } else if (value.isObject()) {
        Map<String, Object> table = new LinkedHashMap<>();
        value.fields().forEachRemaining(e -> table.put(e.getKey(), e.getValue().decimalValue()));
        converted = table;
      } else {
        throw new FormulaException("参数 " + name + " 缺少数值");
      }
      parameters.add(new Parameter(name, p.path("label").asText(name), p.path("unit").asText(""), converted,
          p.path("example").asBoolean(false)));
    }
    List<String> fields = new ArrayList<>();
    root.path("activityFields").forEach(f -> fields.add(f.asText()));
    List<Map<String, Object>> examples = new ArrayList<>();
    for (JsonNode a : root.path("exampleActivities")) {
      examples.add(JSON.convertValue(a, JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class,
          Object.class)));
    }
    BigDecimal exampleResult = root.hasNonNull("exampleResult") ? root.get("exampleResult").decimalValue() : null;
    ActivityLevel level = ActivityLevel.AGGREGATE;
    if (root.has("activityLevel")) {
      String declared = root.path("activityLevel").asText("");
      level = java.util.Arrays.stream(ActivityLevel.values()).filter(l -> l.key().equals(declared)).findFirst()
          .orElseThrow(() -> new FormulaException("activityLevel 须为 \"trip\"（逐笔行程）或 \"aggregate\"（汇总数据）："
              + declared));
    }
    return new ReductionFormula(expression.trim(), root.path("unit").asText("tCO2e"), parameters, fields, examples,
        exampleResult, level);
  }

  /** The reduction for {@code activities} (each a map of the activity fields). */
  public BigDecimal compute(List<Map<String, Object>> activities) {
    VariableMap variables = Variables.createVariables();
    parameters.forEach(p -> variables.putValue(p.name(), p.value()));
    variables.putValue("activities", activities);
    Object result;
    try {
      result = FEEL.evaluateSimpleExpression(expression, variables.asVariableContext());
    } catch (RuntimeException e) {
      throw new FormulaException("公式无法计算：" + e.getMessage(), e);
    }
    if (result instanceof Number number) {
      return new BigDecimal(number.toString());
    }
    throw new FormulaException("公式结果不是数值：" + result);
  }

  /**
   * The reduction of each activity alone, in order ({@code compute(List.of(a))} for each {@code a}), in one FEEL
   * evaluation: the formula becomes a function of {@code activities} applied to each one-element list. For a formula
   * additive over activities these values sum to {@link #compute} of the whole list.
   */
  public List<BigDecimal> computeEach(List<Map<String, Object>> activities) {
    VariableMap variables = Variables.createVariables();
    parameters.forEach(p -> variables.putValue(p.name(), p.value()));
    variables.putValue("activities", activities);
    Object result;
    try {
      result = FEEL.evaluateSimpleExpression("{formula: function(activities) (" + expression + "), each: for a in "
          + "activities return formula([a])}.each", variables.asVariableContext());
    } catch (RuntimeException e) {
      throw new FormulaException("公式无法计算：" + e.getMessage(), e);
    }
    if (result instanceof List<?> list && list.size() == activities.size()) {
      List<BigDecimal> each = new java.util.ArrayList<>(list.size());
      for (Object value : list) {
        if (!(value instanceof Number number)) {
          throw new FormulaException("公式结果不是数值：" + value);
        }
        each.add(new BigDecimal(number.toString()));
      }
      return each;
    }
    throw new FormulaException("公式结果不是数值：" + result);
  }

  /**
   * Computes the example activities and compares with the stated result; the explanation of any failure says what
   * a reviewer needs to know. Returns the computed example result.
   */
  public BigDecimal verifyExample() {
    if (exampleActivities.isEmpty()) {
      throw new FormulaException("未提供示例活动数据，无法验证公式");
    }
    BigDecimal computed = compute(exampleActivities);
    if (computed.signum() < 0) {
      throw new FormulaException("示例数据的计算结果为负数：" + computed.toPlainString());
    }
    if (exampleResult != null) {
      BigDecimal difference = computed.subtract(exampleResult).abs();
      BigDecimal allowed = exampleResult.abs().multiply(EXAMPLE_TOLERANCE).max(new BigDecimal("1E-12"));
      if (difference.compareTo(allowed) > 0) {
        throw new FormulaException("示例数据的计算结果 " + computed.round(MathContext.DECIMAL64).toPlainString()
            + " 与给出的结果 " + exampleResult.toPlainString() + " 不符");
      }
    }
    return computed;
  }

  public String expression() { return expression; }
  public String unit() { return unit; }
  public List<Parameter> parameters() { return parameters; }
  public List<String> activityFields() { return activityFields; }
  public List<Map<String, Object>> exampleActivities() { return exampleActivities; }
  public BigDecimal exampleResult() { return exampleResult; }
  public ActivityLevel activityLevel() { return activityLevel; }

  /** Whether one activity record is one trip: such records are uploaded, and aggregate figures are refused. */
  public boolean tripLevel() { return activityLevel == ActivityLevel.TRIP; }
}
