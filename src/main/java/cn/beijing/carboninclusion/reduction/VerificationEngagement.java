package cn.beijing.carboninclusion.reduction;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 委托核查: offers the verification task to the accounts of the verifier the developer engaged
 * ({@code verifierAccounts}, the task's candidate users), names it for the forms, and clears the conclusions of an
 * earlier round (a project restored after a suspension is verified again).
 */
@Component("verificationEngagement")
class VerificationEngagement implements JavaDelegate {
  private final ReductionLifecycle lifecycle;
  private final Verifiers verifiers;

  VerificationEngagement(ReductionLifecycle lifecycle, Verifiers verifiers) {
    this.lifecycle = lifecycle;
    this.verifiers = verifiers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ReductionApplication application = lifecycle.get(ReductionVariables.applicationId(execution));
    Long agencyId = application.getVerifierAgencyId();
    Verifiers.Agency agency = agencyId == null ? null : verifiers.agency(agencyId).orElse(null);
    List<String> accounts = agencyId == null ? List.of() : verifiers.accounts(agencyId);
    if (agency == null || accounts.isEmpty()) {
      // cannot happen after the filing's and the independence check's refusals, unless the agency lost its accounts
      throw new IllegalStateException("verifier of reduction application " + application.getId()
          + " has no account to verify it; link an account to the agency, then retry this job");
    }
    execution.setVariable(ReductionVariables.VERIFIER_ACCOUNTS, accounts);
    execution.setVariable(ReductionVariables.VERIFIER_NAME, agency.name());
    for (String earlier : new String[] {ReductionVariables.VERIFICATION_OPINION, ReductionVariables.VERIFIER_VERIFIED,
        ReductionVariables.VERIFICATION_COMMENT, ReductionVariables.VERIFICATION_SUMMARY}) {
      execution.removeVariable(earlier);
    }
  }
}
