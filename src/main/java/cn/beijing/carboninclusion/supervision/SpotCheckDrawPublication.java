package cn.beijing.carboninclusion.supervision;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 公开抽取结果: the draw (seed phrase, seed, population sizes and digest, subjects drawn) on the disclosure feed. */
@Component("spotCheckDrawPublication")
class SpotCheckDrawPublication implements JavaDelegate {
  private final SpotChecks spotChecks;

  SpotCheckDrawPublication(SpotChecks spotChecks) {
    this.spotChecks = spotChecks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    spotChecks.publishDraw(((Number) execution.getVariable("spotCheckYear")).intValue());
  }
}
