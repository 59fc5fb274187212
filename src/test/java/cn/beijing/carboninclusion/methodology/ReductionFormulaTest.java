package cn.beijing.carboninclusion.methodology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reduction formulas of the shipped methodologies, and malformed ones. */
class ReductionFormulaTest {

  @Test
  void lowCarbonTravelComputesPerModeFactorsAgainstTheCarBaseline() {
    ReductionFormula formula = ReductionFormula.parse(MethodologyExamples.TRAVEL_FORMULA,
        MethodologyExamples.TRAVEL_PARAMETERS);
    // 10 km by bus: 10 × (0.104 − 0.052) = 0.52 kg; 20 km by rail: 20 × 0.072 = 1.44 kg; 5 km walking: 0.52 kg
    BigDecimal tonnes = formula.compute(List.of(Map.of("mode", "bus", "distanceKm", 10),
        Map.of("mode", "rail", "distanceKm", 20), Map.of("mode", "walk", "distanceKm", 5)));
    assertThat(tonnes).isEqualByComparingTo("0.00248");
    assertThat(formula.verifyExample()).isEqualByComparingTo(formula.exampleResult());
    assertThat(formula.parameters()).allMatch(ReductionFormula.Parameter::example);
  }

  @Test
  void photovoltaicsMultipliesNetGenerationByTheGridFactor() {
    ReductionFormula formula = ReductionFormula.parse(MethodologyExamples.PV_FORMULA,
        MethodologyExamples.PV_PARAMETERS);
    assertThat(formula.compute(List.of(Map.of("netGenerationMWh", 100), Map.of("netGenerationMWh", 50.5))))
        .isEqualByComparingTo("101.9788");
    assertThat(formula.verifyExample()).isEqualByComparingTo("67.76");
  }

  @Test
  void malformedFormulasAreRefusedWithAReason() {
    assertThatThrownBy(() -> ReductionFormula.parse("", MethodologyExamples.PV_PARAMETERS).verifyExample())
        .isInstanceOf(FormulaException.class).hasMessageContaining("公式");
    assertThatThrownBy(() -> ReductionFormula.parse("sum(for a in activities return a.netGenerationMWh * ",
        MethodologyExamples.PV_PARAMETERS).verifyExample()).isInstanceOf(FormulaException.class)
        .hasMessageContaining("无法计算");
    assertThatThrownBy(() -> ReductionFormula.parse("sum(for a in activities return a.netGenerationMWh) * EF_nope",
        MethodologyExamples.PV_PARAMETERS).verifyExample()).isInstanceOf(FormulaException.class);
    assertThatThrownBy(() -> ReductionFormula.parse(MethodologyExamples.PV_FORMULA, "{not json"))
        .isInstanceOf(FormulaException.class).hasMessageContaining("JSON");
    assertThatThrownBy(() -> ReductionFormula.parse(MethodologyExamples.PV_FORMULA,
        "{\"parameters\":[{\"name\":\"EF grid\",\"value\":1}]}")).isInstanceOf(FormulaException.class)
        .hasMessageContaining("参数名");
    assertThatThrownBy(() -> ReductionFormula.parse("\"text\"", MethodologyExamples.PV_PARAMETERS).verifyExample())
        .isInstanceOf(FormulaException.class).hasMessageContaining("不是数值");
  }

  @Test
  void aWrongStatedExampleResultIsCaught() {
    String parameters = MethodologyExamples.PV_PARAMETERS.replace("\"exampleResult\": 67.76",
        "\"exampleResult\": 70");
    assertThatThrownBy(() -> ReductionFormula.parse(MethodologyExamples.PV_FORMULA, parameters).verifyExample())
        .isInstanceOf(FormulaException.class).hasMessageContaining("不符");
  }

  @Test
  void theFormulaSaysWhetherOneActivityRecordIsATrip() {
    assertThat(ReductionFormula.parse(MethodologyExamples.TRAVEL_FORMULA, MethodologyExamples.TRAVEL_PARAMETERS)
        .tripLevel()).isTrue();
    assertThat(ReductionFormula.parse(MethodologyExamples.PV_FORMULA, MethodologyExamples.PV_PARAMETERS)
        .activityLevel()).isEqualTo(ReductionFormula.ActivityLevel.AGGREGATE);
    assertThatThrownBy(() -> ReductionFormula.parse(MethodologyExamples.PV_FORMULA,
        MethodologyExamples.PV_PARAMETERS.replace("{\"unit\"", "{\"activityLevel\": \"meter\", \"unit\"")))
        .isInstanceOf(FormulaException.class).hasMessageContaining("activityLevel");
  }

  @Test
  void eachActivityIsComputedAloneInOneEvaluationAndTheValuesSumToTheWhole() {
    ReductionFormula formula = ReductionFormula.parse(MethodologyExamples.TRAVEL_FORMULA,
        MethodologyExamples.TRAVEL_PARAMETERS);
    List<Map<String, Object>> trips = List.of(
        Map.of("mode", "bus", "distanceKm", new BigDecimal("100")),
        Map.of("mode", "walk", "distanceKm", new BigDecimal("0.005")),
        Map.of("mode", "bicycle", "distanceKm", new BigDecimal("0.013")));

    List<BigDecimal> each = formula.computeEach(trips);

    assertThat(each).hasSize(3);
    assertThat(each.get(0)).isEqualByComparingTo("0.0052");
    assertThat(each.get(1)).isEqualByComparingTo("0.00000052");
    assertThat(each.get(2)).isEqualByComparingTo("0.0000012389");
    assertThat(each.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(formula.compute(trips));
    assertThatThrownBy(() -> formula.computeEach(List.of(Map.of("mode", "taxi", "distanceKm", BigDecimal.ONE))))
        .isInstanceOf(FormulaException.class);
  }
}
