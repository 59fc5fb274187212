package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.decision.CaseRef;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Writes every completed human task into the case's audit trail with who completed it and the decision and
 * reasons they entered (variables named *Decision, *Comment, *Upheld, *Response, *Note).
 */
@Component
public class TaskCompletionAudit implements TaskListener {
  private final AuditTrail auditTrail;

  public TaskCompletionAudit(AuditTrail auditTrail) {
    this.auditTrail = auditTrail;
  }

  @Override
  public void notify(DelegateTask task) {
    CaseRef caseRef = CaseRef.of(task);
    if (caseRef == null) {
      return;
    }
    Map<String, Object> decided = new TreeMap<>();
    task.getVariables().forEach((name, value) -> {
      if (value != null && name.matches(".*(Decision|Comment|Upheld|Response|Note)$")) {
        decided.put(name, value);
      }
    });
    String entered = decided.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("；"));
    auditTrail.record(caseRef.caseType(), caseRef.caseId(), "TASK_COMPLETED", null, null,
        task.getName() + (entered.isEmpty() ? "" : "：" + entered));
  }
}
