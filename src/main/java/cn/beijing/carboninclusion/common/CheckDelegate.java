package cn.beijing.carboninclusion.common;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * The shape of every automatic check: run one rule on the case, record its result (the reviewer reads them all in
 * the variable {@value #CHECK_SUMMARY}), and turn a hard failure into the BPMN error the model catches.
 */
public abstract class CheckDelegate implements JavaDelegate {
  public static final String CHECK_SUMMARY = "checkSummary";

  private final CaseChecks checks;
  private final String caseType;
  private final String idVariable;

  protected CheckDelegate(CaseChecks checks, String caseType, String idVariable) {
    this.checks = checks;
    this.caseType = caseType;
    this.idVariable = idVariable;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long caseId = ProcessVariables.id(execution, idVariable);
    CheckResult result = check(caseId);
    checks.record(caseType, caseId, result);
    execution.setVariable(CHECK_SUMMARY, checks.summary(caseType, caseId));
    if (result.failed()) {
      throw new BpmnError(result.errorCode(), result.detail());
    }
  }

  /** The one rule this delegate checks. */
  protected abstract CheckResult check(Long caseId);
}
