package cn.beijing.carboninclusion.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Period;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** How rule values are written and parsed, and the start refusing settings that moved to scheme-rules.dmn. */
class SchemeRuleTest {

  @Test
  void valuesParseByKind() {
    assertThat(SchemeRule.PUBLICITY_WORKING_DAYS.parse(" 15 ")).isEqualTo(15);
    assertThat(SchemeRule.REVENUE_RETURN_MIN.parse("0.90")).isEqualTo(new BigDecimal("0.90"));
    assertThat(SchemeRule.EVALUATION_CYCLE.parse("P12M")).isEqualTo(Period.ofMonths(12));
    assertThatThrownBy(() -> SchemeRule.PUBLICITY_WORKING_DAYS.parse("0")).hasMessageContaining("小于 1");
    assertThatThrownBy(() -> SchemeRule.PUBLICITY_WORKING_DAYS.parse("15.5")).hasMessageContaining("无法解析");
    assertThatThrownBy(() -> SchemeRule.REVENUE_RETURN_MIN.parse("90%")).hasMessageContaining("无法解析");
    assertThatThrownBy(() -> SchemeRule.ETS_OFFSET_MAX_SHARE.parse("1.01")).hasMessageContaining("0 至 1");
    assertThatThrownBy(() -> SchemeRule.EVALUATION_CYCLE.parse("P0D")).hasMessageContaining("不是正的期间");
  }

  @Test
  void aRuleOfAnotherKindOrAnUnreadableRowFailsNamingTheRule() {
    SchemeRuleSet set = new SchemeRuleSet("SchemeRules:7:x", 7, "d7", "scheme-rules.dmn", null, Map.of(
        SchemeRule.PUBLICITY_WORKING_DAYS, new SchemeRuleSet.Entry(SchemeRule.PUBLICITY_WORKING_DAYS, "15", "公示期",
            15, null),
        SchemeRule.REVENUE_RETURN_MIN, new SchemeRuleSet.Entry(SchemeRule.REVENUE_RETURN_MIN, "abc", "收益返还", null,
            "取值「abc」无法解析")));
    assertThat(set.duration(SchemeRule.PUBLICITY_WORKING_DAYS)).isEqualTo("P15WD");
    assertThatThrownBy(() -> set.share(SchemeRule.REVENUE_RETURN_MIN)).isInstanceOf(SchemeRuleUnavailable.class)
        .hasMessageContaining("revenueReturnMin").hasMessageContaining("第 7 版").hasMessageContaining("abc");
    assertThatThrownBy(() -> set.count(SchemeRule.MAX_CREDITING_YEARS)).isInstanceOf(SchemeRuleUnavailable.class)
        .hasMessageContaining("maxCreditingYears").hasMessageContaining("没有该规则的行");
    assertThatThrownBy(() -> set.count(SchemeRule.PUBLICITY_WORKING_DAYS))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void settingsThatMovedToTheDecisionStopTheStartNamingThem() {
    MockEnvironment environment = new MockEnvironment()
        .withProperty("carbon-inclusion.rules.publicity-working-days", "15")
        .withProperty("carbon-inclusion.registry.etsOffsetMaxShare", "0.08")
        .withProperty("carbon-inclusion.rules.objections-per-hour-per-client", "9");
    assertThat(MovedSchemeSettings.stale(environment)).containsExactly(
        "carbon-inclusion.rules.publicity-working-days → publicityWorkingDays",
        "carbon-inclusion.registry.ets-offset-max-share → etsOffsetMaxShare");
    assertThatThrownBy(() -> new MovedSchemeSettings(environment)).hasMessageContaining("scheme-rules.dmn")
        .hasMessageContaining("publicity-working-days");
    assertThat(MovedSchemeSettings.stale(new MockEnvironment()
        .withProperty("carbon-inclusion.rules.objections-per-hour-per-client", "9"))).isEmpty();
  }
}
