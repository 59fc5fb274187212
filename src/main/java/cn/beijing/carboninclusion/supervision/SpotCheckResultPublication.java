package cn.beijing.carboninclusion.supervision;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 公开检查结果: every subject's conclusion and what followed, on the disclosure feed; the draw is complete. */
@Component("spotCheckResultPublication")
class SpotCheckResultPublication implements JavaDelegate {
  private final SpotChecks spotChecks;

  SpotCheckResultPublication(SpotChecks spotChecks) {
    this.spotChecks = spotChecks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    spotChecks.publishResults(((Number) execution.getVariable("spotCheckYear")).intValue());
  }
}
