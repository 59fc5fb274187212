package cn.beijing.carboninclusion.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.beijing.carboninclusion.common.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Serial numbers are written and read back without ambiguity. */
class SerialsTest {

  @Test
  void aUnitAndABlockAreNamedAfterTheProjectTheVintageAndTheRunningNumber() {
    assertThat(Serials.unit("BJCI-P-2025-0001", 2024, 1)).isEqualTo("BJCI-2025-0001-2024-00000001");
    assertThat(Serials.range("BJCI-P-2025-0001", 2024, 1, 100)).isEqualTo("BJCI-2025-0001-2024-00000001-00000100");
    assertThat(Serials.unit("BJCI-P-2025-12345", 2030, 123_456_789)).isEqualTo("BJCI-2025-12345-2030-123456789");
  }

  @Test
  void aUnitSerialReadsBack() {
    Serials.UnitRange unit = Serials.parse("BJCI-2025-0001-2024-00000042");
    assertThat(unit).isEqualTo(new Serials.UnitRange("BJCI-P-2025-0001", 2024, 42, 42));
    assertThat(unit.quantity()).isOne();
    assertThat(unit.serial()).isEqualTo("BJCI-2025-0001-2024-00000042");
  }

  @Test
  void aRangeSerialReadsBack() {
    Serials.UnitRange range = Serials.parse("BJCI-2025-0001-2024-00000071-00000100");
    assertThat(range).isEqualTo(new Serials.UnitRange("BJCI-P-2025-0001", 2024, 71, 100));
    assertThat(range.quantity()).isEqualTo(30);
    assertThat(range.serial()).isEqualTo("BJCI-2025-0001-2024-00000071-00000100");
  }

  @Test
  void malformedSerialsAreInvalidInputNamingTheSerial() {
    for (String bad : new String[] {"", "BJCI-", "XYZ-2025-0001-2024-00000001", "BJCI-2025-0001-24-00000001",
        "BJCI-2024-00000001", "BJCI-2025-0001-2024-00000009-00000001", "BJCI-2025-0001-2024-0001",
        "BJCI-2025--0001-2024-00000001", "BJCI-2025-0001-2024-00000000"}) {
      assertThatThrownBy(() -> Serials.parse(bad)).as(bad).isInstanceOf(InvalidInputException.class)
          .satisfies(e -> assertThat(((InvalidInputException) e).fieldErrors()).containsKey("serial"));
    }
  }

  @Test
  void theProjectCodeIsTheRegistrationNumberWithoutItsPrefix() {
    assertThat(Serials.projectCode("BJCI-P-2025-0001")).isEqualTo("2025-0001");
    assertThatThrownBy(() -> Serials.projectCode("P-2025-0001")).isInstanceOf(IllegalArgumentException.class);
  }
}
