package cn.beijing.carboninclusion.supervision;

import org.camunda.bpm.engine.delegate.VariableScope;

/** The case a task belongs to, from its process variables: a reduction application, a methodology or a project. */
record CaseRef(String caseType, Long caseId) {

  static CaseRef of(VariableScope scope) {
    if (scope.getVariable("applicationId") instanceof Number id) {
      return new CaseRef("REDUCTION", id.longValue());
    }
    if (scope.getVariable("methodologyId") instanceof Number id) {
      return new CaseRef("METHODOLOGY", id.longValue());
    }
    if (scope.getVariable("projectId") instanceof Number id) {
      return new CaseRef("PROJECT", id.longValue());
    }
    return null;
  }
}
