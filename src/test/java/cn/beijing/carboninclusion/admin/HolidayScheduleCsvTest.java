package cn.beijing.carboninclusion.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The upload's checks without the platform: the bundled years pass them, as the bureau would upload them again. */
class HolidayScheduleCsvTest {

  @Test
  void eachBundledYearPassesTheUploadsChecks() throws IOException {
    String bundled;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("calendar/holidays-cn.csv")) {
      bundled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (int year : new int[] {2025, 2026}) {
      String prefix = year + "-";
      String file = bundled.lines().filter(l -> !l.matches("\\d{4}-.*") || l.startsWith(prefix))
          .collect(Collectors.joining("\n"));
      HolidayScheduleCsv.Read read = new HolidayScheduleCsv(year).read(new StringReader(file));
      assertThat(read.errors()).as(String.valueOf(year)).isEmpty();
      assertThat(read.days()).as(String.valueOf(year)).hasSizeGreaterThan(20)
          .allSatisfy(d -> assertThat(d.date().getYear()).isEqualTo(year));
    }
    // the whole bundled file is two years: refused for one, naming the other year's lines
    HolidayScheduleCsv.Read both = new HolidayScheduleCsv(2026).read(new StringReader(bundled));
    assertThat(both.days()).isEmpty();
    assertThat(both.errors()).isNotEmpty().allSatisfy((key, message) -> {
      assertThat(key).endsWith(": date");
      assertThat(message).contains("不在 2026 年内");
    });
  }

  @Test
  void aHolidayBlockAcrossTheNewYearMayLeaveAWeekendDayAloneOnTheYearsEdge() throws IOException {
    // 元旦 2023: Saturday 31 December 2022 to Monday 2 January 2023
    HolidayScheduleCsv.Read edge = new HolidayScheduleCsv(2022).read(new StringReader(
        "date,type,name\n2022-01-03,HOLIDAY,元旦\n2022-12-31,HOLIDAY,元旦\n"));
    assertThat(edge.errors()).isEmpty();
    assertThat(edge.days()).hasSize(2);
  }
}
