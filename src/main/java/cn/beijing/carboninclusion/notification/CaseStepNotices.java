package cn.beijing.carboninclusion.notification;

import cn.beijing.carboninclusion.common.CaseStep;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns each {@link CaseStep} into the addressee's notice: after the step committed, in a transaction of its own,
 * through Spring Modulith's event publication registry (a failure or a crash is delivered again), once per event and
 * recipient (the notice's idempotency key, unique in {@code notification}).
 */
@Component
class CaseStepNotices {
  private final CaseNotices notices;

  CaseStepNotices(CaseNotices notices) {
    this.notices = notices;
  }

  @TransactionalEventListener
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void on(CaseStep step) {
    notices.step(key(step.eventId(), step.recipient()), step.type() == CaseStep.Type.STATUS_CHANGED,
        step.recipient(), step.addressee(), step.caseKind(), step.caseName(), step.fromLabel(), step.toLabel(),
        step.detail(), step.at());
  }

  /**
   * The idempotency key of a step's notice: the event and a SHA-256 of the recipient's address, so the key (kept
   * while the notice is) names no one (docs/personal-data.md).
   */
  static String key(Object eventId, String recipient) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(recipient.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return eventId + ":" + java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
