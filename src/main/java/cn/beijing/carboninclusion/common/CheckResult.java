package cn.beijing.carboninclusion.common;

/**
 * What a check found: its Chinese name, outcome, explanation and — for a hard failure — the BPMN error code the
 * model catches.
 */
public record CheckResult(String checkName, CaseCheck.Outcome outcome, String detail, String errorCode) {

  public static CheckResult passed(String checkName, String detail) {
    return new CheckResult(checkName, CaseCheck.Outcome.PASSED, detail, null);
  }

  public static CheckResult flagged(String checkName, String detail) {
    return new CheckResult(checkName, CaseCheck.Outcome.FLAGGED, detail, null);
  }

  public static CheckResult failed(String checkName, String errorCode, String detail) {
    return new CheckResult(checkName, CaseCheck.Outcome.FAILED, detail, errorCode);
  }

  public boolean failed() {
    return outcome == CaseCheck.Outcome.FAILED;
  }
}
