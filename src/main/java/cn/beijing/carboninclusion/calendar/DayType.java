package cn.beijing.carboninclusion.calendar;

/**
 * How a row of the holiday file changes the ordinary Monday-to-Friday rule for its date.
 */
public enum DayType {

  /** A public holiday or a bridging day off: not a working day, whatever weekday it falls on. */
  HOLIDAY,

  /** A make-up working day (调休上班) on a Saturday or Sunday: a working day. */
  WORKDAY
}
