package cn.beijing.carboninclusion.methodology;

import java.time.Clock;
import java.time.Instant;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Records each expert's opinion when the expert completes the review task, and updates the panel's summary. */
@Component("expertOpinionRecording")
class ExpertOpinionRecording implements TaskListener {
  private final MethodologyOpinions opinions;
  private final MethodologyLifecycle lifecycle;
  private final Clock clock;

  ExpertOpinionRecording(MethodologyOpinions opinions, MethodologyLifecycle lifecycle, Clock clock) {
    this.opinions = opinions;
    this.lifecycle = lifecycle;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    Long methodologyId = MethodologyVariables.methodologyId(task);
    String expert = task.getAssignee();
    String opinion = MethodologyVariables.text(task, MethodologyVariables.EXPERT_OPINION);
    String comment = MethodologyVariables.text(task, MethodologyVariables.EXPERT_COMMENT);
    opinions.saveAndFlush(new MethodologyOpinion(methodologyId, expert, opinion, comment, Instant.now(clock)));
    lifecycle.note(methodologyId, "EXPERT_OPINION", expert + "：" + opinion + "，" + comment);
    task.getExecution().getProcessInstance().setVariable(MethodologyVariables.EXPERT_SUMMARY,
        opinions.findByMethodologyIdOrderByIdAsc(methodologyId).stream()
            .map(o -> "专家" + o.getExpert() + "【" + label(o.getOpinion()) + "】" + o.getComment())
            .collect(Collectors.joining("\n")));
  }

  static String label(String opinion) {
    return switch (opinion) {
      case "APPROVE" -> "同意";
      case "REVISE" -> "修改后同意";
      case "REJECT" -> "不同意";
      default -> opinion;
    };
  }
}
