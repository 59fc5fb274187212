package cn.beijing.carboninclusion.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HolidayCalendarTest {

  private final HolidayCalendar calendar = HolidayCalendar.fromClasspath();

  @TempDir
  Path tempDir;

  @Test
  void bundledFileCovers2025And2026() {
    assertThat(calendar.coveredYears()).containsExactly(2025, 2026);
    assertThat(calendar.covers(2027)).isFalse();
    assertThat(calendar.source()).isEqualTo("classpath:" + HolidayCalendar.CLASSPATH_HOLIDAY_FILE);
  }

  @Test
  void makeUpSaturdaysAreWorkingDays() {
    assertThat(LocalDate.of(2025, 2, 8).getDayOfWeek()).hasToString("SATURDAY");
    assertThat(LocalDate.of(2026, 2, 14).getDayOfWeek()).hasToString("SATURDAY");
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 2, 8))).isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 14))).isTrue();
    assertThat(calendar.entryFor(LocalDate.of(2026, 2, 14))).get()
        .extracting(HolidayEntry::type).isEqualTo(DayType.WORKDAY);
  }

  @Test
  void makeUpSundayIsAWorkingDay() {
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 9, 28))).isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 1, 4))).isTrue();
  }

  @Test
  void holidaysOnWeekdaysAreOff() {
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 1, 1))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 10, 8))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 23))).isFalse();
    assertThat(calendar.entryFor(LocalDate.of(2026, 2, 17))).get()
        .extracting(HolidayEntry::name).isEqualTo("春节");
  }

  @Test
  void ordinaryWeekendIsOffAndOrdinaryWeekdayIsWorking() {
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 3, 15))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 3, 16))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 3, 17))).isTrue();
  }

  @Test
  void uncoveredYearFallsBackToWeekdayRule() {
    // 2027-01-01 is a Friday; without a published notice it counts as a working day
    assertThat(calendar.isWorkingDay(LocalDate.of(2027, 1, 1))).isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2027, 1, 2))).isFalse();
  }

  @Test
  void externalFileReplacesTheBundledOne() throws IOException {
    Path file = write("operator-holidays.csv",
        "# operator copy with next year's notice",
        "date,type,name",
        "2027-01-01,HOLIDAY,元旦",
        "2027-01-02,HOLIDAY,元旦",
        "2027-01-03,HOLIDAY,元旦");

    HolidayCalendar external = new HolidayCalendar(new CalendarProperties(file.toString(), ZoneId.of("Asia/Shanghai")));

    assertThat(external.source()).isEqualTo(file.toAbsolutePath().toString());
    assertThat(external.coveredYears()).containsExactly(2027);
    assertThat(external.isWorkingDay(LocalDate.of(2027, 1, 1))).isFalse();
    // the bundled file's holidays are gone: 2025-10-08 is a plain Wednesday now
    assertThat(external.isWorkingDay(LocalDate.of(2025, 10, 8))).isTrue();
  }

  @Test
  void blankHolidayFilePropertyMeansBundledFile() {
    HolidayCalendar bundled = new HolidayCalendar(new CalendarProperties("  ", null));
    assertThat(bundled.source()).isEqualTo("classpath:" + HolidayCalendar.CLASSPATH_HOLIDAY_FILE);
  }

  @Test
  void missingExternalFileIsAnError() {
    Path missing = tempDir.resolve("nope.csv");
    assertThatThrownBy(() -> HolidayCalendar.fromFile(missing))
        .isInstanceOf(MalformedHolidayFileException.class)
        .hasMessageContaining(missing.toAbsolutePath().toString());
  }

  @Test
  void commentsBlankLinesAndByteOrderMarkAreAccepted() throws IOException {
    Path file = write("bom.csv",
        "\uFEFF# exported from a spreadsheet",
        "",
        "Date, Type, Name",
        "  # indented comment",
        "2025-02-08 , WORKDAY , 春节调休上班",
        "");
    HolidayCalendar parsed = HolidayCalendar.fromFile(file);
    assertThat(parsed.isWorkingDay(LocalDate.of(2025, 2, 8))).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      bad date             | 2025-02-30,HOLIDAY,春节      | not an ISO date
      unknown type         | 2025-02-03,OFF,春节          | neither HOLIDAY nor WORKDAY
      lower-case type      | 2025-02-03,holiday,春节      | neither HOLIDAY nor WORKDAY
      missing column       | 2025-02-03,HOLIDAY           | expected 3 columns
      extra column         | 2025-02-03,HOLIDAY,春节,x    | expected 3 columns
      empty name           | 2025-02-03,HOLIDAY,          | name is empty
      workday on a weekday | 2025-02-05,WORKDAY,春节调休上班 | must fall on a weekend
      duplicate date       | 2025-01-01,HOLIDAY,元旦      | already listed on line 3
      """)
  void malformedRowIsRejectedNamingTheLine(String problem, String badRow, String expectedMessage) throws IOException {
    Path file = write("bad.csv",
        "# header comment",
        "date,type,name",
        "2025-01-01,HOLIDAY,元旦",
        badRow);

    assertThatThrownBy(() -> HolidayCalendar.fromFile(file))
        .isInstanceOf(MalformedHolidayFileException.class)
        .hasMessageContaining("line 4")
        .hasMessageContaining(expectedMessage)
        .extracting(e -> ((MalformedHolidayFileException) e).getLineNumber()).isEqualTo(4);
  }

  @Test
  void missingHeaderIsRejectedNamingTheLine() throws IOException {
    Path file = write("noheader.csv", "# comment", "2025-01-01,HOLIDAY,元旦");
    assertThatThrownBy(() -> HolidayCalendar.fromFile(file))
        .isInstanceOf(MalformedHolidayFileException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("expected header 'date,type,name'");
  }

  @Test
  void fileWithoutAnyHeaderIsRejected() throws IOException {
    Path file = write("empty.csv", "# only a comment");
    assertThatThrownBy(() -> HolidayCalendar.fromFile(file))
        .isInstanceOf(MalformedHolidayFileException.class)
        .hasMessageContaining("no header line");
  }

  private Path write(String name, String... lines) throws IOException {
    return Files.writeString(tempDir.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }
}
