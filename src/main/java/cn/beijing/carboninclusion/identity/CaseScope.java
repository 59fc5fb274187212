package cn.beijing.carboninclusion.identity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The operation acts on one case named by a path variable, and only a caller who may see that case reaches it: staff of
 * the authorities see every case, a developer only its own (another's answers 404, as one that does not exist), anyone
 * else is refused (403). Checked by {@link AuthorizeBeforeBinding} before the request's body is read, so a caller
 * outside the case learns nothing of the operation's rules and sends nothing the platform parses; the capability's
 * own check stays (defence in depth, and the same rule for callers other than HTTP).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface CaseScope {
  /** The kind of case, as a {@link CaseScopeCheck} names it ({@code project}, {@code reduction-application}). */
  String kind();

  /** The path variable holding the case's id. */
  String variable() default "id";
}
