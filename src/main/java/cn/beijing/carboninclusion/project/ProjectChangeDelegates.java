package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.CheckDelegate;
import cn.beijing.carboninclusion.common.CheckResult;
import cn.beijing.carboninclusion.common.ProcessVariables;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The delegates of {@code ProjectChange} (processes/project-change.bpmn): thin glue between the model's variables and
 * {@link ProjectChangeSteps}. Variables: {@code changeId}, {@code projectId}, the DMN result {@code classification},
 * the reviewers' decisions and the user ids their tasks record ({@code acceptedBy}, {@code reviewedBy},
 * {@code decidedBy}).
 */
final class ProjectChangeDelegates {
  static final String CASE_TYPE = "PROJECT_CHANGE";
  static final String CHANGE_ID = "changeId";

  private ProjectChangeDelegates() {}

  static Long changeId(DelegateExecution execution) {
    return ProcessVariables.id(execution, CHANGE_ID);
  }

  /** 登记变更类别: records the DMN's classification as the flat variables the gateways read. */
  @Component("projectChangeClassification")
  static class Classification implements JavaDelegate {
    private final ProjectChangeSteps steps;

    Classification(ProjectChangeSteps steps) { this.steps = steps; }

    @Override
    public void execute(DelegateExecution execution) {
      if (!(execution.getVariable("classification") instanceof Map<?, ?> result)
          || !(result.get("changeClass") instanceof String changeClass)) {
        throw new IllegalStateException("ProjectChangeClassification gave no changeClass for "
            + execution.getVariable("changeKind"));
      }
      boolean acceptance = Boolean.TRUE.equals(result.get("acceptanceRequired"));
      ProjectChange change = steps.classify(changeId(execution), ProjectChange.ChangeClass.valueOf(changeClass),
          acceptance);
      execution.setVariable("changeClass", change.getChangeClass().name());
      execution.setVariable("acceptanceRequired", acceptance);
    }
  }

  /** A check of a change request (case type {@value #CASE_TYPE}); a failure is {@code Error_ChangeCheckFailed}. */
  abstract static class ChangeCheck extends CheckDelegate {
    final ProjectChangeSteps steps;

    ChangeCheck(CaseChecks checks, ProjectChangeSteps steps) {
      super(checks, CASE_TYPE, CHANGE_ID);
      this.steps = steps;
    }
  }

  /** 核查变更内容完整性. */
  @Component("changeCompletenessCheck")
  static class CompletenessCheck extends ChangeCheck {
    CompletenessCheck(CaseChecks checks, ProjectChangeSteps steps) { super(checks, steps); }

    /** Also tells the rejection whether the content was incomplete ({@code contentComplete}). */
    @Override
    public void execute(DelegateExecution execution) {
      execution.setVariable("contentComplete", false);
      super.execute(execution);
      execution.setVariable("contentComplete", true);
    }

    @Override
    protected CheckResult check(Long changeId) { return steps.checkCompleteness(changeId); }
  }

  /** 核查变更后收益返还比例. */
  @Component("changeRevenueReturnCheck")
  static class RevenueReturnCheck extends ChangeCheck {
    RevenueReturnCheck(CaseChecks checks, ProjectChangeSteps steps) { super(checks, steps); }

    @Override
    protected CheckResult check(Long changeId) { return steps.checkRevenueReturn(changeId); }
  }

  /** 核查受让开发方资格. */
  @Component("receivingDeveloperCheck")
  static class ReceivingDeveloperCheck extends ChangeCheck {
    ReceivingDeveloperCheck(CaseChecks checks, ProjectChangeSteps steps) { super(checks, steps); }

    @Override
    protected CheckResult check(Long changeId) { return steps.checkReceivingDeveloper(changeId); }
  }

  /** 通知受让方. */
  @Component("transferAcceptanceRequest")
  static class AcceptanceRequest implements JavaDelegate {
    private final ProjectChangeSteps steps;

    AcceptanceRequest(ProjectChangeSteps steps) { this.steps = steps; }

