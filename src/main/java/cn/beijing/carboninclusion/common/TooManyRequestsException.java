package cn.beijing.carboninclusion.common;

/** A client sent more requests than the configured rate allows. */
public class TooManyRequestsException extends RuntimeException {
  public TooManyRequestsException(String message) { super(message); }
}
