package cn.beijing.carboninclusion.reduction.activity;

/**
 * What is wrong with one line of an activity file.
 *
 * @param line the line of the file (the header is line 1)
 * @param field the column ({@code participant_id}, {@code trip_id}, {@code mode}, {@code distance_km},
 *     {@code timestamp}), or {@code row} for the line as a whole, {@code file} for the file
 * @param message what is wrong, in Chinese with an English gloss
 */
public record RowError(long line, String field, String message) {}
