package cn.beijing.carboninclusion.methodology;

import cn.beijing.carboninclusion.decision.CaseOwner;
import cn.beijing.carboninclusion.decision.CaseRef;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** A methodology case belongs to the developer who proposed it; none when the bureau drafted it. */
@Component
class MethodologyCaseOwner implements CaseOwner {
  private final Methodologies methodologies;

  MethodologyCaseOwner(Methodologies methodologies) {
    this.methodologies = methodologies;
  }

  @Override
  public String caseType() {
    return CaseRef.METHODOLOGY;
  }

  @Override
  public Optional<Long> developerOf(long caseId) {
    return methodologies.findById(caseId).map(Methodology::getProposerDeveloperId);
  }
}
