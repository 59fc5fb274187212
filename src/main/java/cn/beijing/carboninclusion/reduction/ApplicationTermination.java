package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.reduction.activity.ActivityUploads;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The project was cancelled: the application ends, nothing of it is issued, its trips are released. */
@Component("applicationTermination")
class ApplicationTermination implements JavaDelegate {
  private final ReductionLifecycle lifecycle;
  private final ActivityUploads uploads;

  ApplicationTermination(ReductionLifecycle lifecycle, ActivityUploads uploads) {
    this.lifecycle = lifecycle;
    this.uploads = uploads;
  }

  @Override
  public void execute(DelegateExecution execution) {
    lifecycle.transition(ReductionVariables.applicationId(execution), ReductionStatus.TERMINATED, "TERMINATED",
        "项目已注销，本申请终止，不予签发");
    uploads.release(ReductionVariables.applicationId(execution));
  }
}
