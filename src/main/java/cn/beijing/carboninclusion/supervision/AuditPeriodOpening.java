package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.common.ProcessVariables;
import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectLifecycle;
import java.time.format.DateTimeFormatter;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 确定审计期: opens the project's next audit period and sets what the model waits on — {@code auditPeriodEnd} (timer),
 * {@code auditReportDue} (the filing's due date and overdue timer, ISO 8601 with offset), {@code auditReviewDue} and
 * {@code auditLastPeriod} (the period reaches the end of the crediting period: the cycle ends after it).
 */
@Component("auditPeriodOpening")
class AuditPeriodOpening implements JavaDelegate {
  private final AuditCycle cycle;
  private final ProjectLifecycle projects;
  private final SchemeRuleBook rules;
  private final WorkingDayCalendar calendar;

  AuditPeriodOpening(AuditCycle cycle, ProjectLifecycle projects, SchemeRuleBook rules,
      WorkingDayCalendar calendar) {
    this.cycle = cycle;
    this.projects = projects;
    this.rules = rules;
    this.calendar = calendar;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long projectId = ProcessVariables.id(execution, "projectId");
    AuditReport report = cycle.openPeriod(projectId);
    Project project = projects.get(projectId);
    execution.setVariable("auditReportId", report.getId());
    execution.setVariable("auditPeriodLabel", report.getPeriodLabel());
    execution.setVariable("auditPeriodEnd", iso(report.getPeriodEnd().atStartOfDay(calendar.zone())
        .toOffsetDateTime()));
    execution.setVariable("auditReportDue", iso(report.getDueAt().atZone(calendar.zone()).toOffsetDateTime()));
    execution.setVariable("auditReviewDue", rules.duration(SchemeRule.AUDIT_REVIEW_WORKING_DAYS));
    execution.setVariable("auditLastPeriod", project.getCreditingEnd() != null
        && !project.getCreditingEnd().isAfter(report.getPeriodEnd().minusDays(1)));
  }

  private static String iso(java.time.OffsetDateTime time) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
  }
}
