package cn.beijing.carboninclusion.methodology;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.common.ProcessVariables;
import cn.beijing.carboninclusion.common.TaskInputRejected;
import java.time.Clock;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * 评估决定 (completion of {@code Task_EvaluationDecision}, from Tasklist or the API): what a relevel or a retirement
 * decides must hold together before the task closes (400 naming the field, the task stays open). A relevel names the
 * new version's effective date, today or later; a relevel or a retirement of a level-1 version states what happens
 * to the projects registered under it — CONTINUE, or CLASS_TWO with the date from which no reductions are issued
 * (today or later, not before the new version takes effect). The form's rules say which fields are required; this
 * listener checks what a form cannot: real dates, not in the past, in order.
 */
@Component("evaluationDecisionDates")
class EvaluationDecisionDates implements TaskListener {
  private final WorkingDayCalendar calendar;
  private final Clock clock;

  EvaluationDecisionDates(WorkingDayCalendar calendar, Clock clock) {
    this.calendar = calendar;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    String decision = ProcessVariables.text(task, MethodologyVariables.EVALUATION_DECISION);
    if (!"RELEVEL".equals(decision) && !"RETIRE".equals(decision)) {
      return;
    }
    LocalDate today = LocalDate.now(clock.withZone(calendar.zone()));
    LocalDate from = today;
    if ("RELEVEL".equals(decision)) {
      from = ProcessVariables.dateNotBefore(task, MethodologyVariables.NEW_VERSION_FROM, "新版本生效日期", today,
          "今天");
    }
    Object level = task.getVariable(MethodologyVariables.LEVEL);
    String existing = ProcessVariables.text(task, MethodologyVariables.EXISTING_PROJECTS);
    if (!"CONTINUE".equals(existing) && !"CLASS_TWO".equals(existing)) {
      throw new TaskInputRejected("须决定本版本下已登记项目如何处理 (" + MethodologyVariables.EXISTING_PROJECTS + ")");
    }
    if ("CLASS_TWO".equals(existing)) {
      if (level != null && "2".equals(level.toString())) {
        throw new TaskInputRejected("二级方法学下的项目已是二类项目 (" + MethodologyVariables.EXISTING_PROJECTS + ")");
      }
      ProcessVariables.dateNotBefore(task, MethodologyVariables.ISSUANCE_STOPS_ON, "停止签发日期", from,
          "RELEVEL".equals(decision) ? "新版本生效日期" : "今天");
    }
  }
}
