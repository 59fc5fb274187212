package cn.beijing.carboninclusion.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The part of FEEL the server evaluates for a form field's conditional.hide, with FEEL's null semantics. */
class FormConditionTest {
  static final String HIDE = "=verifiedTco2e = null or verifiedTco2e <= 0 or verifiedTco2e <= recomputeLimitTco2e";

  @Test
  void theReasonIsShownOnlyAboveTheLimitOrWithoutOne() {
    FormCondition hide = FormCondition.parse(HIDE);
    assertThat(hide.variables()).containsExactly("verifiedTco2e", "recomputeLimitTco2e");
    assertThat(hide.holds(values("verifiedTco2e", null, "recomputeLimitTco2e", 5.46))).isTrue();
    assertThat(hide.holds(values("verifiedTco2e", 0, "recomputeLimitTco2e", 5.46))).isTrue();
    assertThat(hide.holds(values("verifiedTco2e", 5.46, "recomputeLimitTco2e", 5.46))).isTrue();
    assertThat(hide.holds(values("verifiedTco2e", "5.47", "recomputeLimitTco2e", 5.46))).isFalse();
    assertThat(hide.holds(values("verifiedTco2e", 6L, "recomputeLimitTco2e", 5.46))).isFalse();
    // no recomputation: 6 <= null is null, so the field shows
    assertThat(hide.holds(values("verifiedTco2e", 6, "recomputeLimitTco2e", null))).isFalse();
  }

  @Test
  void feelsThreeValuedLogic() {
    assertThat(FormCondition.parse("=a < b and false").holds(values("a", null, "b", 1))).isFalse();
    assertThat(FormCondition.parse("=a < b or true").holds(values("a", null, "b", 1))).isTrue();
    assertThat(FormCondition.parse("=not(a < b)").holds(values("a", null, "b", 1))).isFalse();
    assertThat(FormCondition.parse("=not(a < b)").holds(values("a", 2, "b", 1))).isTrue();
    assertThat(FormCondition.parse("=decision = \"APPROVE\"").holds(values("decision", "APPROVE"))).isTrue();
    assertThat(FormCondition.parse("=decision != \"APPROVE\"").holds(values("decision", null))).isTrue();
    assertThat(FormCondition.parse("=upheld").holds(values("upheld", true))).isTrue();
    assertThat(FormCondition.parse("=upheld").holds(values("upheld", "true"))).isFalse();
  }

  @Test
  void whatTheServerCannotEvaluateIsRefused() {
    for (String expression : new String[] {"verifiedTco2e > 1", "=a + b > 1", "=a == b", "=a in [1, 2]",
        "=string length(a) > 1", "=a > ", "=(a > 1", "=a > 1)", "=a ! b"}) {
      assertThatThrownBy(() -> FormCondition.parse(expression)).as(expression)
          .isInstanceOf(FormCondition.Unsupported.class);
    }
  }

  @Test
  void aFormWithAConditionNamingAVariableOfNoFieldIsRefusedAtDeployment() throws Exception {
    String form = """
        {"id": "f", "components": [
          {"type": "number", "key": "amount", "label": "数量"},
          {"type": "textarea", "key": "reason", "label": "理由", "validate": {"required": true},
           "conditional": {"hide": "=amount <= limit"}}]}""";
    assertThat(FormContract.parse(new ObjectMapper().readTree(form)).unsupported())
        .anyMatch(u -> u.contains("limit is no field of the form"));
    FormContract valid = FormContract.parse(new ObjectMapper().readTree(form.replace("limit", "0")));
    assertThat(valid.unsupported()).isEmpty();
    // hidden: neither required nor writable; shown: required
    assertThat(valid.check(Map.of("amount", 0), name -> null, true)).isEmpty();
    assertThat(valid.check(Map.of("amount", 0, "reason", "多余"), name -> null, true)).containsKey("reason");
    assertThat(valid.check(Map.of("amount", 3), name -> null, true)).containsKey("reason");
    assertThat(valid.check(Map.of("amount", 3, "reason", "理由"), name -> null, true)).isEmpty();
  }

  private static Function<String, Object> values(Object... pairs) {
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put((String) pairs[i], pairs[i + 1]);
    }
    return values::get;
  }
}
