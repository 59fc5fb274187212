package cn.beijing.carboninclusion.common;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the audit trail. The actor is the user the engine knows as authenticated (a reviewer completing a
 * task, a developer calling the API); work done by the job executor is recorded as {@value #SYSTEM}.
 */
@Service
public class AuditTrail {
  public static final String SYSTEM = "system";

  private final AuditEntries entries;
  private final IdentityService identityService;
  private final Clock clock;

  public AuditTrail(AuditEntries entries, IdentityService identityService, Clock clock) {
    this.entries = entries;
    this.identityService = identityService;
    this.clock = clock;
  }

  /** Records a change in the caller's transaction: if the change rolls back, so does its record. */
  @Transactional(propagation = Propagation.MANDATORY)
  public AuditEntry record(String caseType, Long caseId, String action, String fromStatus, String toStatus,
      String reason) {
    return entries.save(new AuditEntry(caseType, caseId, action, fromStatus, toStatus, currentActor(),
        Instant.now(clock), reason));
  }

  /**
   * Records a refusal in a transaction of its own, so it stays recorded although the refused action rolls back.
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public AuditEntry recordRefusal(String caseType, Long caseId, String action, String actor, String reason) {
    return entries.save(new AuditEntry(caseType, caseId, action, null, null, actor, Instant.now(clock), reason));
  }

  @Transactional(readOnly = true)
  public List<AuditEntry> of(String caseType, Long caseId) {
    return entries.findByCaseTypeAndCaseIdOrderByIdAsc(caseType, caseId);
  }

  /** The user the engine currently acts for, or {@value #SYSTEM}. */
  public String currentActor() {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication != null && authentication.getUserId() != null ? authentication.getUserId() : SYSTEM;
  }
}
