package cn.beijing.carboninclusion.reduction.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading and validating activity files line by line, without Spring or a database. */
class ActivityCsvTest {
  private static final String HEADER = "participant_id,trip_id,mode,distance_km,timestamp\n";
  private static final Set<String> TRAVEL_MODES = Set.of("bus", "rail", "bicycle", "walk");

  private final List<ActivityRecord> records = new ArrayList<>();
  private final List<RowError> errors = new ArrayList<>();

  @Test
  void readsRecordsWithBomQuotesCrlfBlankLinesAndBothTimestampForms() throws IOException {
    long accepted = read(TRAVEL_MODES, "\uFEFF" + "participant_id,trip_id,mode,distance_km,timestamp\r\n"
        + "p-01,T-1,bus,12.5,2024-05-01T08:30:00+08:00\r\n"
        + "\r\n"
        + "\"p,02\", \"T-\"\"2\"\"\" ,rail, 3 ,2024-05-01T09:00:00Z\r\n"
        + "p-03,T-3,walk,0.8,2024-05-01T10:15:30");
    assertThat(errors).isEmpty();
    assertThat(accepted).isEqualTo(3);
    assertThat(records).extracting(ActivityRecord::line, ActivityRecord::participantId, ActivityRecord::tripId,
        ActivityRecord::mode, ActivityRecord::distanceKm).containsExactly(
        tuple(2L, "p-01", "T-1", "bus", new BigDecimal("12.5")),
        tuple(4L, "p,02", "T-\"2\"", "rail", new BigDecimal("3")),
        tuple(5L, "p-03", "T-3", "walk", new BigDecimal("0.8")));
    assertThat(records.get(0).timestamp()).isEqualTo(OffsetDateTime.of(2024, 5, 1, 8, 30, 0, 0,
        ZoneOffset.ofHours(8)));
    assertThat(records.get(1).timestamp()).isEqualTo(OffsetDateTime.of(2024, 5, 1, 9, 0, 0, 0, ZoneOffset.UTC));
    assertThat(records.get(2).timestamp()).isEqualTo(LocalDateTime.of(2024, 5, 1, 10, 15, 30));
    assertThat(records.get(0).asFormulaInput()).containsEntry("mode", "bus")
        .containsEntry("distanceKm", new BigDecimal("12.5")).containsEntry("participantId", "p-01")
        .containsEntry("tripId", "T-1").containsKey("timestamp");
  }

  @Test
  void columnsMayComeInAnyOrderAndExtraColumnsAreIgnored() throws IOException {
    read(TRAVEL_MODES, "Timestamp,mode,TRIP_ID,note,distance_km,participant_id\n"
        + "2024-05-01T08:30:00,bicycle,T-9,morning,4,p-9\n");
    assertThat(errors).isEmpty();
    assertThat(records).singleElement().extracting(ActivityRecord::tripId, ActivityRecord::mode)
        .containsExactly("T-9", "bicycle");
  }

  @Test
  void eachBadFieldIsReportedWithItsLineAndColumn() throws IOException {
    long accepted = read(TRAVEL_MODES, HEADER
        + "p1,T1,bus,10,2024-05-01T08:00:00\n"            // 2 good
        + "p2,T2,,10,2024-05-01T08:00:00\n"               // 3 missing mode
        + "p3,T3,bus,ten,2024-05-01T08:00:00\n"           // 4 not a number
        + "p4,T4,bus,-2,2024-05-01T08:00:00\n"            // 5 negative
        + "p5,T5,car,10,2024-05-01T08:00:00\n"            // 6 unknown mode
        + "p6,T6,bus,10,2024-05-01 08:00\n"               // 7 bad timestamp
        + "p7,T7,bus,0,2024-05-01T08:00:00\n"             // 8 zero
        + "p8,T8,bus,500.01,2024-05-01T08:00:00\n"        // 9 above the maximum
        + ",T9,bus,10,2024-05-01T08:00:00\n"              // 10 missing participant
        + "p10,,bus,10,2024-05-01T08:00:00\n"             // 11 missing trip id
        + "p11," + "x".repeat(101) + ",bus,10,2024-05-01T08:00:00\n" // 12 trip id too long
        + "p12,T12,bus,10\n"                              // 13 a field short
        + "p13,T13,bus,10,2024-05-01T08:00:00,extra\n"    // 14 a field too many
        + "p14,\"T14,bus,10,2024-05-01T08:00:00\n"        // 15 unterminated quote
        + "p15,T15,Bus,10,\n");                           // 16 mode is case-sensitive, timestamp missing
    assertThat(accepted).isEqualTo(1);
    assertThat(errors).extracting(RowError::line, RowError::field).containsExactly(
        tuple(3L, "mode"), tuple(4L, "distance_km"), tuple(5L, "distance_km"), tuple(6L, "mode"),
        tuple(7L, "timestamp"), tuple(8L, "distance_km"), tuple(9L, "distance_km"), tuple(10L, "participant_id"),
        tuple(11L, "trip_id"), tuple(12L, "trip_id"), tuple(13L, "row"), tuple(14L, "row"), tuple(15L, "row"),
        tuple(16L, "mode"), tuple(16L, "timestamp"));
    assertThat(errors.get(3).message()).contains("car").contains("bicycle, bus, rail, walk");
    assertThat(errors.get(6).message()).contains("500");
  }

