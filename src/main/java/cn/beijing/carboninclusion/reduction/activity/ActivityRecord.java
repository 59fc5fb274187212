package cn.beijing.carboninclusion.reduction.activity;

import java.math.BigDecimal;
import java.time.temporal.Temporal;
import java.util.Map;

/**
 * One validated line of an activity file: a trip.
 *
 * @param line its line in the file
 * @param participantId the participant, pseudonymised by the developer
 * @param tripId the trip's id, unique across every project of the scheme
 * @param mode the travel mode, a key of the methodology's factor table
 * @param distanceKm the distance travelled, km
 * @param timestamp when the trip took place: an {@link java.time.OffsetDateTime} or a {@link java.time.LocalDateTime}
 */
record ActivityRecord(long line, String participantId, String tripId, String mode, BigDecimal distanceKm,
    Temporal timestamp) {

  /** The record as the formula sees it: {@code t.mode}, {@code t.distanceKm}, … */
  Map<String, Object> asFormulaInput() {
    return Map.of("mode", mode, "distanceKm", distanceKm, "participantId", participantId, "tripId", tripId,
        "timestamp", timestamp);
  }
}
