package cn.beijing.carboninclusion.common;

/** The request collides with the current state (duplicate, already decided, concurrent change). */
public class ConflictException extends RuntimeException {
  public ConflictException(String message) { super(message); }
}
