package cn.beijing.carboninclusion.reduction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The recomputation tolerance bounds the recomputation gate: a negative or absurd one stops the start-up. */
class ReductionSettingsTest {

  @Test
  void aToleranceOutsideZeroToOneIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> new ReductionSettings(new BigDecimal("-0.01"), new BigDecimal("1000000")))
        .hasMessageContaining("carbon-inclusion.reduction.recompute-tolerance");
    assertThatThrownBy(() -> new ReductionSettings(new BigDecimal("1.5"), new BigDecimal("1000000")))
        .hasMessageContaining("recompute-tolerance");
    assertThatThrownBy(() -> new ReductionSettings(new BigDecimal("0.05"), BigDecimal.ZERO))
        .hasMessageContaining("carbon-inclusion.reduction.max-value-per-activity");
    assertThat(new ReductionSettings(BigDecimal.ZERO, BigDecimal.ONE).recomputeTolerance()).isZero();
  }
}
