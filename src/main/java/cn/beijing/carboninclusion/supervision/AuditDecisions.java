package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** The technical center's decision on an audit report: who reviewed this round (as recorded by the task listener). */
@Component
class AuditDecisions {
  static final String REVIEW_TASK = "Task_ReviewAuditReport";

  private final CaseActors actors;

  AuditDecisions(CaseActors actors) {
    this.actors = actors;
  }

  String reviewer(DelegateExecution execution) {
    return actors.findFirstByProcessInstanceIdAndStageOrderByIdDesc(execution.getProcessInstanceId(), REVIEW_TASK)
        .map(CaseActor::getUserId).orElseThrow(() -> new IllegalStateException(
            "no reviewer recorded for " + REVIEW_TASK + " in " + execution.getProcessInstanceId()));
  }

  static String comment(DelegateExecution execution) {
    return ProcessVariables.text(execution, "auditComment");
  }
}
