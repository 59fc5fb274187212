package cn.beijing.carboninclusion.methodology;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 启动修订: the evaluation decided to revise; a new version enters formulation while this one stays effective
 * until the new one takes effect.
 */
@Component("methodologyRevisionStart")
class MethodologyRevisionStart implements JavaDelegate {
  private final MethodologyLifecycle lifecycle;
  private final MethodologyProposals proposals;

  MethodologyRevisionStart(MethodologyLifecycle lifecycle, MethodologyProposals proposals) {
    this.lifecycle = lifecycle;
    this.proposals = proposals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long id = MethodologyVariables.methodologyId(execution);
    String comment = MethodologyVariables.text(execution, MethodologyVariables.EVALUATION_COMMENT);
    Methodology current = lifecycle.transition(id, MethodologyStatus.EFFECTIVE, "EVALUATED_REVISE",
        "动态评估结论：修订；新版本施行前本版本继续有效。" + comment);
    Methodology revision = proposals.startRevision(current, comment);
    lifecycle.publish(current, "方法学启动修订：" + MethodologyLifecycle.label(current),
        "第" + revision.getVersion() + "版进入制定程序，施行前本版本继续有效。" + comment);
  }
}
