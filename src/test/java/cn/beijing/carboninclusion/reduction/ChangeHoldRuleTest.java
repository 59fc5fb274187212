package cn.beijing.carboninclusion.reduction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Rule 3 of project changes, without the engine: which applications wait for a pending major change. */
class ChangeHoldRuleTest {
  static final LocalDate EFFECTIVE = LocalDate.of(2025, 6, 1);

  @Test
  void aPeriodEndingOnOrAfterTheEffectiveDateWaits() {
    assertThat(ReductionRules.waitsForChange(EFFECTIVE, LocalDate.of(2025, 6, 30))).isTrue();
    assertThat(ReductionRules.waitsForChange(EFFECTIVE, EFFECTIVE)).isTrue();
  }

  @Test
  void aPeriodEndingBeforeTheEffectiveDateOrNoPendingChangeDoesNotWait() {
    assertThat(ReductionRules.waitsForChange(EFFECTIVE, LocalDate.of(2025, 5, 31))).isFalse();
    assertThat(ReductionRules.waitsForChange(null, LocalDate.of(2025, 5, 31))).isFalse();
  }
}
