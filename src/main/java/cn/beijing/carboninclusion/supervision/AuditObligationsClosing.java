package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 终止审计义务: the project was cancelled ({@code Message_ProjectCancelled}); its open audit obligations end. */
@Component("auditObligationsClosing")
class AuditObligationsClosing implements JavaDelegate {
  private final AuditCycle cycle;

  AuditObligationsClosing(AuditCycle cycle) {
    this.cycle = cycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    cycle.close(ProcessVariables.id(execution, "projectId"));
  }
}
