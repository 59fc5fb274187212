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
    notices.step(step.eventId() + ":" + step.recipient(), step.type() == CaseStep.Type.STATUS_CHANGED,
        step.recipient(), step.addressee(), step.caseKind(), step.caseName(), step.fromLabel(), step.toLabel(),
        step.detail(), step.at());
  }
}
