package cn.beijing.carboninclusion.registry;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.registry.RegistryViews.RevenueReturnRatio;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The revenue return rule: returned / (proceeds − operating costs) against the minimum, without the database. */
class RevenueReturnRuleTest {
  static final BigDecimal MIN = new BigDecimal("0.90");

  static RevenueReturnRatio rate(String proceeds, String costs, String returned) {
    return RevenueReturnMonitor.rate("BJCI-P-2099-0001", 1L, 2025, 100, new BigDecimal(proceeds),
        new BigDecimal(costs), new BigDecimal(returned), MIN, false);
  }

  @Test
  void exactlyTheMinimumPassesAndAFenBelowIsFlagged() {
    assertThat(rate("10000.00", "0", "9000.00").belowMinimum()).isFalse();
    assertThat(rate("10000.00", "0", "9000.00").ratio()).isEqualByComparingTo("0.9");
    assertThat(rate("10000.00", "0", "8999.99").belowMinimum()).isTrue();
    assertThat(rate("10000.00", "0", "8999.99").ratio()).isEqualByComparingTo("0.8999");
  }

  @Test
  void operatingCostsComeOffTheProceedsFirst() {
    RevenueReturnRatio ratio = rate("10000.00", "1000.00", "8100.00");
    assertThat(ratio.netProceeds()).isEqualByComparingTo("9000");
    assertThat(ratio.ratio()).isEqualByComparingTo("0.9");
    assertThat(ratio.belowMinimum()).isFalse();
  }

  @Test
  void costsThatAbsorbTheProceedsAreFlaggedAndNoProceedsAreNotRated() {
    assertThat(rate("1000.00", "1000.00", "0").belowMinimum()).isTrue();
    assertThat(rate("1000.00", "1000.00", "0").ratio()).isNull();
    assertThat(rate("0", "0", "0").belowMinimum()).isFalse();
    assertThat(rate("5000.00", "0", "0").belowMinimum()).isTrue();
  }
}