  @Test
  void theMaximumDistanceIsConfigured() throws IOException {
    errors.clear();
    new ActivityCsv(TRAVEL_MODES, new BigDecimal("50")).read(ActivityCsv.utf8(bytes(HEADER
        + "p1,T1,rail,50,2024-05-01T08:00:00\np2,T2,rail,50.5,2024-05-01T08:00:00\n")), sink());
    assertThat(errors).extracting(RowError::line, RowError::field).containsExactly(tuple(3L, "distance_km"));
  }

  @Test
  void withoutAModeTableAnyNonBlankModeIsAccepted() throws IOException {
    read(null, HEADER + "p1,T1,hoverboard,3,2024-05-01T08:00:00\np2,T2, ,3,2024-05-01T08:00:00\n");
    assertThat(records).extracting(ActivityRecord::mode).containsExactly("hoverboard");
    assertThat(errors).extracting(RowError::line, RowError::field).containsExactly(tuple(3L, "mode"));
  }

  @Test
  void aBadHeaderNamesTheMissingColumnsAndStops() throws IOException {
    long accepted = read(TRAVEL_MODES, "participant,trip_id,mode,distance_km\np1,T1,bus,3,2024-05-01T08:00:00\n");
    assertThat(accepted).isZero();
    assertThat(errors).extracting(RowError::line, RowError::field)
        .containsExactly(tuple(1L, "participant_id"), tuple(1L, "timestamp"));
  }

  @Test
  void anEmptyFileAndAnOverlongLineAndBadUtf8AreErrors() throws IOException {
    read(TRAVEL_MODES, "");
    assertThat(errors).extracting(RowError::line, RowError::field).containsExactly(tuple(1L, "file"));

    errors.clear();
    read(TRAVEL_MODES, HEADER + "p1,T1,bus,3,2024-05-01T08:00:00," + "y".repeat(ActivityCsv.MAX_LINE_CHARS) + "\n"
        + "p2,T2,bus,3,2024-05-01T08:00:00\n");
    assertThat(errors).extracting(RowError::line, RowError::field).containsExactly(tuple(2L, "row"));
    assertThat(records).extracting(ActivityRecord::tripId).containsExactly("T2");

    errors.clear();
    byte[] good = (HEADER + "p1,T1,bus,3,2024-05-01T08:00:00\n").getBytes(StandardCharsets.UTF_8);
    byte[] bad = new byte[good.length + 3];
    System.arraycopy(good, 0, bad, 0, good.length);
    bad[good.length] = 'p';
    bad[good.length + 1] = (byte) 0xC3;  // a lead byte without its continuation
    bad[good.length + 2] = ',';
    new ActivityCsv(TRAVEL_MODES, new BigDecimal("500")).read(ActivityCsv.utf8(new ByteArrayInputStream(bad)),
        sink());
    assertThat(errors).extracting(RowError::line, RowError::field).containsExactly(tuple(3L, "row"));
  }

  private long read(Set<String> modes, String csv) throws IOException {
    return new ActivityCsv(modes, new BigDecimal("500")).read(ActivityCsv.utf8(bytes(csv)), sink());
  }

  private ActivityCsv.Sink sink() {
    return new ActivityCsv.Sink() {
      @Override
      public void accept(ActivityRecord record) {
        records.add(record);
      }

      @Override
      public void reject(RowError error) {
        errors.add(error);
      }
    };
  }

  private static ByteArrayInputStream bytes(String csv) {
    return new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
  }
}
