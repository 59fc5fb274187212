package cn.beijing.carboninclusion.methodology;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Closes public comment and lists the comments for the technical center's finalisation. */
@Component("publicCommentClose")
class PublicCommentClose implements JavaDelegate {
  private final MethodologyLifecycle lifecycle;
  private final MethodologyComments comments;

  PublicCommentClose(MethodologyLifecycle lifecycle, MethodologyComments comments) {
    this.lifecycle = lifecycle;
    this.comments = comments;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long methodologyId = MethodologyVariables.methodologyId(execution);
    List<MethodologyComment> received = comments.findByMethodologyIdOrderByIdAsc(methodologyId);
    execution.setVariable(MethodologyVariables.COMMENT_COUNT, (long) received.size());
    execution.setVariable(MethodologyVariables.COMMENT_SUMMARY, received.isEmpty() ? "征求意见期间未收到意见"
        : received.stream().map(c -> "意见" + c.getId() + "：" + c.getContent()).collect(Collectors.joining("\n")));
    lifecycle.transition(methodologyId, MethodologyStatus.UNDER_REVIEW, "PUBLIC_COMMENT_ENDED",
        "征求意见结束，收到意见 " + received.size() + " 条，转入定稿");
  }
}
