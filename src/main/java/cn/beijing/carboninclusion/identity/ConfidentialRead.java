package cn.beijing.carboninclusion.identity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an API operation that reads confidential fields (禁止泄露信息): every call by staff — anyone who is not a
 * developer reading through the developer's own account — is written to the access log ({@link AccessLog}), with
 * its outcome, whatever it was.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ConfidentialRead {
  /** What is read (e.g. {@code PROJECT_DOCUMENT}); the path's variables identify which one. */
  String object();

  /** The confidential fields the answer carries, in Chinese, as the bureau reads them in the log. */
  String fields();
}
