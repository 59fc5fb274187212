package cn.beijing.carboninclusion.methodology;

import cn.beijing.carboninclusion.common.CaseHistory;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.common.PublicEvent;
import cn.beijing.carboninclusion.developer.DeveloperOrganisations;
import java.time.Clock;
import java.time.Instant;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every change of a methodology's status, made by process steps: status, audit trail, the proposer's notice and the
 * disclosure feed change together in the engine's transaction.
 */
@Service
public class MethodologyLifecycle {
  public static final String CASE_TYPE = "METHODOLOGY";
  static final String KIND_LABEL = "方法学";
  static final CaseHistory.Kind KIND = new CaseHistory.Kind(CASE_TYPE, KIND_LABEL);

  private final Methodologies methodologies;
  private final DeveloperOrganisations developers;
  private final IdentityService identityService;
  private final CaseHistory history;
  private final Clock clock;

  public MethodologyLifecycle(Methodologies methodologies, DeveloperOrganisations developers,
      IdentityService identityService, CaseHistory history, Clock clock) {
    this.methodologies = methodologies;
    this.developers = developers;
    this.identityService = identityService;
    this.history = history;
    this.clock = clock;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public Methodology get(Long id) {
    return methodologies.findById(id).orElseThrow(() -> new NotFoundException("methodology", id));
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public Methodology transition(Long id, MethodologyStatus to, String action, String reason) {
    Methodology methodology = get(id);
    MethodologyStatus from = methodology.moveTo(to, reason, Instant.now(clock));
    history.moved(KIND, id, label(methodology), proposerOf(methodology), from, to, action, reason);
    return methodology;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void note(Long id, String action, String reason) {
    history.noted(KIND, id, action, reason);
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void publish(Methodology methodology, String title, String body) {
    history.published(KIND, methodology.getId(), PublicEvent.Kind.METHODOLOGY, title, body);
  }

  static String label(Methodology m) {
    return m.getName() + "（" + m.getCode() + " 第" + m.getVersion() + "版）";
  }

  private CaseHistory.Addressee proposerOf(Methodology methodology) {
    if (methodology.getProposerDeveloperId() != null) {
      return developers.findById(methodology.getProposerDeveloperId())
          .map(d -> new CaseHistory.Addressee(d.getContactEmail(), d.getName())).orElse(CaseHistory.Addressee.NOBODY);
    }
    if (methodology.getProposer() == null) {
      return CaseHistory.Addressee.NOBODY;
    }
    User user = identityService.createUserQuery().userId(methodology.getProposer()).singleResult();
    return user == null ? CaseHistory.Addressee.NOBODY
        : new CaseHistory.Addressee(user.getEmail(), user.getLastName() + user.getFirstName());
  }
}
