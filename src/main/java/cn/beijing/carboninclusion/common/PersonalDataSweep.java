package cn.beijing.carboninclusion.common;

import java.time.Instant;
import java.util.Map;

/**
 * A port of {@link PersonalDataRetention}: the module that owns personal data erases what is past its retention
 * period. Implementations run in the retention run's transaction, erase by setting the personal columns to null (the
 * record itself stays where it is part of a decision trail), touch only rows that still hold a value (a second run, or
 * a second node, erases nothing twice), and answer counts only — never a value.
 */
public interface PersonalDataSweep {

  /**
   * Erases what is past its period at {@code now}.
   *
   * @return the number of rows erased, by what was erased ({@code table.columns}), in a stable order
   */
  Map<String, Integer> sweep(Instant now, RetentionProperties retention);
}