    @Override
    public void execute(DelegateExecution execution) { steps.requestAcceptance(changeId(execution)); }
  }

  /** 转入技术评估. */
  @Component("projectChangeReviewStart")
  static class ReviewStart implements JavaDelegate {
    private final ProjectChangeSteps steps;

    ReviewStart(ProjectChangeSteps steps) { this.steps = steps; }

    @Override
    public void execute(DelegateExecution execution) { steps.startReview(changeId(execution)); }
  }

  /** 变更生效: the next version; for a major change decided by the bureau, its approver and comment. */
  @Component("projectChangeApplication")
  static class Application implements JavaDelegate {
    private final ProjectChangeSteps steps;

    Application(ProjectChangeSteps steps) { this.steps = steps; }

    @Override
    public void execute(DelegateExecution execution) {
      boolean major = "MAJOR".equals(execution.getVariable("changeClass"));
      String decidedBy = major ? ProcessVariables.text(execution, "decidedBy") : "system";
      ProjectVersion version = steps.apply(changeId(execution), decidedBy.isEmpty() ? "system" : decidedBy,
          major ? ProcessVariables.text(execution, "bureauComment") : "");
      execution.setVariable("versionNo", version.getVersionNo());
    }
  }

  /**
   * 不予变更: a failed check (INCOMPLETE when the content check failed, else REJECTED), or a rejection by the
   * technical center or the bureau.
   */
  @Component("projectChangeRejection")
  static class Rejection implements JavaDelegate {
    private final ProjectChangeSteps steps;

    Rejection(ProjectChangeSteps steps) { this.steps = steps; }

    @Override
    public void execute(DelegateExecution execution) {
      String checkFailure = ProcessVariables.text(execution, "checkFailure");
      ProjectChangeStatus outcome;
      String by;
      String comment;
      if (!checkFailure.isEmpty()) {
        outcome = Boolean.FALSE.equals(execution.getVariable("contentComplete")) ? ProjectChangeStatus.INCOMPLETE
            : ProjectChangeStatus.REJECTED;
        by = "system";
        comment = "自动核查未通过：" + checkFailure;
      } else if ("APPROVE".equals(execution.getVariable("reviewDecision"))) {
        outcome = ProjectChangeStatus.REJECTED;
        by = ProcessVariables.text(execution, "decidedBy");
        comment = "生态环境局不予批准：" + ProcessVariables.text(execution, "bureauComment");
      } else {
        outcome = ProjectChangeStatus.REJECTED;
        by = ProcessVariables.text(execution, "reviewedBy");
        comment = "技术评估未通过：" + ProcessVariables.text(execution, "reviewComment");
      }
      steps.endWithoutEffect(changeId(execution), outcome, by.isEmpty() ? "system" : by, comment);
    }
  }

  /** 受让方拒绝: the receiving developer refused, or did not answer in time. */
  @Component("projectTransferRefusal")
  static class TransferRefusal implements JavaDelegate {
    private final ProjectChangeSteps steps;

    TransferRefusal(ProjectChangeSteps steps) { this.steps = steps; }

    @Override
    public void execute(DelegateExecution execution) {
      boolean answered = "REFUSE".equals(execution.getVariable("transferDecision"));
      String comment = answered ? "受让方拒绝接受转让：" + ProcessVariables.text(execution, "transferComment")
          : "受让方逾期未确认，视为拒绝";
      String by = answered ? ProcessVariables.text(execution, "acceptedBy") : "system";
      steps.endWithoutEffect(changeId(execution), ProjectChangeStatus.REFUSED, by.isEmpty() ? "system" : by, comment);
    }
  }

  /** 项目注销，终止变更. */
  @Component("projectChangeTermination")
  static class Termination implements JavaDelegate {
    private final ProjectChangeSteps steps;

    Termination(ProjectChangeSteps steps) { this.steps = steps; }

    @Override
    public void execute(DelegateExecution execution) {
      steps.terminate(changeId(execution), ProcessVariables.text(execution, "projectMessageReason"));
    }
  }
}
