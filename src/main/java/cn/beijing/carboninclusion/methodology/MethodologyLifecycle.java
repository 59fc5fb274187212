package cn.beijing.carboninclusion.methodology;

import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.developer.DeveloperOrganisations;
import cn.beijing.carboninclusion.common.PublicEvent;
import cn.beijing.carboninclusion.common.PublicEvents;
import cn.beijing.carboninclusion.notification.CaseNotices;
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

  private final Methodologies methodologies;
  private final DeveloperOrganisations developers;
  private final IdentityService identityService;
  private final AuditTrail auditTrail;
  private final CaseNotices notices;
  private final PublicEvents disclosure;
  private final Clock clock;

  public MethodologyLifecycle(Methodologies methodologies, DeveloperOrganisations developers,
      IdentityService identityService, AuditTrail auditTrail, CaseNotices notices, PublicEvents disclosure,
      Clock clock) {
    this.methodologies = methodologies;
    this.developers = developers;
    this.identityService = identityService;
    this.auditTrail = auditTrail;
    this.notices = notices;
    this.disclosure = disclosure;
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
    auditTrail.record(CASE_TYPE, id, action, from.name(), to.name(), reason);
    Recipient recipient = proposerOf(methodology);
    notices.statusChanged(recipient.email(), recipient.name(), KIND_LABEL, label(methodology), from.label(),
        to.label(), reason);
    return methodology;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void note(Long id, String action, String reason) {
    auditTrail.record(CASE_TYPE, id, action, null, null, reason);
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void publish(Methodology methodology, String title, String body) {
    disclosure.publish(CASE_TYPE, methodology.getId(), kindFor(methodology), title, body);
  }

  static String label(Methodology m) {
    return m.getName() + "（" + m.getCode() + " 第" + m.getVersion() + "版）";
  }

  private static PublicEvent.Kind kindFor(Methodology methodology) {
    return PublicEvent.Kind.METHODOLOGY;
  }

  record Recipient(String email, String name) {}

  private Recipient proposerOf(Methodology methodology) {
    if (methodology.getProposerDeveloperId() != null) {
      return developers.findById(methodology.getProposerDeveloperId())
          .map(d -> new Recipient(d.getContactEmail(), d.getName())).orElse(new Recipient(null, null));
    }
    if (methodology.getProposer() == null) {
      return new Recipient(null, null);
    }
    User user = identityService.createUserQuery().userId(methodology.getProposer()).singleResult();
    return user == null ? new Recipient(null, null)
        : new Recipient(user.getEmail(), user.getLastName() + user.getFirstName());
  }
}
