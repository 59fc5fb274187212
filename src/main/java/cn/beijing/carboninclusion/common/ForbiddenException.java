package cn.beijing.carboninclusion.common;

/** The authenticated caller may not do this (wrong group, not its own case, conflict of interest). */
public class ForbiddenException extends RuntimeException {
  public ForbiddenException(String message) { super(message); }
}
