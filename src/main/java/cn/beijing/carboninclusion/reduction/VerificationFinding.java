package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.common.TaskInputRejected;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The bureau's finding that a verification was false (虚假核查, {@code verificationFalse}) needs its facts
 * ({@code falseVerificationReason}) and cannot go with registering the claim the verification supported: refused
 * (400 naming the field) otherwise. The finding bars the verifier ({@code Task_BarVerifier}).
 */
@Component("verificationFinding")
class VerificationFinding implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    if (!Boolean.TRUE.equals(task.getVariable("verificationFalse"))) {
      return;
    }
    String reason = ReductionVariables.text(task, "falseVerificationReason");
    if (reason == null || reason.isBlank()) {
      throw new TaskInputRejected("认定核查不实须写明事实与依据 (falseVerificationReason)");
    }
    if ("APPROVE".equals(task.getVariable(ReductionVariables.BUREAU_DECISION))) {
      throw new TaskInputRejected("认定核查不实时不得予以登记 (verificationFalse)");
    }
  }
}
