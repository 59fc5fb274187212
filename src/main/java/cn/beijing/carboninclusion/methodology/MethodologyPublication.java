package cn.beijing.carboninclusion.methodology;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.decision.Decisions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 发布方法学: the approved version becomes EFFECTIVE today at the level the bureau decided and is published; the
 * version it revises becomes REVISED (effective until yesterday) and its evaluation cycle ends; the new version's
 * evaluation cycle starts.
 */
@Component("methodologyPublication")
class MethodologyPublication implements JavaDelegate {
  private final MethodologyLifecycle lifecycle;
  private final Methodologies methodologies;
  private final MethodologyEvaluations evaluations;
  private final WorkingDayCalendar calendar;
  private final Clock clock;
  private final Decisions decisions;

  MethodologyPublication(MethodologyLifecycle lifecycle, Methodologies methodologies,
      MethodologyEvaluations evaluations, WorkingDayCalendar calendar, Clock clock, Decisions decisions) {
    this.decisions = decisions;
    this.lifecycle = lifecycle;
    this.methodologies = methodologies;
    this.evaluations = evaluations;
    this.calendar = calendar;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long id = MethodologyVariables.methodologyId(execution);
    Decisions.Trail trail = decisions.of(execution);
    Decisions.Taken review = trail.require("Task_TechnicalReview", MethodologyVariables.REVIEW_DECISION, "APPROVE");
    Decisions.Taken approval = trail.require("Task_BureauApproval", MethodologyVariables.BUREAU_DECISION,
        "APPROVE_LEVEL_1", "APPROVE_LEVEL_2");
    trail.byDistinctPeople(review, approval).inOrder(review, approval);
    int level = "APPROVE_LEVEL_2".equals(approval.text(MethodologyVariables.BUREAU_DECISION)) ? 2 : 1;
    LocalDate today = LocalDate.now(clock.withZone(calendar.zone()));
    Methodology methodology = lifecycle.get(id);
    for (Methodology previous : methodologies.findByCodeOrderByVersionDesc(methodology.getCode())) {
      if (!previous.getId().equals(id) && (previous.getStatus() == MethodologyStatus.EFFECTIVE
          || previous.getStatus() == MethodologyStatus.UNDER_EVALUATION)) {
        LocalDate lastDay = today.minusDays(1);
        previous.endOn(previous.getEffectiveFrom() != null && lastDay.isBefore(previous.getEffectiveFrom())
            ? previous.getEffectiveFrom() : lastDay);
        lifecycle.transition(previous.getId(), MethodologyStatus.REVISED, "REVISED",
            "已由第" + methodology.getVersion() + "版替代；已登记项目在当前计入期内可继续适用");
        evaluations.supersede(previous.getId());
      }
    }
    methodology.publish(level, today, Instant.now(clock));
    lifecycle.transition(id, MethodologyStatus.EFFECTIVE, "PUBLISHED", "批准为" + (level == 1 ? "一" : "二")
        + "级方法学，自 " + today + " 起施行。" + approval.text(MethodologyVariables.BUREAU_COMMENT));
    lifecycle.publish(methodology, "方法学发布：" + MethodologyLifecycle.label(methodology),
        (level == 1 ? "一级方法学" : "二级方法学") + "，自 " + today + " 起施行。适用条件：" + methodology.getApplicability()
            + "。计算公式：" + methodology.getFormula());
    evaluations.startCycle(methodology);
  }
}
