package cn.beijing.carboninclusion.decision;

import cn.beijing.carboninclusion.common.FieldRefusal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A write to a task or a case refused by {@link TaskDoor} (a form validation failure to the engine's REST resources,
 * which answer it with 400 where they would answer another engine failure with 500): 400 with an RFC 9457 problem naming each field and its rule
 * (Chinese and English), on the platform API and on {@code /engine-rest} alike. Nothing was changed.
 */
public class DecisionRefused extends FormFieldValidationException implements FieldRefusal {
  private final Map<String, String> errors;

  public DecisionRefused(Map<String, String> errors) {
    super(new LinkedHashMap<>(errors), "输入未通过校验 (invalid input): " + errors.entrySet().stream().map(e -> e.getKey() + " — " + e.getValue())
        .collect(Collectors.joining("; ")));
    this.errors = new LinkedHashMap<>(errors);
  }

  public static DecisionRefused of(String field, String reason) {
    return new DecisionRefused(Map.of(field, reason));
  }

  @Override
  public Map<String, String> errors() {
    return errors;
  }
}
