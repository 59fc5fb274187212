package cn.beijing.carboninclusion.identity;

/**
 * Port: whether the current caller may see a case of one kind, answered by the capability that owns the case (the
 * project module for projects, the reduction module for reduction applications). Throws the platform's not-found
 * (another developer's case, or none) or forbidden exception; returns normally when the caller may see it.
 */
public interface CaseScopeCheck {
  /** The kind this check answers for, as {@link CaseScope#kind()} names it. */
  String kind();

  void requireVisible(long id);
}
