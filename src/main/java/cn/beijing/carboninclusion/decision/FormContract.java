package cn.beijing.carboninclusion.decision;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a task may write, read from its deployed Camunda Form: the form is the contract. Input fields (a {@code key},
 * not read-only) may be written within the form's own rules — {@code validate.required}, the {@code values} of a
 * radio, select or checklist, a number's type, {@code decimalDigits} and {@code min}/{@code max} (a literal or an
 * {@code =variable} bound), a text's {@code minLength}, {@code maxLength} (a platform default when the form sets none)
 * and {@code pattern}. Read-only fields come back only with the value they show. Nothing else may be written.
 * <p>
 * Conditional visibility ({@code conditional.hide}) is evaluated by the server as Tasklist evaluates it, for the part
 * of FEEL {@link FormCondition} reads (comparisons joined by and/or over the form's own fields): a field hidden by
 * its condition may not be written and is not required; shown, it is held to its rules like any other. A condition
 * outside that part of FEEL, or naming a variable that is no field of the form (Tasklist would not have it), is
 * refused at deployment ({@link #unsupported()}), so no field escapes validation.
 */
public final class FormContract {
  /** A task without a Camunda Form writes nothing. */
  public static final FormContract NONE = new FormContract("(none)", List.of(), List.of());

  static final int DEFAULT_TEXTFIELD_MAX = 200;
  static final int DEFAULT_TEXTAREA_MAX = 8000;
  static final int DEFAULT_DATETIME_MAX = 40;
  /** What form-js submits for a datetime field of each subtype (ISO 8601): the server holds a date to that shape. */
  private static final Map<String, String> DATETIME_PATTERNS = Map.of(
      "date", "^\\d{4}-\\d{2}-\\d{2}$",
      "time", "^\\d{2}:\\d{2}(:\\d{2})?([+-]\\d{2}:?\\d{2}|Z)?$",
      "datetime", "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?([+-]\\d{2}:?\\d{2}|Z)?$");
  private static final Set<String> INPUT_TYPES = Set.of("textfield", "textarea", "number", "radio", "select",
      "checkbox", "checklist", "taglist", "datetime");
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\uFFFE\\uFFFF]");
  private static final Pattern BOUND_REFERENCE = Pattern.compile("=\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*");

  private final String formId;
  private final Map<String, Field> fields;
  private final List<String> unsupported;

  private FormContract(String formId, List<Field> fields, List<String> unsupported) {
    this.formId = formId;
    this.fields = new LinkedHashMap<>();
    fields.forEach(f -> this.fields.put(f.key(), f));
    this.unsupported = List.copyOf(unsupported);
  }

  /** One keyed field of the form. */
  public record Field(String key, String type, String label, boolean readOnly, boolean required,
      Set<String> values, String min, String max, Integer decimalDigits, Integer minLength, Integer maxLength,
      Pattern pattern, FormCondition hide) {

    boolean multiple() {
      return "checklist".equals(type) || "taglist".equals(type);
    }
  }

  public static FormContract parse(JsonNode form) {
    List<Field> fields = new ArrayList<>();
    List<String> unsupported = new ArrayList<>();
    List<FormCondition> conditions = new ArrayList<>();
    collect(form.path("components"), fields, unsupported, conditions);
    Set<String> keys = new LinkedHashSet<>();
    fields.forEach(f -> keys.add(f.key()));
    for (FormCondition condition : conditions) {
      for (String variable : condition.variables()) {
        if (!keys.contains(variable)) {
          unsupported.add("conditional " + condition.source() + ": " + variable
              + " is no field of the form (Tasklist would not have its value)");
        }
      }
    }
    return new FormContract(form.path("id").asText("(no id)"), fields, unsupported);
  }

  private static void collect(JsonNode components, List<Field> fields, List<String> unsupported,
      List<FormCondition> conditions) {
    for (JsonNode component : components) {
      String type = component.path("type").asText();
      String key = component.path("key").asText(null);
      FormCondition hide = null;
      if (component.hasNonNull("conditional")) {
        JsonNode conditional = component.path("conditional");
        String where = key != null ? key : component.path("id").asText();
        if (component.has("components") || conditional.size() != 1 || !conditional.path("hide").isTextual()) {
          unsupported.add(where + ": conditional other than a field's hide expression");
        } else {
          try {
            hide = FormCondition.parse(conditional.path("hide").asText());
            conditions.add(hide);
          } catch (FormCondition.Unsupported e) {
            unsupported.add(where + ": conditional " + e.getMessage());
          }
        }
      }
      if (component.has("components")) {
        if (!"group".equals(type) || component.hasNonNull("path")) {
          unsupported.add(component.path("id").asText() + ": " + type + " with a path");
        }
        collect(component.path("components"), fields, unsupported, conditions);
      }
      if (key == null || key.isBlank()) {
        continue;
      }
      if (!INPUT_TYPES.contains(type)) {
        unsupported.add(key + ": type " + type);
        continue;
      }
      JsonNode validate = component.path("validate");
      boolean readOnly = component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false);
      Set<String> values = null;
      if (component.has("values")) {
        values = new LinkedHashSet<>();
        for (JsonNode value : component.path("values")) {
          values.add(value.path("value").asText());
        }
      } else if (component.has("valuesKey") || component.has("valuesExpression")) {
        unsupported.add(key + ": values from a variable");
      }
      Integer maxLength = validate.has("maxLength") ? validate.path("maxLength").asInt() : null;
      if (maxLength == null && "textfield".equals(type)) {
        maxLength = DEFAULT_TEXTFIELD_MAX;
      } else if (maxLength == null && "textarea".equals(type)) {
        maxLength = DEFAULT_TEXTAREA_MAX;
      } else if (maxLength == null && "datetime".equals(type)) {
        maxLength = DEFAULT_DATETIME_MAX;
      }
      String pattern = validate.hasNonNull("pattern") ? validate.path("pattern").asText()
          : "datetime".equals(type) ? DATETIME_PATTERNS.get(component.path("subtype").asText("date")) : null;
      String min = bound(validate.path("min"));
      String max = bound(validate.path("max"));
      fields.add(new Field(key, type, component.path("label").asText(key), readOnly,
          validate.path("required").asBoolean(false), values, min, max,
          component.has("decimalDigits") ? component.path("decimalDigits").asInt() : null,
          validate.has("minLength") ? validate.path("minLength").asInt() : null, maxLength,
          pattern == null ? null : Pattern.compile(pattern), hide));
      for (String b : new String[] {min, max}) {
        if (b != null && b.startsWith("=") && !BOUND_REFERENCE.matcher(b).matches()) {
          unsupported.add(key + ": bound " + b);
        }
      }
    }
  }

  private static String bound(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }

  public String formId() {
    return formId;
  }

  public Map<String, Field> fields() {
    return fields;
  }

  /** What of this form the server cannot enforce (a deployment carrying such a form is refused). */
  public List<String> unsupported() {
    return unsupported;
  }

  /**
   * The form's single-choice input fields and the values each may take: radio and select with their listed
   * {@code values}, checkbox with {@code true}/{@code false}. A decision's value in one of them is a code the form
   * offers, never free text: the decisions journal publishes these (docs/security.md, "Recorded decisions").
   */
  public Map<String, Set<String>> choices() {
    Map<String, Set<String>> choices = new java.util.TreeMap<>();
    for (Field field : fields.values()) {
      if (field.readOnly()) {
        continue;
      }
      if ("checkbox".equals(field.type())) {
        choices.put(field.key(), Set.of("true", "false"));
      } else if (("radio".equals(field.type()) || "select".equals(field.type())) && field.values() != null) {
        choices.put(field.key(), Set.copyOf(field.values()));
      }
    }
    return choices;
  }

  /** The keys a task with this form may write (its input fields). */
  public Set<String> inputKeys() {
    Set<String> keys = new LinkedHashSet<>();
    fields.values().stream().filter(f -> !f.readOnly()).forEach(f -> keys.add(f.key()));
    return keys;
  }

  /**
   * Checks a submission against the form.
   *
   * @param submitted what the client sends (variable name → value)
   * @param current the task's current variables, for read-only fields and {@code =variable} bounds
   * @param completing whether the task ends with this submission (then required fields must be in it)
   * @return field → reason (Chinese and English); empty when the submission holds
   */
  public Map<String, String> check(Map<String, ?> submitted, Function<String, Object> current, boolean completing) {
    Map<String, String> errors = new LinkedHashMap<>();
    // what the form shows: the values being submitted, else the case's (as Tasklist's form data)
    Function<String, Object> lookup = name -> submitted.containsKey(name) && !isEmpty(submitted.get(name))
        ? submitted.get(name) : current.apply(name);
    for (Map.Entry<String, ?> entry : submitted.entrySet()) {
      String name = entry.getKey();
      Field field = fields.get(name);
      if (field == null) {
        errors.put(name, "该任务的表单没有此字段，不得写入 (not a field of the task's form " + formId + ")");
        continue;
      }
      Object value = entry.getValue();
      if (field.readOnly()) {
        if (!sameValue(value, current.apply(name))) {
          errors.put(name, "「" + field.label() + "」为只读字段，不得修改 (read-only field)");
        }
        continue;
      }
      boolean hidden = hidden(field, lookup);
      if (isEmpty(value)) {
        if (completing && field.required() && !hidden) {
          errors.put(name, "「" + field.label() + "」为必填项 (required)");
        }
        continue;
      }
      if (hidden) {
        errors.put(name, "「" + field.label() + "」按表单条件不显示，不得填写 (hidden by the form's condition "
            + field.hide().source() + ")");
        continue;
      }
      String problem = problem(field, value, lookup);
      if (problem != null) {
        errors.put(name, problem);
      }
    }
    if (completing) {
      for (Field field : fields.values()) {
        if (field.required() && !field.readOnly() && !submitted.containsKey(field.key())
            && !hidden(field, lookup)) {
          errors.put(field.key(), "「" + field.label() + "」为必填项 (required)");
        }
      }
    }
    return errors;
  }

  /** Whether the field's {@code conditional.hide} hides it for these values (shown when it has none). */
  private static boolean hidden(Field field, Function<String, Object> lookup) {
    return field.hide() != null && field.hide().holds(lookup);
  }

  /** Checks deletions of variables through the task: only the form's input fields, and never a required one. */
  public Map<String, String> checkDeletions(Collection<String> names) {
    Map<String, String> errors = new LinkedHashMap<>();
    for (String name : names) {
      Field field = fields.get(name);
      if (field == null || field.readOnly()) {
        errors.put(name, "该变量不是本任务表单的可填字段，不得删除 (not an input field of the task's form)");
      }
    }
    return errors;
  }

  private static String problem(Field field, Object value, Function<String, Object> lookup) {
    String label = "「" + field.label() + "」";
    switch (field.type()) {
      case "number": {
        BigDecimal number = number(value);
        if (number == null) {
          return label + "须为有限的数字 (must be a finite number)";
        }
        if (field.decimalDigits() != null && number.stripTrailingZeros().scale() > field.decimalDigits()) {
          return label + "最多 " + field.decimalDigits() + " 位小数 (at most " + field.decimalDigits() + " decimal digits)";
        }
        BigDecimal min = boundValue(field.min(), lookup);
        BigDecimal max = boundValue(field.max(), lookup);
        if (field.min() != null && min == null || field.max() != null && max == null) {
          return label + "的取值范围无法确定，请联系管理员 (bound " + (min == null ? field.min() : field.max())
              + " is not set)";
        }
        if (min != null && number.compareTo(min) < 0) {
          return label + "不得小于 " + min.stripTrailingZeros().toPlainString() + " (min " + field.min() + ")";
        }
        if (max != null && number.compareTo(max) > 0) {
          return label + "不得大于 " + max.stripTrailingZeros().toPlainString() + " (max " + field.max() + ")";
        }
        return null;
      }
      case "checkbox":
        return value instanceof Boolean ? null : label + "须为是或否 (must be a boolean)";
      case "radio":
      case "select":
        if (!(value instanceof String text) || field.values() == null || !field.values().contains(text)) {
          return label + "须为以下之一：" + field.values() + " (must be one of the form's values)";
        }
        return null;
      case "checklist":
      case "taglist": {
        if (!(value instanceof Collection<?> items)) {
          return label + "须为列表 (must be a list)";
        }
        for (Object item : items) {
          if (!(item instanceof String text) || field.values() == null || !field.values().contains(text)) {
            return label + "的每一项须为以下之一：" + field.values() + " (must be the form's values)";
          }
        }
        return null;
      }
      default: {
        if (!(value instanceof String text)) {
          return label + "须为文本 (must be text)";
        }
        if (CONTROL.matcher(text).find()) {
          return label + "含有控制字符 (control characters)";
        }
        int length = text.codePointCount(0, text.length());
        if (field.maxLength() != null && length > field.maxLength()) {
          return label + "不得超过 " + field.maxLength() + " 个字符 (maxLength " + field.maxLength() + ")";
        }
        if (field.minLength() != null && length < field.minLength()) {
          return label + "不得少于 " + field.minLength() + " 个字符 (minLength " + field.minLength() + ")";
        }
        if (field.pattern() != null && !field.pattern().matcher(text).find()) {
          return label + "格式不正确 (pattern " + field.pattern().pattern() + ")";
        }
        return null;
      }
    }
  }

  private static BigDecimal boundValue(String bound, Function<String, Object> lookup) {
    if (bound == null) {
      return null;
    }
    var reference = BOUND_REFERENCE.matcher(bound);
    if (reference.matches()) {
      return number(lookup.apply(reference.group(1)));
    }
    return number(bound);
  }

  /** A finite number from what a client may send (a JSON number or a numeric text); null otherwise. */
  static BigDecimal number(Object value) {
    if (value instanceof Double d && (d.isNaN() || d.isInfinite()) || value instanceof Float f
        && (f.isNaN() || f.isInfinite())) {
      return null;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof Number || value instanceof String) {
      try {
        BigDecimal number = new BigDecimal(value.toString().trim());
        return number.abs().compareTo(new BigDecimal("1e15")) > 0 ? null : number;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static boolean isEmpty(Object value) {
    return value == null || value instanceof String text && text.isBlank()
        || value instanceof Collection<?> items && items.isEmpty();
  }

  private static boolean sameValue(Object submitted, Object current) {
    if (isEmpty(submitted) && isEmpty(current)) {
      return true;
    }
    if (submitted == null || current == null) {
      return false;
    }
    BigDecimal a = number(submitted);
    BigDecimal b = number(current);
    if (a != null && b != null && (submitted instanceof Number || current instanceof Number)) {
      return a.compareTo(b) == 0;
    }
    return submitted.toString().equals(current.toString());
  }
}
