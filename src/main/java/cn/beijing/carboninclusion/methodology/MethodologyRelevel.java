package cn.beijing.carboninclusion.methodology;

import cn.beijing.carboninclusion.decision.Decisions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 调整级别 (issue 20, item 3): a relevel is a new version, never a change in place. The bureau's decision (read from the
 * recorded decision, not from process variables) names the date from which version n+1, at the other level and with
 * the same content, is in force; version n stays in force until the day before (REVISED) and carries the decision on
 * the projects registered under it — CONTINUE to the end of their crediting period, or CLASS_TWO with the date from
 * which no reductions are issued under it (the reduction checks and the issuance apply it). Both are published, the
 * new version's evaluation cycle starts and this one ends (the model's next step is its end event).
 */
@Component("methodologyRelevel")
class MethodologyRelevel implements JavaDelegate {
  private final MethodologyLifecycle lifecycle;
  private final Methodologies methodologies;
  private final MethodologyEvaluations evaluations;
  private final Decisions decisions;
  private final Clock clock;

  MethodologyRelevel(MethodologyLifecycle lifecycle, Methodologies methodologies, MethodologyEvaluations evaluations,
      Decisions decisions, Clock clock) {
    this.lifecycle = lifecycle;
    this.methodologies = methodologies;
    this.evaluations = evaluations;
    this.decisions = decisions;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long id = MethodologyVariables.methodologyId(execution);
    Decisions.Taken decision = EvaluationOutcome.decided(decisions, execution, "RELEVEL");
    Methodology current = lifecycle.get(id);
    LocalDate from = LocalDate.parse(decision.text(MethodologyVariables.NEW_VERSION_FROM).trim());
    String existing = decision.text(MethodologyVariables.EXISTING_PROJECTS).trim();
    String stops = decision.text(MethodologyVariables.ISSUANCE_STOPS_ON).trim();
    LocalDate stopsOn = "CLASS_TWO".equals(existing) ? LocalDate.parse(stops) : null;
    int level = current.getLevel() == 1 ? 2 : 1;
    int version = methodologies.findByCodeOrderByVersionDesc(current.getCode()).get(0).getVersion() + 1;
    String comment = decision.text(MethodologyVariables.EVALUATION_COMMENT);
    String levelText = level == 1 ? "一级" : "二级";
    String projects = existingProjectsText(existing, stopsOn);

    Methodology next = methodologies.save(current.nextVersion(version, level, from, Instant.now(clock)));
    // a version relevelled on its first day stays in force that day (as a revision published on it, docs)
    LocalDate lastDay = current.getEffectiveFrom() != null && from.minusDays(1).isBefore(current.getEffectiveFrom())
        ? current.getEffectiveFrom() : from.minusDays(1);
    current.endOn(lastDay);
    current.decideExistingProjects(existing, stopsOn);
    lifecycle.transition(id, MethodologyStatus.REVISED, "EVALUATED_RELEVELED", "动态评估结论：调整为" + levelText
        + "方法学，自 " + from + " 起由第" + version + "版替代，本版施行至 " + lastDay + "。" + projects + comment);
    lifecycle.note(next.getId(), "RELEVELED_VERSION", "由第" + current.getVersion() + "版调整级别而来，" + levelText
        + "方法学，自 " + from + " 起施行。" + comment);
    lifecycle.publish(next, "方法学级别调整：" + MethodologyLifecycle.label(current) + " → 第" + version + "版（" + levelText
        + "）", "自 " + from + " 起施行第" + version + "版（" + levelText + "方法学），第" + current.getVersion()
        + "版施行至 " + lastDay + "。" + projects + comment);
    execution.setVariable(MethodologyVariables.LEVEL, level);
    execution.setVariable("newVersionId", next.getId());
    evaluations.startCycle(next);
  }

  static String existingProjectsText(String existing, LocalDate stopsOn) {
    return "CLASS_TWO".equals(existing)
        ? "本版下已登记的项目转为二类项目，自 " + stopsOn + " 起不再签发减排量。"
        : "本版下已登记的项目在当前计入期内继续适用。";
  }
}
